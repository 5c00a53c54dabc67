package io.gpen4j.internal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gpen4j.internal.image.RgbaImage;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packed PNG read gives exactly the pixels of the general path (ImageIO's default image,
 * converted), for every PNG layout; only 8-bit truecolour takes it, the rest must be unchanged too.
 */
final class PackedPngReadTest {
  private static BufferedImage image(int type, long seed, int w, int h) {
    BufferedImage img = type == BufferedImage.TYPE_BYTE_INDEXED
        ? new BufferedImage(w, h, type, new IndexColorModel(8, 4, new byte[] {0, 50, (byte) 200, (byte) 255},
            new byte[] {0, 100, 20, (byte) 255}, new byte[] {0, 7, 90, (byte) 255}))
        : new BufferedImage(w, h, type);
    Random rnd = new Random(seed);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, rnd.nextInt());
      }
    }
    return img;
  }

  @ParameterizedTest
  @ValueSource(ints = {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_INT_RGB,
      BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_GRAY,
      BufferedImage.TYPE_BYTE_INDEXED})
  void decode_png_samePixelsAsTheGeneralPath(int type) throws IOException {
    for (int[] size : new int[][] {{1, 1}, {7, 3}, {64, 65}}) {
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      ImageIO.write(image(type, type * 31L + size[0], size[0], size[1]), "png", png);
      byte[] bytes = png.toByteArray();

      RgbaImage decoded = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS).decode(bytes, "t.png").image();
      RgbaImage general = RgbaImage.fromBufferedImage(ImageIO.read(new java.io.ByteArrayInputStream(bytes)));

      assertEquals(general.hasAlpha(), decoded.hasAlpha());
      assertArrayEquals(general.pixels(), decoded.pixels(), "type " + type + " " + size[0] + "x" + size[1]);
    }
  }
}
