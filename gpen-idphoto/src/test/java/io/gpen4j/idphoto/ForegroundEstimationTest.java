package io.gpen4j.idphoto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.internal.image.FloatImage;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The box blur and Blur-Fusion against the reference: OpenCV's {@code cv2.blur} and the reference
 * code's formulas written with OpenCV's matrix operations (Photoroom/fast-foreground-estimation,
 * {@code FB_blur_fusion_foreground_estimator_2}); and the property the estimator is there for: a
 * person cut from a green screen and put on white shows no green fringe.
 */
final class ForegroundEstimationTest {
  @BeforeAll
  static void load() {
    nu.pattern.OpenCV.loadLocally();
  }

  @ParameterizedTest(name = "{0}x{1}, window {2}")
  @CsvSource({"40, 30, 3", "17, 23, 6", "64, 48, 90", "5, 1, 4", "1, 7, 3", "33, 33, 1"})
  void blur_matchesOpenCv(int w, int h, int k) {
    float[] src = random(w * h, w * 31L + h * 7L + k);
    float[] ours = BoxBlur.blur(src, w, h, k);
    float[] ref = cvBlur(src, w, h, k);
    for (int i = 0; i < src.length; i++) {
      assertEquals(ref[i], ours[i], 1e-5, "at " + i);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"1", "2", "3"})
  void estimate_matchesTheReferenceFormulas(long seed) {
    int w = 72;
    int h = 56;
    Random rnd = new Random(seed);
    float[][] rgb = {random(w * h, rnd.nextLong()), random(w * h, rnd.nextLong()), random(w * h, rnd.nextLong())};
    float[] alpha = random(w * h, rnd.nextLong());
    int r1 = ForegroundEstimation.wideWindow(w, h);
    float[][] ours = ForegroundEstimation.estimate(rgb, alpha, w, h);
    for (int c = 0; c < 3; c++) {
      float[][] first = referencePass(rgb[c], rgb[c], rgb[c], alpha, w, h, r1);
      float[] ref = referencePass(rgb[c], first[0], first[1], alpha, w, h, 6)[0];
      for (int i = 0; i < ref.length; i++) {
        assertEquals(ref[i], ours[c][i], 2e-4, "channel " + c + " at " + i);
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"4", "5"})
  void replace_softEdgeOnGreen_leavesNoGreenFringe(long seed) {
    // A warm "hair" colour over pure green, alpha ramping over 6 px (a matte's edge), in a photo of an
    // ID photo's size; the new background is white.
    int w = 400;
    int h = 300;
    Random rnd = new Random(seed);
    float[] alpha = new float[w * h];
    float[] data = new float[3 * w * h];
    float[] hair = {140, 90, 50};
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        float a = Math.min(1f, Math.max(0f, (x - 200 + rnd.nextFloat() * 2) / 6f));
        int i = y * w + x;
        alpha[i] = a;
        float[] green = {0, 255, 0};
        for (int c = 0; c < 3; c++) {
          data[c * w * h + i] = a * hair[c] + (1 - a) * green[c];
        }
      }
    }
    int[] out = BackgroundReplacement.replace(FloatImage.wrap(w, h, 3, data), alpha, 0xFFFFFF);
    double worstNaive = 0;
    double worst = 0;
    for (int i = 0; i < w * h; i++) {
      float a = alpha[i];
      int px = out[i];
      // Green excess: how much greener than the truth (hair over white) the pixel is.
      double truthG = a * hair[1] + (1 - a) * 255;
      double truthR = a * hair[0] + (1 - a) * 255;
      worst = Math.max(worst, ((px >> 8 & 0xFF) - truthG) - ((px >> 16 & 0xFF) - truthR));
      double naiveG = data[w * h + i] * a + (1 - a) * 255;
      double naiveR = data[i] * a + (1 - a) * 255;
      worstNaive = Math.max(worstNaive, (naiveG - truthG) - (naiveR - truthR));
    }
    assertTrue(worstNaive > 60, "the naive composite shows a green fringe: " + worstNaive);
    assertTrue(worst < 12, "green excess after foreground estimation: " + worst + " (naive: " + worstNaive + ")");
  }

  /** One pass of the reference, for one channel, with OpenCV's blur and matrix arithmetic. */
  private static float[][] referencePass(float[] image, float[] f, float[] b, float[] alpha, int w, int h, int r) {
    Mat img = mat(image, w, h);
    Mat fm = mat(f, w, h);
    Mat bm = mat(b, w, h);
    Mat a = mat(alpha, w, h);
    Mat oneMinusA = new Mat();
    Core.subtract(Mat.ones(h, w, CvType.CV_32F), a, oneMinusA);
    Mat blurredAlpha = blur(a, r);
    Mat blurredFa = blur(mul(fm, a), r);
    Mat blurredF = new Mat();
    Mat denomF = new Mat();
    Core.add(blurredAlpha, new Scalar(1e-5), denomF);
    Core.divide(blurredFa, denomF, blurredF);
    Mat blurredB1a = blur(mul(bm, oneMinusA), r);
    Mat denomB = new Mat();
    Core.subtract(Mat.ones(h, w, CvType.CV_32F), blurredAlpha, denomB);
    Core.add(denomB, new Scalar(1e-5), denomB);
    Mat blurredB = new Mat();
    Core.divide(blurredB1a, denomB, blurredB);
    // F = blurred_F + alpha * (image - alpha * blurred_F - (1 - alpha) * blurred_B), clipped to [0, 1]
    Mat inner = new Mat();
    Core.subtract(img, mul(a, blurredF), inner);
    Core.subtract(inner, mul(oneMinusA, blurredB), inner);
    Mat fOut = new Mat();
    Core.add(blurredF, mul(a, inner), fOut);
    Core.min(fOut, new Scalar(1), fOut);
    Core.max(fOut, new Scalar(0), fOut);
    return new float[][] {values(fOut), values(blurredB)};
  }

  private static Mat mul(Mat x, Mat y) {
    Mat out = new Mat();
    Core.multiply(x, y, out);
    return out;
  }

  private static Mat blur(Mat m, int k) {
    Mat out = new Mat();
    Imgproc.blur(m, out, new Size(k, k));
    return out;
  }

  private static float[] cvBlur(float[] src, int w, int h, int k) {
    return values(blur(mat(src, w, h), k));
  }

  private static Mat mat(float[] v, int w, int h) {
    Mat m = new Mat(h, w, CvType.CV_32F);
    m.put(0, 0, v);
    return m;
  }

  private static float[] values(Mat m) {
    float[] v = new float[(int) m.total()];
    m.get(0, 0, v);
    return v;
  }

  private static float[] random(int n, long seed) {
    Random rnd = new Random(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = rnd.nextFloat();
    }
    return v;
  }
}
