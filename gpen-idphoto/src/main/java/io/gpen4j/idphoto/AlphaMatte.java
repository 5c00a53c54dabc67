package io.gpen4j.idphoto;

import java.util.Objects;

/**
 * A portrait matte: per pixel, how much of it is the person (1) rather than the background (0).
 *
 * @param width the width in pixels
 * @param height the height in pixels
 * @param alpha {@code width * height} values in [0, 1], row by row; not copied
 */
record AlphaMatte(int width, int height, float[] alpha) {
  AlphaMatte {
    Objects.requireNonNull(alpha, "alpha");
    if (width <= 0 || height <= 0 || (long) width * height != alpha.length) {
      throw new IllegalArgumentException("matte " + width + "x" + height + " has " + alpha.length + " values");
    }
  }

  float at(int x, int y) {
    return alpha[y * width + x];
  }
}
