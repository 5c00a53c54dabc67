package io.gpen4j.internal.detect;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gpen4j.spi.Tensor;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class InputTensorWriterTest {
  @Test
  void write_scaleOne_copiesPixelsInChannelOrderAndPadsWithNormalisedBlack() {
    int[] rgb = {0x102030, 0x405060, 0x708090, 0xA0B0C0, 0xD0E0F0, 0x010203};
    ArgbPixels pixels = ArgbPixels.wrap(3, 2, rgb);
    PixelNormalization norm = new PixelNormalization(true, 1, 2, 3, 0.5f);
    Tensor t = InputTensorWriter.write(pixels, new Letterbox(0, 0, 3, 2, 1, 4, 3), norm);
    float[] v = t.toArray();
    assertArrayEquals(new long[] {1, 3, 3, 4}, t.shape());
    int plane = 12;
    assertAll(
        // Pixel (1, 0) = 0x405060: blue 0x60 first in BGR.
        () -> assertEquals((0x60 - 1) * 0.5f, v[1], 1e-5),
        () -> assertEquals((0x50 - 2) * 0.5f, v[plane + 1], 1e-5),
        () -> assertEquals((0x40 - 3) * 0.5f, v[2 * plane + 1], 1e-5),
        // Pixel (2, 1) = 0x010203.
        () -> assertEquals((0x03 - 1) * 0.5f, v[4 + 2], 1e-5),
        // Padding: column 3 and row 2.
        () -> assertEquals(-1 * 0.5f, v[3], 1e-6),
        () -> assertEquals(-2 * 0.5f, v[plane + 8], 1e-6),
        () -> assertEquals(-3 * 0.5f, v[2 * plane + 11], 1e-6));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.13, 0.5, 0.77, 1.0, 1.6, 3.0})
  void write_constantImage_staysConstantAtAnyScale(double scale) {
    int w = 57;
    int h = 31;
    int[] rgb = new int[w * h];
    java.util.Arrays.fill(rgb, 0x336699);
    Letterbox lb = Letterbox.padded(0, 0, w, h, scale, 32);
    float[] v = InputTensorWriter.write(ArgbPixels.wrap(w, h, rgb), lb, PixelNormalization.YUNET).toArray();
    int plane = lb.inputWidth() * lb.inputHeight();
    for (int y = 0; y < lb.contentHeight(); y++) {
      for (int x = 0; x < lb.contentWidth(); x++) {
        int i = y * lb.inputWidth() + x;
        assertEquals(0x99, v[i], 1e-3, "blue at " + x + "," + y);
        assertEquals(0x66, v[plane + i], 1e-3);
        assertEquals(0x33, v[2 * plane + i], 1e-3);
      }
    }
  }

  @Test
  void argbPixels_subImageAndOtherTypes_readTheSameValues() {
    Random random = new Random(5);
    BufferedImage parent = new BufferedImage(20, 15, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < 15; y++) {
      for (int x = 0; x < 20; x++) {
        parent.setRGB(x, y, 0xFF000000 | random.nextInt(0x1000000));
      }
    }
    BufferedImage sub = parent.getSubimage(3, 4, 10, 9);
    BufferedImage bgr = new BufferedImage(10, 9, BufferedImage.TYPE_3BYTE_BGR);
    bgr.getGraphics().drawImage(sub, 0, 0, null);
    ArgbPixels fast = ArgbPixels.of(sub);
    ArgbPixels converted = ArgbPixels.of(bgr);
    for (int y = 0; y < 9; y++) {
      for (int x = 0; x < 10; x++) {
        int expected = parent.getRGB(x + 3, y + 4) & 0xFFFFFF;
        assertEquals(expected, fast.rgb(x, y) & 0xFFFFFF, "sub-image at " + x + "," + y);
        assertEquals(expected, converted.rgb(x, y) & 0xFFFFFF, "3BYTE_BGR at " + x + "," + y);
      }
    }
  }
}
