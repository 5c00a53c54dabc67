package io.gpen4j.internal.detect;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.models.Normalization;
import io.gpen4j.spi.Tensor;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class InputTensorWriterTest {
  @Test
  void write_scaleOne_copiesPixelsInChannelOrderAndPadsWithNormalisedBlack() {
    int[] rgb = {0x102030, 0x405060, 0x708090, 0xA0B0C0, 0xD0E0F0, 0x010203};
    RgbaImage pixels = RgbaImage.wrap(3, 2, rgb, false);
    Normalization norm = Normalization.BGR_MEAN_104_117_123;
    Tensor t = InputTensorWriter.write(pixels, new Letterbox(0, 0, 3, 2, 1, 4, 3), norm);
    float[] v = t.toArray();
    assertArrayEquals(new long[] {1, 3, 3, 4}, t.shape());
    int plane = 12;
    assertAll(
        // Pixel (1, 0) = 0x405060: blue 0x60 first in BGR.
        () -> assertEquals(0x60 - 104, v[1], 1e-5),
        () -> assertEquals(0x50 - 117, v[plane + 1], 1e-5),
        () -> assertEquals(0x40 - 123, v[2 * plane + 1], 1e-5),
        // Pixel (2, 1) = 0x010203.
        () -> assertEquals(0x03 - 104, v[4 + 2], 1e-5),
        // Padding: column 3 and row 2.
        () -> assertEquals(-104, v[3], 1e-6),
        () -> assertEquals(-117, v[plane + 8], 1e-6),
        () -> assertEquals(-123, v[2 * plane + 11], 1e-6));
  }

  @Test
  void write_rgbScaled_followsTheNormalization() {
    RgbaImage pixels = RgbaImage.wrap(1, 1, new int[] {0x80FF00}, false);
    float[] v = InputTensorWriter.write(pixels, new Letterbox(0, 0, 1, 1, 1, 1, 1), Normalization.RGB_CENTERED_128)
        .toArray();
    assertArrayEquals(new float[] {(0x80 - 127.5f) / 128, (0xFF - 127.5f) / 128, -127.5f / 128}, v, 1e-6f);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.13, 0.5, 0.77, 1.0, 1.6, 3.0})
  void write_constantImage_staysConstantAtAnyScale(double scale) {
    int w = 57;
    int h = 31;
    int[] rgb = new int[w * h];
    java.util.Arrays.fill(rgb, 0x336699);
    Letterbox lb = Letterbox.padded(0, 0, w, h, scale, 32);
    float[] v = InputTensorWriter.write(RgbaImage.wrap(w, h, rgb, false), lb, Normalization.BGR_0_255).toArray();
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

  /** The unscaled path (photos no larger than the input) against the pixels themselves. */
  @RepeatedTest(25)
  void write_scaleOne_isEachPixelNormalisedWithPaddingBlack(RepetitionInfo info) {
    Random rnd = new Random(7000 + info.getCurrentRepetition());
    int w = 1 + rnd.nextInt(90);
    int h = 1 + rnd.nextInt(90);
    int[] argb = new int[w * h];
    for (int i = 0; i < argb.length; i++) {
      argb[i] = rnd.nextInt();
    }
    RgbaImage image = RgbaImage.wrap(w, h, argb, rnd.nextBoolean());
    int rx = rnd.nextInt(w);
    int ry = rnd.nextInt(h);
    int rw = 1 + rnd.nextInt(w - rx);
    int rh = 1 + rnd.nextInt(h - ry);
    int inW = rw + rnd.nextInt(40);
    int inH = rh + rnd.nextInt(40);
    Normalization[] all = Normalization.values();
    Normalization norm = all[rnd.nextInt(all.length)];
    float[] v = InputTensorWriter.write(image, new Letterbox(rx, ry, rw, rh, 1.0, inW, inH), norm).toArray();
    int plane = inW * inH;
    for (int y = 0; y < inH; y++) {
      for (int x = 0; x < inW; x++) {
        boolean inside = x < rw && y < rh;
        int p = inside ? argb[(ry + y) * w + rx + x] : 0;
        int[] rgb = {(p >> 16) & 0xFF, (p >> 8) & 0xFF, p & 0xFF};
        for (int c = 0; c < 3; c++) {
          int value = rgb[norm.bgr() ? 2 - c : c];
          double expected = (value - norm.mean(c)) / norm.std(c);
          assertEquals(expected, v[c * plane + y * inW + x], 1e-4 * Math.max(1, Math.abs(expected)),
              norm + " channel " + c + " at " + x + "," + y + (inside ? "" : " (padding)"));
        }
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void write_intoAPreviousTilesArray_sameAsIntoANewOne(long seed) {
    Random rnd = new Random(seed);
    int w = 20 + rnd.nextInt(60);
    int h = 20 + rnd.nextInt(60);
    int[] argb = new int[w * h];
    for (int i = 0; i < argb.length; i++) {
      argb[i] = rnd.nextInt();
    }
    RgbaImage image = RgbaImage.wrap(w, h, argb, false);
    int inW = 16 + rnd.nextInt(32);
    int inH = 16 + rnd.nextInt(32);
    double scale = rnd.nextBoolean() ? 1.0 : 0.3 + rnd.nextDouble();
    int rw = Math.min(w, (int) Math.floor(inW / scale));
    int rh = Math.min(h, (int) Math.floor(inH / scale));
    Letterbox lb = new Letterbox(0, 0, rw, rh, scale, inW, inH);
    float[] dirty = new float[3 * inW * inH];
    java.util.Arrays.fill(dirty, Float.NaN);

    Tensor fresh = InputTensorWriter.write(image, lb, Normalization.BGR_0_255);
    Tensor reused = InputTensorWriter.write(image, lb, Normalization.BGR_0_255, dirty);

    assertArrayEquals(fresh.toArray(), reused.toArray(), 0f, "no value of the previous tile may be left");
    assertArrayEquals(fresh.toArray(), dirty, 0f, "written into the array given");
  }
}
