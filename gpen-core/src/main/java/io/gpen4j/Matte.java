package io.gpen4j;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A portrait's alpha matte at its image's size: one value in [0, 1] per pixel, 1 on the person and
 * 0 on the background, row by row. Made by a {@link PortraitMatter}. Immutable and thread-safe: the
 * values are copied in and only copies or read-only views are handed out.
 */
public final class Matte {
  private final int width;
  private final int height;
  private final float[] alpha;

  private Matte(int width, int height, float[] alpha) {
    this.width = width;
    this.height = height;
    this.alpha = alpha;
  }

  /**
   * Creates a matte from a copy of the values.
   *
   * @param width the width, positive
   * @param height the height, positive
   * @param alpha {@code width * height} values in [0, 1], row by row
   * @return the matte
   * @throws IllegalArgumentException if the sizes do not fit or a value is outside [0, 1] or NaN
   */
  public static Matte of(int width, int height, float[] alpha) {
    Objects.requireNonNull(alpha, "alpha");
    if (width <= 0 || height <= 0 || (long) width * height != alpha.length) {
      throw new IllegalArgumentException("a " + width + "x" + height + " matte needs " + ((long) width * height)
          + " values, got " + alpha.length);
    }
    float[] copy = alpha.clone();
    for (int i = 0; i < copy.length; i++) {
      if (!(copy[i] >= 0f && copy[i] <= 1f)) {
        throw new IllegalArgumentException("alpha at (" + (i % width) + ", " + (i / width) + ") is " + copy[i]
            + ", not in [0, 1]");
      }
    }
    return new Matte(width, height, copy);
  }

  /** Takes the values without copying or checking them: the matting code's own fresh array. */
  static Matte wrap(int width, int height, float[] alpha) {
    return new Matte(width, height, alpha);
  }

  /** Returns the width. @return the image's width in pixels */
  public int width() {
    return width;
  }

  /** Returns the height. @return the image's height in pixels */
  public int height() {
    return height;
  }

  /**
   * Returns one pixel's alpha.
   *
   * @param x the column, {@code 0 <= x < width}
   * @param y the row, {@code 0 <= y < height}
   * @return the alpha in [0, 1]
   * @throws IndexOutOfBoundsException if the pixel is outside the matte
   */
  public float alpha(int x, int y) {
    Objects.checkIndex(x, width);
    Objects.checkIndex(y, height);
    return alpha[y * width + x];
  }

  /**
   * Returns a copy of every value; for repeated reads without a copy use {@link #buffer()}.
   *
   * @return {@code width * height} values in [0, 1], row by row
   */
  public float[] alpha() {
    return alpha.clone();
  }

  /**
   * Returns the values as a read-only buffer, without copying them.
   *
   * @return a read-only view of {@code width * height} values, row by row, positioned at 0
   */
  public FloatBuffer buffer() {
    return FloatBuffer.wrap(alpha).asReadOnlyBuffer();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Matte m && m.width == width && m.height == height && Arrays.equals(m.alpha, alpha);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * width + height) + Arrays.hashCode(alpha);
  }

  @Override
  public String toString() {
    return "Matte[" + width + "x" + height + "]";
  }
}
