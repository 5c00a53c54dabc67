package io.gpen4j.internal.image;

import java.util.Arrays;
import java.util.Objects;

/**
 * Resizes a frame with {@link ResampleTaps}: by default ({@link ResampleFilter#AREA}) area
 * averaging along an axis that shrinks and bilinear interpolation along an axis that grows, the
 * semantics of OpenCV's {@code resize} with {@code INTER_AREA} when shrinking and
 * {@code INTER_LINEAR} when enlarging.
 *
 * <p>Design: the filter is separable. Each output row first sums its source rows (vertical taps)
 * into one float row of source width, then applies the horizontal taps; memory is one source row
 * whatever the image size, and the work is proportional to the source area when shrinking. The
 * four channels, alpha included, are filtered independently (non-premultiplied, as OpenCV does).
 */
public final class ImageResize {
  private ImageResize() {}

  /**
   * Resizes an image with {@link ResampleFilter#AREA}.
   *
   * @param src the source image
   * @param width the output width, positive
   * @param height the output height, positive
   * @return a new image of the given size, with the source's alpha flag
   * @throws IllegalArgumentException if a size is not positive
   */
  public static RgbaImage resize(RgbaImage src, int width, int height) {
    return resize(src, width, height, ResampleFilter.AREA);
  }

  /**
   * Resizes an image.
   *
   * @param src the source image
   * @param width the output width, positive
   * @param height the output height, positive
   * @param filter how a shrinking axis is averaged
   * @return a new image of the given size, with the source's alpha flag
   * @throws IllegalArgumentException if a size is not positive
   */
  public static RgbaImage resize(RgbaImage src, int width, int height, ResampleFilter filter) {
    return resample(src, width, height, filter, true);
  }

  /**
   * Resizes the colour channels only, for a reader that ignores alpha (the face detectors): the
   * copy is opaque. A quarter less work than {@link #resize(RgbaImage, int, int, ResampleFilter)}.
   *
   * @param src the source image
   * @param width the output width, positive
   * @param height the output height, positive
   * @param filter how a shrinking axis is averaged
   * @return a new opaque image of the given size, its colour as {@code resize} gives it
   * @throws IllegalArgumentException if a size is not positive
   */
  public static RgbaImage resizeColour(RgbaImage src, int width, int height, ResampleFilter filter) {
    return resample(src, width, height, filter, false);
  }

  private static RgbaImage resample(RgbaImage src, int width, int height, ResampleFilter filter, boolean alpha) {
    Objects.requireNonNull(src, "src");
    Objects.requireNonNull(filter, "filter");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("resize target must be positive: " + width + "x" + height);
    }
    int sw = src.width();
    int sh = src.height();
    if (sw == width && sh == height && alpha) {
      return src.copy();
    }
    ResampleTaps tx = ResampleTaps.resize(filter, sw, width);
    ResampleTaps ty = ResampleTaps.resize(filter, sh, height);
    int[] in = src.pixels();
    int[] out = new int[Math.multiplyExact(width, height)];
    float[] row = new float[sw * 4];
    for (int y = 0; y < height; y++) {
      Arrays.fill(row, 0f);
      int fy = ty.first(y);
      for (int k = 0, n = ty.count(y); k < n; k++) {
        float wgt = ty.weight(y, k);
        int base = (fy + k) * sw;
        for (int x = 0, j = 0; x < sw; x++, j += 4) {
          int p = in[base + x];
          if (alpha) {
            row[j] += wgt * (p >>> 24);
          }
          row[j + 1] += wgt * (p >> 16 & 0xFF);
          row[j + 2] += wgt * (p >> 8 & 0xFF);
          row[j + 3] += wgt * (p & 0xFF);
        }
      }
      int o = y * width;
      for (int x = 0; x < width; x++) {
        float a = 0;
        float r = 0;
        float g = 0;
        float b = 0;
        int fx = tx.first(x);
        for (int k = 0, n = tx.count(x); k < n; k++) {
          float wgt = tx.weight(x, k);
          int j = (fx + k) * 4;
          if (alpha) {
            a += wgt * row[j];
          }
          r += wgt * row[j + 1];
          g += wgt * row[j + 2];
          b += wgt * row[j + 3];
        }
        out[o + x] = (alpha ? toByte(a) : 0xFF) << 24 | toByte(r) << 16 | toByte(g) << 8 | toByte(b);
      }
    }
    return RgbaImage.wrap(width, height, out, alpha && src.hasAlpha());
  }

  private static int toByte(float v) {
    int i = (int) (v + 0.5f);
    return i < 0 ? 0 : Math.min(i, 255);
  }
}
