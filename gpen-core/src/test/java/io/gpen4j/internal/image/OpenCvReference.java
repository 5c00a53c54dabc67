package io.gpen4j.internal.image;

import io.gpen4j.SimilarityTransform;
import io.gpen4j.testing.TestImages;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** OpenCV as the reference implementation in tests: conversions and the calls we compare with. */
final class OpenCvReference {
  static {
    nu.pattern.OpenCV.loadLocally();
  }

  private OpenCvReference() {}

  /** Copies the image into an 8-bit Mat with channels R, G, B (and A when {@code withAlpha}). */
  static Mat toMat(RgbaImage image, boolean withAlpha) {
    int ch = withAlpha ? 4 : 3;
    byte[] bytes = new byte[image.width() * image.height() * ch];
    int[] px = image.pixels();
    for (int i = 0; i < px.length; i++) {
      int p = px[i];
      bytes[i * ch] = (byte) (p >> 16);
      bytes[i * ch + 1] = (byte) (p >> 8);
      bytes[i * ch + 2] = (byte) p;
      if (withAlpha) {
        bytes[i * ch + 3] = (byte) (p >>> 24);
      }
    }
    Mat mat = new Mat(image.height(), image.width(), withAlpha ? CvType.CV_8UC4 : CvType.CV_8UC3);
    mat.put(0, 0, bytes);
    return mat;
  }

  /** Reads an 8-bit RGB or RGBA Mat back; a 3-channel Mat comes back opaque. */
  static RgbaImage fromMat(Mat mat) {
    int ch = mat.channels();
    byte[] bytes = new byte[(int) (mat.total() * ch)];
    mat.get(0, 0, bytes);
    int[] px = new int[mat.rows() * mat.cols()];
    for (int i = 0; i < px.length; i++) {
      int a = ch == 4 ? bytes[i * ch + 3] & 0xFF : 0xFF;
      px[i] = a << 24 | (bytes[i * ch] & 0xFF) << 16 | (bytes[i * ch + 1] & 0xFF) << 8 | (bytes[i * ch + 2] & 0xFF);
    }
    return RgbaImage.wrap(mat.cols(), mat.rows(), px, ch == 4);
  }

  /** OpenCV's warpAffine with INTER_LINEAR and BORDER_REPLICATE, as a planar float crop. */
  static FloatImage warpAffine(RgbaImage src, SimilarityTransform srcToCrop, int size) {
    Mat m = new Mat(2, 3, CvType.CV_64F);
    m.put(0, 0, srcToCrop.toMatrix());
    Mat dst = new Mat();
    Imgproc.warpAffine(toMat(src, false), dst, m, new Size(size, size), Imgproc.INTER_LINEAR,
        org.opencv.core.Core.BORDER_REPLICATE);
    return TestImages.planar(fromMat(dst));
  }

  /** OpenCV's warpAffine with INTER_LINEAR and BORDER_CONSTANT into a width x height rectangle. */
  static FloatImage warpAffine(RgbaImage src, SimilarityTransform srcToCrop, int width, int height, int borderRgb) {
    Mat m = new Mat(2, 3, CvType.CV_64F);
    m.put(0, 0, srcToCrop.toMatrix());
    Mat dst = new Mat();
    // toMat's channel order is the one fromMat reads back; the border is given in that order too.
    Mat one = toMat(RgbaImage.wrap(1, 1, new int[] {0xFF000000 | borderRgb}, false), false);
    double[] border = one.get(0, 0);
    Imgproc.warpAffine(toMat(src, false), dst, m, new Size(width, height), Imgproc.INTER_LINEAR,
        org.opencv.core.Core.BORDER_CONSTANT, new org.opencv.core.Scalar(border));
    return TestImages.planar(fromMat(dst));
  }

  /** OpenCV's resize with the given interpolation flag, all four channels. */
  static RgbaImage resize(RgbaImage src, int width, int height, int interpolation) {
    Mat dst = new Mat();
    Imgproc.resize(toMat(src, true), dst, new Size(width, height), 0, 0, interpolation);
    return fromMat(dst);
  }

  /** OpenCV's filter2D with the given kernel and its default border (BORDER_REFLECT_101), per plane. */
  static FloatImage filter2D(FloatImage src, float[][] kernel) {
    Mat k = new Mat(kernel.length, kernel[0].length, CvType.CV_32F);
    for (int r = 0; r < kernel.length; r++) {
      k.put(r, 0, kernel[r]);
    }
    return perPlane(src, src.width(), src.height(), (in, out) -> Imgproc.filter2D(in, out, -1, k));
  }

  /** OpenCV's resize with INTER_AREA, per float plane. */
  static FloatImage resizeArea(FloatImage src, int width, int height) {
    return resize(src, width, height, Imgproc.INTER_AREA);
  }

  /** OpenCV's resize with the given interpolation flag, per float plane. */
  static FloatImage resize(FloatImage src, int width, int height, int interpolation) {
    return perPlane(src, width, height,
        (in, out) -> Imgproc.resize(in, out, new Size(width, height), 0, 0, interpolation));
  }

  /** OpenCV's GaussianBlur with a (2r+1)-square kernel and its default border, per float plane. */
  static FloatImage gaussianBlur(FloatImage src, double sigma, int radius) {
    Size k = new Size(2 * radius + 1, 2 * radius + 1);
    return perPlane(src, src.width(), src.height(), (in, out) -> Imgproc.GaussianBlur(in, out, k, sigma, sigma));
  }

  private static FloatImage perPlane(
      FloatImage src, int width, int height, java.util.function.BiConsumer<Mat, Mat> op) {
    int sp = src.width() * src.height();
    int dp = width * height;
    FloatImage out = FloatImage.create(width, height, src.channels());
    for (int c = 0; c < src.channels(); c++) {
      Mat in = new Mat(src.height(), src.width(), CvType.CV_32F);
      in.put(0, 0, java.util.Arrays.copyOfRange(src.data(), c * sp, (c + 1) * sp));
      Mat dst = new Mat();
      op.accept(in, dst);
      float[] plane = new float[dp];
      dst.get(0, 0, plane);
      System.arraycopy(plane, 0, out.data(), c * dp, dp);
    }
    return out;
  }
}
