package io.gpen4j.internal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.gpen4j.internal.image.RgbaImage;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class RowViewImageTest {
  private static RgbaImage random(int w, int h, boolean alpha, long seed) {
    Random random = new Random(seed);
    int[] px = new int[w * h];
    for (int i = 0; i < px.length; i++) {
      px[i] = random.nextInt();
    }
    return RgbaImage.wrap(w, h, px, alpha);
  }

  /** The view answers every rectangle with the pixels a plain image copies, without copying. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void getData_sameSamplesAsACopy_sharingTheBuffer(long seed) {
    Random random = new Random(seed);
    RgbaImage image = random(31 + random.nextInt(40), 17 + random.nextInt(40), seed % 2 == 0, seed);
    BufferedImage plain = image.view();
    BufferedImage view = RowViewImage.of(image.view());
    for (int i = 0; i < 20; i++) {
      int x = random.nextInt(image.width());
      int y = random.nextInt(image.height());
      Rectangle r = new Rectangle(x, y, 1 + random.nextInt(image.width() - x), 1 + random.nextInt(image.height() - y));
      Raster expected = plain.getData(r);
      Raster actual = view.getData(r);
      assertArrayEquals(expected.getPixels(r.x, r.y, r.width, r.height, (int[]) null),
          actual.getPixels(r.x, r.y, r.width, r.height, (int[]) null), "pixels of " + r);
      assertSame(view.getRaster().getDataBuffer(), actual.getDataBuffer(), "a view, not a copy");
    }
  }

  /** The encoder's PNG is byte for byte what ImageIO writes from a plain image. */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void png_bytesEqualImageIoFromAPlainImage(boolean alpha) throws Exception {
    RgbaImage image = random(123, 45, alpha, 7);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    ImageIO.write(image.view(), "png", expected);
    ByteArrayOutputStream actual = new ByteArrayOutputStream();
    ImageEncoder.write(image, io.gpen4j.ImageFormat.PNG, actual);
    assertArrayEquals(expected.toByteArray(), actual.toByteArray());
  }
}
