package io.gpen4j.internal.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.testing.TestImages;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencv.imgproc.Imgproc;

final class ImageResizeTest {
  /**
   * OpenCV computes INTER_LINEAR in fixed point (11-bit weights, truncating shifts) and INTER_AREA
   * in float, rounding to 8 bits; we round once from float, so a value may land one step away, for
   * up to about one value in six with INTER_LINEAR.
   */
  private static final int MAX_TOLERANCE = 1;

  private static final double MEAN_TOLERANCE = 0.2;

  @ParameterizedTest
  @CsvSource({
    "128, 96, 32, 24", // integer factor 4
    "97, 61, 40, 23", // fractional factors
    "300, 200, 299, 101", // barely shrinking and by about 2
    "50, 50, 7, 3",
    "1000, 40, 333, 39",
  })
  void resize_shrinking_matchesOpenCvInterArea(int sw, int sh, int dw, int dh) {
    RgbaImage src = TestImages.noiseWithAlpha(sw, sh, new Random(sw * 31L + dw));
    assertMatches(ImageResize.resize(src, dw, dh), OpenCvReference.resize(src, dw, dh, Imgproc.INTER_AREA));
  }

  @ParameterizedTest
  @CsvSource({
    "37, 29, 100, 77",
    "16, 16, 64, 64", // integer factor 4
    "10, 30, 11, 31",
    "2, 2, 9, 5",
    "100, 60, 317, 60",
  })
  void resize_enlarging_matchesOpenCvInterLinear(int sw, int sh, int dw, int dh) {
    RgbaImage src = TestImages.noiseWithAlpha(sw, sh, new Random(sw * 17L + dh));
    assertMatches(ImageResize.resize(src, dw, dh), OpenCvReference.resize(src, dw, dh, Imgproc.INTER_LINEAR));
  }

  @ParameterizedTest
  @CsvSource({
    "1, 1, 1, 1", "1, 1, 5, 3", "7, 1, 1, 1", "1, 9, 1, 4", "9, 1, 3, 1", "1, 9, 3, 1", "6, 5, 1, 1", "1, 1, 1, 7",
  })
  void resize_tinySizes_keepConstantImageConstant(int sw, int sh, int dw, int dh) {
    int[] px = new int[sw * sh];
    Arrays.fill(px, 0x80C0FF01);
    RgbaImage out = ImageResize.resize(RgbaImage.wrap(sw, sh, px, true), dw, dh);
    assertEquals(dw, out.width());
    assertEquals(dh, out.height());
    for (int p : out.pixels()) {
      assertEquals(0x80C0FF01, p);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 7, 64})
  void resize_toOnePixel_averagesEverything(int n) {
    RgbaImage src = TestImages.noiseWithAlpha(n, n + 1, new Random(n));
    RgbaImage out = ImageResize.resize(src, 1, 1);
    for (int c = 0; c < 4; c++) {
      double sum = 0;
      for (int p : src.pixels()) {
        sum += TestImages.channel(p, c);
      }
      assertEquals(sum / src.pixels().length, TestImages.channel(out.pixels()[0], c), 0.5 + 1e-3, "channel " + c);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 4})
  void resize_oneRowAndOneColumn_matchOpenCv(int seed) {
    Random rnd = new Random(seed);
    RgbaImage row = TestImages.noiseWithAlpha(40, 1, rnd);
    assertMatches(ImageResize.resize(row, 13, 1), OpenCvReference.resize(row, 13, 1, Imgproc.INTER_AREA));
    assertMatches(ImageResize.resize(row, 90, 1), OpenCvReference.resize(row, 90, 1, Imgproc.INTER_LINEAR));
    RgbaImage column = TestImages.noiseWithAlpha(1, 40, rnd);
    assertMatches(ImageResize.resize(column, 1, 13), OpenCvReference.resize(column, 1, 13, Imgproc.INTER_AREA));
    assertMatches(ImageResize.resize(column, 1, 90), OpenCvReference.resize(column, 1, 90, Imgproc.INTER_LINEAR));
  }

  @Test
  void resize_keepsAlphaFlagAndConstantAlpha() {
    RgbaImage src = TestImages.noise(50, 40, new Random(5));
    int[] px = src.pixels().clone();
    for (int i = 0; i < px.length; i++) {
      px[i] = (px[i] & 0xFFFFFF) | 0x40000000;
    }
    RgbaImage translucent = RgbaImage.wrap(50, 40, px, true);
    for (int[] size : new int[][] {{17, 13}, {120, 90}}) {
      RgbaImage out = ImageResize.resize(translucent, size[0], size[1]);
      assertTrue(out.hasAlpha());
      for (int p : out.pixels()) {
        assertEquals(0x40, p >>> 24);
      }
    }
    assertEquals(false, ImageResize.resize(src, 10, 10).hasAlpha());
  }

  /** The colour-only resize gives resize()'s colour exactly, opaque, whatever the source's alpha. */
  @ParameterizedTest
  @CsvSource({"300, 200, 100, 67, TRIANGLE", "300, 200, 100, 67, AREA", "64, 48, 150, 90, TRIANGLE", "9, 4, 9, 4, AREA"})
  void resizeColour_sameColourAsResize_opaque(int sw, int sh, int dw, int dh, ResampleFilter filter) {
    RgbaImage src = TestImages.noiseWithAlpha(sw, sh, new Random(sw * 31L + dw));
    int[] full = ImageResize.resize(src, dw, dh, filter).pixels();
    RgbaImage colour = ImageResize.resizeColour(src, dw, dh, filter);
    assertEquals(false, colour.hasAlpha());
    for (int i = 0; i < full.length; i++) {
      assertEquals(full[i] & 0xFFFFFF, colour.pixels()[i] & 0xFFFFFF, "colour of pixel " + i);
      assertEquals(0xFF, colour.pixels()[i] >>> 24, "alpha of pixel " + i);
    }
  }

  @Test
  void resize_sameSize_returnsEqualCopy() {
    RgbaImage src = TestImages.noiseWithAlpha(9, 4, new Random(2));
    RgbaImage out = ImageResize.resize(src, 9, 4);
    assertArrayEquals(src.pixels(), out.pixels());
    assertTrue(out.pixels() != src.pixels(), "a new image");
  }

  @Test
  void resize_badSize_throws() {
    RgbaImage src = TestImages.noise(4, 4, new Random(1));
    assertThrows(IllegalArgumentException.class, () -> ImageResize.resize(src, 0, 3));
    assertThrows(IllegalArgumentException.class, () -> ImageResize.resize(src, 3, -1));
  }

  private static void assertMatches(RgbaImage ours, RgbaImage reference) {
    assertEquals(reference.width(), ours.width());
    assertEquals(reference.height(), ours.height());
    long sum = 0;
    int max = 0;
    int[] a = ours.pixels();
    int[] b = reference.pixels();
    for (int i = 0; i < a.length; i++) {
      for (int c = 0; c < 4; c++) {
        int e = Math.abs(TestImages.channel(a[i], c) - TestImages.channel(b[i], c));
        sum += e;
        max = Math.max(max, e);
      }
    }
    double mean = sum / (4.0 * a.length);
    assertTrue(max <= MAX_TOLERANCE, "max abs error " + max + " (mean " + mean + ")");
    assertTrue(mean <= MEAN_TOLERANCE, "mean abs error " + mean);
  }
}
