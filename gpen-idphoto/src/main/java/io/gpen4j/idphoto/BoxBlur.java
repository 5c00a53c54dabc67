package io.gpen4j.idphoto;

/**
 * The mean over a {@code k x k} window of a single-channel float image, with the border reflected
 * without repeating the edge pixel: OpenCV's {@code cv2.blur(src, (k, k))} with its default
 * {@code BORDER_REFLECT_101}, which the foreground estimator's reference code uses. Two running
 * sums (rows, then columns): the cost does not grow with {@code k}.
 */
final class BoxBlur {
  private BoxBlur() {}

  /**
   * Blurs a plane.
   *
   * @param src {@code w * h} values, row by row; not modified
   * @param w the width
   * @param h the height
   * @param k the window side, positive; the anchor is its centre ({@code k / 2}), as OpenCV's
   * @return a new plane
   */
  static float[] blur(float[] src, int w, int h, int k) {
    float[] rows = new float[src.length];
    double[] line = new double[Math.max(w, h)];
    int before = k / 2;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        line[x] = src[y * w + x];
      }
      double[] out = slide(line, w, k, before);
      for (int x = 0; x < w; x++) {
        rows[y * w + x] = (float) out[x];
      }
    }
    float[] result = new float[src.length];
    for (int x = 0; x < w; x++) {
      for (int y = 0; y < h; y++) {
        line[y] = rows[y * w + x];
      }
      double[] out = slide(line, h, k, before);
      for (int y = 0; y < h; y++) {
        result[y * w + x] = (float) out[y];
      }
    }
    return result;
  }

  private static double[] slide(double[] v, int n, int k, int before) {
    double[] out = new double[n];
    double sum = 0;
    for (int i = -before; i < k - before; i++) {
      sum += v[reflect(i, n)];
    }
    for (int i = 0; i < n; i++) {
      out[i] = sum / k;
      sum += v[reflect(i + k - before, n)] - v[reflect(i - before, n)];
    }
    return out;
  }

  /** OpenCV's BORDER_REFLECT_101: gfedcb|abcdefgh|gfedcba, repeated for windows wider than the line. */
  static int reflect(int i, int n) {
    if (n == 1) {
      return 0;
    }
    int period = 2 * (n - 1);
    int m = Math.floorMod(i, period);
    return m < n ? m : period - m;
  }
}
