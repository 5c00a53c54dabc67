package io.gpen4j.idphoto;

import io.gpen4j.Matte;
import io.gpen4j.SimilarityTransform;
import io.gpen4j.internal.image.AffineWarp;
import io.gpen4j.internal.image.FloatImage;
import io.gpen4j.internal.image.RgbaImage;

/**
 * Warps a matte with the same anti-aliased warp as the photo, so the two stay aligned to the pixel.
 *
 * <p>The warp takes 8-bit RGB; a matte is carried as a 16-bit value split over red (high byte) and
 * green (low byte). Bilinear taps and their averages are linear, so {@code 256 R' + G'} after the
 * warp is the warped 16-bit value: the matte keeps 1/65535 steps, and a zero stays exactly zero
 * (outside the photo too: the border is black).
 */
final class MatteWarp {
  private MatteWarp() {}

  /**
   * Warps a matte.
   *
   * @param matte the matte
   * @param transform from the matte's coordinates to the output's
   * @param width the output width
   * @param height the output height
   * @return {@code width * height} alpha values in [0, 1]
   */
  static float[] warp(Matte matte, SimilarityTransform transform, int width, int height) {
    java.nio.FloatBuffer a = matte.buffer();
    int[] packed = new int[a.remaining()];
    for (int i = 0; i < packed.length; i++) {
      int v = Math.round(Math.min(1f, Math.max(0f, a.get(i))) * 65535f);
      packed[i] = 0xFF000000 | (v >> 8) << 16 | (v & 0xFF) << 8;
    }
    FloatImage warped = AffineWarp.warpWithBorder(RgbaImage.wrap(matte.width(), matte.height(), packed, false),
        transform, width, height, 0x000000);
    float[] d = warped.data();
    int n = width * height;
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = Math.min(1f, (d[i] * 256f + d[n + i]) / 65535f);
    }
    return out;
  }
}
