package io.gpen4j.idphoto;

/**
 * Estimates the person's own colour where the matte is partly transparent, so hair put on a new
 * background shows no fringe of the old one.
 *
 * <p>Algorithm: Blur-Fusion, from M. Forte and F. Pitié, "Approximate Fast Foreground Colour
 * Estimation", ICIP 2021 (reference code: github.com/Photoroom/fast-foreground-estimation, MIT). A
 * pixel is {@code I = alpha F + (1 - alpha) B}. Local means of the foreground and of the background,
 * each weighted by how much of it a pixel holds, give {@code F0} and {@code B0}; the residual of the
 * compositing equation is then given to the foreground in proportion to alpha:
 * {@code F = F0 + alpha (I - alpha F0 - (1 - alpha) B0)}. The reference runs it twice: with a wide
 * window from the image itself, then with a small window from the first pass's {@code F} and
 * {@code B}. Its windows (90 and 6 px) are for photos of about a megapixel; here the wide one scales
 * with the image ({@link #wideWindow}).
 */
final class ForegroundEstimation {
  private static final float EPS = 1e-5f;

  private ForegroundEstimation() {}

  /**
   * Estimates the foreground colours.
   *
   * @param rgb three planes (R, G, B) of {@code w * h} values in [0, 1]; not modified
   * @param alpha {@code w * h} values in [0, 1]
   * @param w the width
   * @param h the height
   * @return three new planes of foreground colour in [0, 1]
   */
  static float[][] estimate(float[][] rgb, float[] alpha, int w, int h) {
    float[][][] first = pass(rgb, rgb, rgb, alpha, w, h, wideWindow(w, h));
    return pass(rgb, first[0], first[1], alpha, w, h, 6)[0];
  }

  /** The wide window: 90 px at a 1024 px short side, as the reference, at least 3. */
  static int wideWindow(int w, int h) {
    return Math.max(3, (int) Math.round(90.0 * Math.min(w, h) / 1024));
  }

  /** One Blur-Fusion pass; returns {F, blurred B}. */
  static float[][][] pass(float[][] image, float[][] f, float[][] b, float[] alpha, int w, int h, int r) {
    int n = w * h;
    float[] blurredAlpha = BoxBlur.blur(alpha, w, h, r);
    float[][] outF = new float[3][];
    float[][] outB = new float[3][];
    float[] fa = new float[n];
    float[] b1a = new float[n];
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < n; i++) {
        fa[i] = f[c][i] * alpha[i];
        b1a[i] = b[c][i] * (1 - alpha[i]);
      }
      float[] blurredFa = BoxBlur.blur(fa, w, h, r);
      float[] blurredB1a = BoxBlur.blur(b1a, w, h, r);
      float[] fc = new float[n];
      float[] bc = new float[n];
      for (int i = 0; i < n; i++) {
        float bf = blurredFa[i] / (blurredAlpha[i] + EPS);
        float bb = blurredB1a[i] / ((1 - blurredAlpha[i]) + EPS);
        float a = alpha[i];
        float v = bf + a * (image[c][i] - a * bf - (1 - a) * bb);
        fc[i] = Math.min(1f, Math.max(0f, v));
        bc[i] = bb;
      }
      outF[c] = fc;
      outB[c] = bc;
    }
    return new float[][][] {outF, outB};
  }
}
