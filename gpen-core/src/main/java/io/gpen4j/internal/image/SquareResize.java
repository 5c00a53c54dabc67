package io.gpen4j.internal.image;

/**
 * Resizes a square planar float image (a face crop or a mask) to another square size: area
 * averaging when shrinking, bilinear interpolation when enlarging, as {@link ImageResize} does for
 * frames (OpenCV's {@code INTER_AREA} / {@code INTER_LINEAR}), through the library's one resampler
 * {@link ResampleTaps}.
 *
 * <p>Thread-safety: stateless.
 */
public final class SquareResize {
  private SquareResize() {}

  /**
   * Resizes every channel.
   *
   * @param src a square image; not modified
   * @param size the new side, positive
   * @return a new {@code size x size} image with the same channels, or a copy when the size is unchanged
   * @throws IllegalArgumentException if {@code src} is not square or {@code size} is not positive
   */
  public static FloatImage resize(FloatImage src, int size) {
    if (src.width() != src.height()) {
      throw new IllegalArgumentException("expected a square image, got " + src.width() + "x" + src.height());
    }
    if (size <= 0) {
      throw new IllegalArgumentException("resize target must be positive: " + size);
    }
    if (size == src.width()) {
      return src.copy();
    }
    return PatchPrefilter.reduce(src, ResampleTaps.resize(ResampleFilter.AREA, src.width(), size));
  }
}
