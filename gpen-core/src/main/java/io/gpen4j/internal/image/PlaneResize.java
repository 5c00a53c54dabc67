package io.gpen4j.internal.image;

import java.util.Arrays;

/**
 * Resizes a planar float image (a mask, a matte, a crop) to any width and height with
 * {@link ResampleTaps}, the library's one resampler: {@link ResampleFilter#AREA} by default, so
 * area averaging along an axis that shrinks and bilinear interpolation along one that grows
 * (OpenCV's {@code INTER_AREA} / {@code INTER_LINEAR}). Separable, vertical taps first, so the
 * extra memory is one source row.
 *
 * <p>Thread-safety: stateless.
 */
public final class PlaneResize {
  private PlaneResize() {}

  /**
   * Resizes every channel with {@link ResampleFilter#AREA}.
   *
   * @param src the image; not modified
   * @param width the new width, positive
   * @param height the new height, positive
   * @return a new image with the same channels, or a copy when the size is unchanged
   * @throws IllegalArgumentException if a side is not positive
   */
  public static FloatImage resize(FloatImage src, int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("resize target must be positive: " + width + "x" + height);
    }
    if (width == src.width() && height == src.height()) {
      return src.copy();
    }
    return apply(src, ResampleTaps.resize(ResampleFilter.AREA, src.width(), width),
        ResampleTaps.resize(ResampleFilter.AREA, src.height(), height));
  }

  /**
   * Resamples every plane with the given taps.
   *
   * @param image the image; its width is the source of {@code tx}, its height that of {@code ty}
   * @param tx the horizontal taps; their length is the new width
   * @param ty the vertical taps; their length is the new height
   * @return a new image
   */
  static FloatImage apply(FloatImage image, ResampleTaps tx, ResampleTaps ty) {
    int width = image.width();
    int height = image.height();
    int outW = tx.length();
    int outH = ty.length();
    int channels = image.channels();
    float[] in = image.data();
    FloatImage result = FloatImage.create(outW, outH, channels);
    float[] dst = result.data();
    float[] row = new float[width];
    for (int c = 0; c < channels; c++) {
      int src = c * width * height;
      int plane = c * outW * outH;
      for (int y = 0; y < outH; y++) {
        Arrays.fill(row, 0f);
        int fy = ty.first(y);
        for (int k = 0, n = ty.count(y); k < n; k++) {
          float w = ty.weight(y, k);
          int base = src + (fy + k) * width;
          for (int x = 0; x < width; x++) {
            row[x] += w * in[base + x];
          }
        }
        int o = plane + y * outW;
        for (int x = 0; x < outW; x++) {
          float sum = 0;
          int fx = tx.first(x);
          for (int k = 0, n = tx.count(x); k < n; k++) {
            sum += tx.weight(x, k) * row[fx + k];
          }
          dst[o + x] = sum;
        }
      }
    }
    return result;
  }
}
