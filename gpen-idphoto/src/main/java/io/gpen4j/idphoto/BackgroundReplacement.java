package io.gpen4j.idphoto;

import io.gpen4j.internal.image.FloatImage;

/**
 * Puts the person on a plain background: the foreground colour estimated near the edges
 * ({@link ForegroundEstimation}) composited over the colour with the matte, {@code out = alpha F +
 * (1 - alpha) background}. Where the matte is 0 the pixel is the background colour exactly.
 */
final class BackgroundReplacement {
  private BackgroundReplacement() {}

  /**
   * Replaces the background.
   *
   * @param photo planar RGB in [0, 255]
   * @param alpha the matte, one value per pixel
   * @param rgb the background, {@code 0xRRGGBB}
   * @return opaque ARGB pixels, row by row
   */
  static int[] replace(FloatImage photo, float[] alpha, int rgb) {
    int w = photo.width();
    int h = photo.height();
    int n = w * h;
    float[] d = photo.data();
    float[][] planes = new float[3][n];
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < n; i++) {
        planes[c][i] = d[c * n + i] / 255f;
      }
    }
    float[][] fg = ForegroundEstimation.estimate(planes, alpha, w, h);
    float[] bg = {(rgb >> 16 & 0xFF), (rgb >> 8 & 0xFF), (rgb & 0xFF)};
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      float a = alpha[i];
      int px = 0xFF000000;
      for (int c = 0; c < 3; c++) {
        int v = a == 0 ? (int) bg[c] : Math.round(a * fg[c][i] * 255f + (1 - a) * bg[c]);
        px |= Math.min(255, Math.max(0, v)) << (16 - 8 * c);
      }
      out[i] = px;
    }
    return out;
  }
}
