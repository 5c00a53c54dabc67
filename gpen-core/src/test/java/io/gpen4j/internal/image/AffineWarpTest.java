package io.gpen4j.internal.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.SimilarityTransform;
import io.gpen4j.testing.TestImages;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class AffineWarpTest {
  /**
   * OpenCV rounds sample positions to 1/32 pixel and its output to 8 bits. On uniform noise, where
   * neighbours differ by up to 255, a position off by 1/64 on each axis moves a sample by at most
   * 2 * 255/64 ~ 8, plus 0.5 for rounding; on average (neighbours differ by 85) well under 1. A
   * geometric slip of even a tenth of a pixel would cost a mean error near 10.
   */
  private static final double OPENCV_MEAN_TOLERANCE = 1.0;

  private static final double OPENCV_MAX_TOLERANCE = 2 * 255 / 64.0 + 0.5;

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void warp_randomUpscalingTransform_matchesOpenCvWarpAffine(int seed) {
    Random rnd = new Random(seed);
    RgbaImage src = TestImages.noise(150 + rnd.nextInt(100), 120 + rnd.nextInt(100), rnd);
    int size = 96 + rnd.nextInt(64);
    double scale = 1 + 2 * rnd.nextDouble();
    double angle = (2 * rnd.nextDouble() - 1) * Math.PI;
    // A crop centred anywhere in the image, so some crops run over the border (replicated).
    double cx = src.width() * rnd.nextDouble();
    double cy = src.height() * rnd.nextDouble();
    SimilarityTransform srcToCrop = centredOn(cx, cy, scale, angle, size);

    FloatImage ours = AffineWarp.warp(src, srcToCrop, size);
    FloatImage cv = OpenCvReference.warpAffine(src, srcToCrop, size);

    double[] err = absError(ours, cv);
    assertTrue(err[0] <= OPENCV_MEAN_TOLERANCE, "mean abs error " + err[0]);
    assertTrue(err[1] <= OPENCV_MAX_TOLERANCE, "max abs error " + err[1]);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6})
  void warpWithBorder_rectangle_matchesOpenCvWarpAffineWithConstantBorder(int seed) {
    Random rnd = new Random(seed);
    RgbaImage src = TestImages.noise(150 + rnd.nextInt(100), 120 + rnd.nextInt(100), rnd);
    int width = 60 + rnd.nextInt(80);
    int height = 60 + rnd.nextInt(120);
    double scale = 1 + rnd.nextDouble();
    double angle = (2 * rnd.nextDouble() - 1) * 0.5;
    SimilarityTransform srcToCrop = centredOn(src.width() * rnd.nextDouble(), src.height() * rnd.nextDouble(),
        scale, angle, Math.min(width, height));
    int border = rnd.nextInt(0x1000000);

    FloatImage ours = AffineWarp.warpWithBorder(src, srcToCrop, width, height, border);
    FloatImage cv = OpenCvReference.warpAffine(src, srcToCrop, width, height, border);

    assertEquals(width, ours.width());
    assertEquals(height, ours.height());
    double[] err = absError(ours, cv);
    assertTrue(err[0] <= OPENCV_MEAN_TOLERANCE, "mean abs error " + err[0]);
    assertTrue(err[1] <= OPENCV_MAX_TOLERANCE, "max abs error " + err[1]);
  }

  @Test
  void warp_identityTransform_returnsSameImage() {
    RgbaImage src = TestImages.noise(64, 64, new Random(7));
    FloatImage crop = AffineWarp.warp(src, SimilarityTransform.IDENTITY, 64);
    float[] expected = TestImages.planar(src).data();
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], crop.data()[i], 1e-4, "value " + i);
    }
  }

  @Test
  void warp_integerTranslationOutside_replicatesBorder() {
    RgbaImage src = TestImages.noise(20, 10, new Random(3));
    // Crop pixel (x, y) reads source (x - 5, y - 5): the first five rows and columns lie outside.
    FloatImage crop = AffineWarp.warp(src, new SimilarityTransform(1, 0, 5, 5), 16);
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++) {
        int sx = Math.max(0, Math.min(19, x - 5));
        int sy = Math.max(0, Math.min(9, y - 5));
        assertEquals(src.argb(sx, sy) >> 8 & 0xFF, crop.get(1, x, y), 1e-4, "green at " + x + "," + y);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {21, 22, 23, 24, 25, 26, 27, 28})
  void warp_thenInverseWarp_returnsInteriorOfSmoothImage(int seed) {
    Random rnd = new Random(seed);
    int n = 160;
    RgbaImage src = TestImages.smooth(n, n, rnd);
    double scale = 1.5 + 1.5 * rnd.nextDouble();
    double angle = (2 * rnd.nextDouble() - 1) * Math.PI;
    int size = 256;
    // The crop sees a square of side size / scale around the centre, inside the image.
    SimilarityTransform srcToCrop = centredOn(n / 2.0, n / 2.0, scale, angle, size);
    FloatImage crop = AffineWarp.warp(src, srcToCrop, size);
    FloatImage back = AffineWarp.warp(TestImages.toRgba(crop), srcToCrop.inverse(), n);

    FloatImage expected = TestImages.planar(src);
    double sum = 0;
    double max = 0;
    int count = 0;
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        io.gpen4j.Point q = srcToCrop.apply(new io.gpen4j.Point(x, y));
        // Only pixels whose whole supersampling footprint lies well inside the crop.
        if (q.x() < scale + 2 || q.y() < scale + 2 || q.x() > size - scale - 3 || q.y() > size - scale - 3) {
          continue;
        }
        for (int c = 0; c < 3; c++) {
          double e = Math.abs(back.get(c, x, y) - expected.get(c, x, y));
          sum += e;
          max = Math.max(max, e);
          count++;
        }
      }
    }
    assertTrue(count > 3000, "compared " + count + " values");
    assertTrue(sum / count <= 0.75, "mean abs error " + sum / count);
    assertTrue(max <= 4.0, "max abs error " + max);
  }

  @Test
  void warp_shrinkingCheckerboard_isMidGreyWhereBilinearAliases() {
    int n = 256;
    int[] px = new int[n * n];
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        px[y * n + x] = ((x + y) & 1) == 0 ? 0xFF000000 : 0xFFFFFFFF;
      }
    }
    RgbaImage board = RgbaImage.wrap(n, n, px, false);
    SimilarityTransform shrink = centredOn(n / 2.0 + 0.3, n / 2.0 + 0.7, 0.25, 0.1, 56);

    double[] ours = meanAndStd(AffineWarp.warp(board, shrink, 56));
    double[] bilinear = meanAndStd(OpenCvReference.warpAffine(board, shrink, 56));

    assertEquals(127.5, ours[0], 3, "mean of anti-aliased shrink");
    assertTrue(ours[1] < 6, "std of anti-aliased shrink " + ours[1]);
    // The same criterion fails for plain bilinear sampling: the test can tell the two apart.
    assertTrue(bilinear[1] > 30, "std of bilinear shrink " + bilinear[1]);
  }

  /** Shrinking averages an even n x n grid of bilinear taps over each output pixel's square. */
  @ParameterizedTest
  @ValueSource(ints = {31, 32, 33, 34, 35, 36})
  void warp_randomShrinkingTransform_averagesBilinearTapsOverPixelFootprint(int seed) {
    Random rnd = new Random(seed);
    RgbaImage src = TestImages.noise(200, 170, rnd);
    int size = 40 + rnd.nextInt(30);
    double scale = 0.15 + 0.8 * rnd.nextDouble();
    SimilarityTransform srcToCrop = centredOn(200 * rnd.nextDouble(), 170 * rnd.nextDouble(), scale,
        (2 * rnd.nextDouble() - 1) * Math.PI, size);
    int n = AffineWarp.tapsPerAxis(scale);
    SimilarityTransform inv = srcToCrop.inverse();

    FloatImage crop = AffineWarp.warp(src, srcToCrop, size);

    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        double[] sum = new double[3];
        for (int j = 0; j < n; j++) {
          for (int i = 0; i < n; i++) {
            io.gpen4j.Point p = inv.apply(new io.gpen4j.Point(x + (i + 0.5) / n - 0.5, y + (j + 0.5) / n - 0.5));
            for (int c = 0; c < 3; c++) {
              sum[c] += bilinearReplicate(src, c, p.x(), p.y());
            }
          }
        }
        for (int c = 0; c < 3; c++) {
          assertEquals(sum[c] / (n * n), crop.get(c, x, y), 1e-3, "channel " + c + " at " + x + "," + y);
        }
      }
    }
  }

  @Test
  void tapsPerAxis_followsInverseScaleUpToCap() {
    assertEquals(1, AffineWarp.tapsPerAxis(1.0));
    assertEquals(1, AffineWarp.tapsPerAxis(3.0));
    assertEquals(2, AffineWarp.tapsPerAxis(0.5));
    assertEquals(2, AffineWarp.tapsPerAxis(0.64));
    assertEquals(4, AffineWarp.tapsPerAxis(0.25));
    assertEquals(AffineWarp.MAX_TAPS_PER_AXIS, AffineWarp.tapsPerAxis(0.01));
  }

  @Test
  void warp_nonPositiveSize_throws() {
    RgbaImage src = TestImages.noise(4, 4, new Random(1));
    assertThrows(IllegalArgumentException.class, () -> AffineWarp.warp(src, SimilarityTransform.IDENTITY, 0));
  }

  @Test
  void warp_onePixelSource_fillsCropWithIt() {
    RgbaImage src = RgbaImage.wrap(1, 1, new int[] {0xFF102030}, false);
    FloatImage crop = AffineWarp.warp(src, SimilarityTransform.of(0.3, 1, 2, 3), 5);
    for (int i = 0; i < 25; i++) {
      assertEquals(0x10, crop.data()[i], 1e-4);
      assertEquals(0x20, crop.data()[25 + i], 1e-4);
      assertEquals(0x30, crop.data()[50 + i], 1e-4);
    }
  }

  /** The transform that maps source point (cx, cy) to the crop centre with the scale and angle. */
  static SimilarityTransform centredOn(double cx, double cy, double scale, double angle, int size) {
    SimilarityTransform rot = SimilarityTransform.of(scale, angle, 0, 0);
    io.gpen4j.Point c = rot.apply(new io.gpen4j.Point(cx, cy));
    double mid = (size - 1) / 2.0;
    return new SimilarityTransform(rot.a(), rot.b(), mid - c.x(), mid - c.y());
  }

  /** A plain bilinear read with replicated border: the textbook definition, as a reference. */
  private static double bilinearReplicate(RgbaImage src, int c, double x, double y) {
    int x0 = (int) Math.floor(x);
    int y0 = (int) Math.floor(y);
    double fx = x - x0;
    double fy = y - y0;
    double top = (1 - fx) * value(src, c, x0, y0) + fx * value(src, c, x0 + 1, y0);
    double bottom = (1 - fx) * value(src, c, x0, y0 + 1) + fx * value(src, c, x0 + 1, y0 + 1);
    return (1 - fy) * top + fy * bottom;
  }

  private static int value(RgbaImage src, int c, int x, int y) {
    int cx = Math.max(0, Math.min(src.width() - 1, x));
    int cy = Math.max(0, Math.min(src.height() - 1, y));
    return TestImages.channel(src.argb(cx, cy), c + 1);
  }

  private static double[] absError(FloatImage ours, FloatImage reference) {
    double sum = 0;
    double max = 0;
    float[] a = ours.data();
    float[] b = reference.data();
    for (int i = 0; i < a.length; i++) {
      double e = Math.abs(a[i] - b[i]);
      sum += e;
      max = Math.max(max, e);
    }
    return new double[] {sum / a.length, max};
  }

  private static double[] meanAndStd(FloatImage image) {
    double sum = 0;
    double sq = 0;
    float[] d = image.data();
    for (float v : d) {
      sum += v;
      sq += v * v;
    }
    double mean = sum / d.length;
    return new double[] {mean, Math.sqrt(Math.max(0, sq / d.length - mean * mean))};
  }
}
