package io.gpen4j.internal.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.SimilarityTransform;
import io.gpen4j.testing.TestImages;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * facexlib's paste masks against facexlib's own steps run in OpenCV ({@code face_restoration_helper.py}:
 * warp a crop of ones, erode by 2s, {@code w_edge = int(sqrt(area)) // 20}, erode by 2 w_edge,
 * {@code GaussianBlur(2 w_edge + 1, 0)}; the parse map blurred with (101, 11) twice and a 10 px
 * border zeroed), compared at given distances from the crop's edge.
 */
final class FacexlibMasksTest {
  static {
    nu.pattern.OpenCV.loadLocally();
  }

  /** facexlib's square mask in the output, upright face: crop pixel q sits at output x = q / k + offset. */
  private static float[] facexlibSquare(int size, double k, int upscale, double offset, int canvas, int[] edge) {
    Mat ones = Mat.ones(size, size, CvType.CV_32F);
    Mat m = new Mat(2, 3, CvType.CV_64F);
    m.put(0, 0, 1 / k, 0, offset, 0, 1 / k, offset);
    Mat inv = new Mat();
    Imgproc.warpAffine(ones, inv, m, new Size(canvas, canvas));
    Mat eroded = new Mat();
    Imgproc.erode(inv, eroded, Mat.ones(2 * upscale, 2 * upscale, CvType.CV_8U));
    double area = Core.sumElems(eroded).val[0];
    int w = (int) Math.sqrt(area) / 20;
    edge[0] = w;
    Mat center = new Mat();
    Imgproc.erode(eroded, center, Mat.ones(2 * w, 2 * w, CvType.CV_8U));
    Mat soft = new Mat();
    Imgproc.GaussianBlur(center, soft, new Size(2 * w + 1, 2 * w + 1), 0);
    float[] out = new float[canvas * canvas];
    soft.get(0, 0, out);
    return out;
  }

  /** Bilinear read of a crop mask at crop position (x, y), 0 outside, as PasteBack reads masks. */
  private static double read(FloatImage mask, double x, double y) {
    int s = mask.width();
    int x0 = (int) Math.floor(x);
    int y0 = (int) Math.floor(y);
    double fx = x - x0;
    double fy = y - y0;
    double v = 0;
    for (int dy = 0; dy <= 1; dy++) {
      for (int dx = 0; dx <= 1; dx++) {
        int xi = x0 + dx;
        int yi = y0 + dy;
        double p = xi < 0 || yi < 0 || xi >= s || yi >= s ? 0 : mask.data()[yi * s + xi];
        v += p * (dx == 0 ? 1 - fx : fx) * (dy == 0 ? 1 - fy : fy);
      }
    }
    return v;
  }

  /**
   * Faces of 205, 512, 1024 and 64 output px at scales 1, 2 and 4: along the middle row and
   * column, at every output pixel (so at every distance from the crop's edge), the mask differs
   * from facexlib's by at most 0.04, and the 0.5 level lies within one output pixel of facexlib's.
   */
  @ParameterizedTest
  @CsvSource({"2.5, 1, 10.3", "1.0, 2, 12.6", "0.5, 4, 17.2", "2.0, 1, 8.5", "8.0, 1, 9.25", "0.25, 4, 5.5"})
  void square_matchesFacexlibAtEveryDistanceFromTheEdge(double k, int upscale, double offset) {
    int size = 512;
    int canvas = (int) Math.ceil(size / k + 2 * offset);
    int[] edge = new int[1];
    float[] reference = facexlibSquare(size, k, upscale, offset, canvas, edge);
    assertEquals(edge[0], FacexlibMasks.edgeWidth(size, k, upscale), "w_edge");
    FloatImage mask = FacexlibMasks.square(size, k, upscale);
    int mid = (int) Math.round(offset + size / k / 2);
    double worst = 0;
    double[] half = new double[4];
    double[] ourHalf = new double[4];
    for (int x = 0; x < canvas; x++) {
      double q = (x - offset) * k;
      double qMid = (mid - offset) * k;
      double row = read(mask, q, qMid);
      double col = read(mask, qMid, q);
      worst = Math.max(worst, Math.abs(row - reference[mid * canvas + x]));
      worst = Math.max(worst, Math.abs(col - reference[x * canvas + mid]));
    }
    half[0] = crossing(reference, canvas, mid, true);
    half[1] = crossing(reference, canvas, mid, false);
    FloatImage pasted = FloatImage.create(canvas, canvas, 1);
    for (int y = 0; y < canvas; y++) {
      for (int x = 0; x < canvas; x++) {
        pasted.data()[y * canvas + x] = (float) read(mask, (x - offset) * k, (y - offset) * k);
      }
    }
    ourHalf[0] = crossing(pasted.data(), canvas, mid, true);
    ourHalf[1] = crossing(pasted.data(), canvas, mid, false);
    System.out.printf(java.util.Locale.ROOT, "k %.2f s %d: w_edge %d, largest difference %.4f, 0.5 at %.2f/%.2f px "
        + "(facexlib %.2f/%.2f)%n", k, upscale, edge[0], worst, ourHalf[0], ourHalf[1], half[0], half[1]);
    assertTrue(worst <= 0.04, "largest difference from facexlib: " + worst);
    assertEquals(half[0], ourHalf[0], 1.0, "0.5 level from the left, output px");
    assertEquals(half[1], ourHalf[1], 1.0, "0.5 level from the right, output px");
  }

  /** Where the middle row first reaches 0.5, from the left (or the right), interpolated. */
  private static double crossing(float[] m, int canvas, int row, boolean fromLeft) {
    for (int i = 1; i < canvas; i++) {
      int a = fromLeft ? i - 1 : canvas - i;
      int b = fromLeft ? i : canvas - 1 - i;
      float va = m[row * canvas + a];
      float vb = m[row * canvas + b];
      if (va < 0.5f && vb >= 0.5f) {
        return i - 1 + (0.5 - va) / (vb - va);
      }
    }
    return Double.NaN;
  }

  /** The 0.5 level sits a twentieth of the crop in, 26 px at 512, where the old mask put it at 52. */
  @Test
  void square_at512_reachesHalfAbout26CropPixelsIn() {
    FloatImage mask = FacexlibMasks.square(512, 1.0, 1);
    float[] m = mask.data();
    int row = 256 * 512;
    int i = 0;
    while (m[row + i] < 0.5f) {
      i++;
    }
    assertTrue(i >= 25 && i <= 27, "0.5 reached " + i + " px from the crop edge");
    FloatImage old = FeatherMask.create(512);
    int j = 0;
    while (old.data()[row + j] < 0.5f) {
      j++;
    }
    assertTrue(j > 45, "gpen4j's own mask reaches 0.5 at " + j + " px");
  }

  /**
   * The parsing mask against OpenCV's two {@code GaussianBlur((101, 101), 11)} and the zeroed
   * 10 px border, at distances 0, 5, 10, 20, 40 and 60 px on both sides of a kept block's edge.
   */
  @ParameterizedTest
  @CsvSource({"1", "2"})
  void parsing_matchesFacexlibsBlurAndBorder(long seed) {
    int side = 512;
    int classes = 3;
    Random rnd = new Random(seed);
    int lo = 150 + rnd.nextInt(20);
    int hi = 380 + rnd.nextInt(20);
    float[] scores = new float[classes * side * side];
    FloatImage binary = FloatImage.create(side, side, 1);
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        boolean face = x >= lo && x < hi && y >= lo && y < hi;
        boolean hat = y < 40;
        int best = face ? 1 : hat ? 2 : 0;
        for (int c = 0; c < classes; c++) {
          scores[(c * side + y) * side + x] = (c == best ? 5f : 0f) + (float) rnd.nextGaussian() * 0.1f;
        }
        binary.data()[y * side + x] = face || hat ? 1f : 0f;
      }
    }
    FloatImage mask = FacexlibMasks.parsing(scores, classes, side, new int[] {1, 2}, side);
    FloatImage reference = OpenCvReference.gaussianBlur(OpenCvReference.gaussianBlur(binary, 11, 50), 11, 50);
    float[] r = reference.data();
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        if (x < 10 || y < 10 || x >= side - 10 || y >= side - 10) {
          r[y * side + x] = 0;
        }
      }
    }
    int y = 256;
    for (int d : new int[] {-60, -40, -20, -10, -5, 0, 5, 10, 20, 40, 60}) {
      int x = lo + d;
      assertEquals(r[y * side + x], mask.data()[y * side + x], 1e-4, "at " + d + " px from the edge");
    }
    // The 10 px border is 0 even where the kept hat class touches it.
    assertEquals(0f, mask.data()[5 * side + 256]);
    assertTrue(mask.data()[20 * side + 256] > 0.3f, "the hat is kept inside the border");
  }

  @Test
  void parsing_nonFiniteScore_returnsNull() {
    float[] scores = new float[2 * 128 * 128];
    scores[77] = Float.NaN;
    assertNull(FacexlibMasks.parsing(scores, 2, 128, new int[] {1}, 128));
  }

  /** CodeFormer takes the smaller of the two masks per pixel. */
  @Test
  void minimum_isThePerPixelMinimum() {
    FloatImage a = TestImages.planar(TestImages.noise(8, 8, new Random(3)));
    FloatImage p = FloatImage.wrap(8, 8, 1, java.util.Arrays.copyOf(a.data(), 64));
    FloatImage s = FloatImage.wrap(8, 8, 1, java.util.Arrays.copyOfRange(a.data(), 64, 128));
    FloatImage m = FacexlibMasks.minimum(p, s);
    for (int i = 0; i < 64; i++) {
      assertEquals(Math.min(p.data()[i], s.data()[i]), m.data()[i]);
    }
  }

  /** facexlib's crop border: a face at the frame's edge reads the constant grey outside. */
  @Test
  void warpWithBorder_readsTheGreyOutsideTheFrame_likeOpenCvBorderConstant() {
    RgbaImage src = TestImages.smooth(40, 30, new Random(5));
    SimilarityTransform t = SimilarityTransform.of(1.3, 0.2, 6.5, -4.25);
    int grey = 132 << 16 | 133 << 8 | 135;
    FloatImage ours = AffineWarp.warpWithBorder(src, t, 48, grey);
    Mat m = new Mat(2, 3, CvType.CV_64F);
    m.put(0, 0, t.toMatrix());
    Mat dst = new Mat();
    Imgproc.warpAffine(OpenCvReference.toMat(src, false), dst, m, new Size(48, 48), Imgproc.INTER_LINEAR,
        Core.BORDER_CONSTANT, new org.opencv.core.Scalar(132, 133, 135));
    FloatImage ref = TestImages.planar(OpenCvReference.fromMat(dst));
    for (int i = 0; i < ref.data().length; i++) {
      // OpenCV quantises positions to 1/32 px and rounds to bytes.
      assertEquals(ref.data()[i], ours.data()[i], 2.5, "value " + i);
    }
    assertEquals(132f, ours.data()[0], 0.01);
    assertEquals(135f, ours.data()[2 * 48 * 48], 0.01);
  }
}
