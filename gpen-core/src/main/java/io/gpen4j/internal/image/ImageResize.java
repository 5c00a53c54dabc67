package io.gpen4j.internal.image;

import java.util.Arrays;
import java.util.Objects;

/**
 * Resizes a frame: area averaging along an axis that shrinks, bilinear interpolation along an axis
 * that grows, with pixel centres aligned (source {@code x = (dst + 0.5) * srcW / dstW - 0.5}); the
 * semantics of OpenCV's {@code resize} with {@code INTER_AREA} when shrinking and
 * {@code INTER_LINEAR} when enlarging.
 *
 * <p>Design: the filter is separable, so each axis gets a table of source taps and weights per
 * output index. Each output row first sums its source rows (vertical taps) into one float row of
 * source width, then applies the horizontal taps; memory is one source row whatever the image
 * size, and the work is proportional to the source area when shrinking. The four channels,
 * alpha included, are filtered independently (non-premultiplied, as OpenCV does).
 */
public final class ImageResize {
  private ImageResize() {}

  /**
   * Resizes an image.
   *
   * @param src the source image
   * @param width the output width, positive
   * @param height the output height, positive
   * @return a new image of the given size, with the source's alpha flag
   * @throws IllegalArgumentException if a size is not positive
   */
  public static RgbaImage resize(RgbaImage src, int width, int height) {
    Objects.requireNonNull(src, "src");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("resize target must be positive: " + width + "x" + height);
    }
    int sw = src.width();
    int sh = src.height();
    if (sw == width && sh == height) {
      return src.copy();
    }
    Taps tx = Taps.of(sw, width);
    Taps ty = Taps.of(sh, height);
    int[] in = src.pixels();
    int[] out = new int[Math.multiplyExact(width, height)];
    float[] row = new float[sw * 4];
    for (int y = 0; y < height; y++) {
      Arrays.fill(row, 0f);
      int tb = ty.offset[y];
      for (int k = 0; k < ty.count[y]; k++) {
        float wgt = ty.weight[tb + k];
        int base = ty.index[tb + k] * sw;
        for (int x = 0, j = 0; x < sw; x++, j += 4) {
          int p = in[base + x];
          row[j] += wgt * (p >>> 24);
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
        int xb = tx.offset[x];
        for (int k = 0; k < tx.count[x]; k++) {
          float wgt = tx.weight[xb + k];
          int j = tx.index[xb + k] * 4;
          a += wgt * row[j];
          r += wgt * row[j + 1];
          g += wgt * row[j + 2];
          b += wgt * row[j + 3];
        }
        out[o + x] = toByte(a) << 24 | toByte(r) << 16 | toByte(g) << 8 | toByte(b);
      }
    }
    return RgbaImage.wrap(width, height, out, src.hasAlpha());
  }

  private static int toByte(float v) {
    int i = (int) (v + 0.5f);
    return i < 0 ? 0 : Math.min(i, 255);
  }

  /** Source taps along one axis: for output {@code d}, {@code count[d]} entries from {@code offset[d]}. */
  static final class Taps {
    final int[] offset;
    final int[] count;
    final int[] index;
    final float[] weight;

    private Taps(int[] offset, int[] count, int[] index, float[] weight) {
      this.offset = offset;
      this.count = count;
      this.index = index;
      this.weight = weight;
    }

    static Taps of(int src, int dst) {
      return dst < src ? area(src, dst) : linear(src, dst);
    }

    /** Output pixel {@code d} covers source interval {@code [d*scale, (d+1)*scale)}; weights are overlaps. */
    private static Taps area(int src, int dst) {
      double scale = (double) src / dst;
      int max = (int) Math.ceil(scale) + 1;
      int[] offset = new int[dst];
      int[] count = new int[dst];
      int[] index = new int[dst * max];
      float[] weight = new float[dst * max];
      int n = 0;
      for (int d = 0; d < dst; d++) {
        double lo = d * scale;
        double hi = Math.min(src, lo + scale);
        offset[d] = n;
        double total = 0;
        int start = n;
        for (int s = (int) Math.floor(lo); s < hi; s++) {
          double overlap = Math.min(hi, s + 1) - Math.max(lo, s);
          if (overlap > 1e-9) {
            index[n] = s;
            weight[n] = (float) overlap;
            total += overlap;
            n++;
          }
        }
        for (int k = start; k < n; k++) {
          weight[k] = (float) (weight[k] / total);
        }
        count[d] = n - start;
      }
      return new Taps(offset, count, index, weight);
    }

    /** Pixel-centre aligned linear interpolation, edge samples clamped. */
    private static Taps linear(int src, int dst) {
      double scale = (double) src / dst;
      int[] offset = new int[dst];
      int[] count = new int[dst];
      int[] index = new int[dst * 2];
      float[] weight = new float[dst * 2];
      for (int d = 0; d < dst; d++) {
        double s = (d + 0.5) * scale - 0.5;
        int s0 = (int) Math.floor(s);
        double f = s - s0;
        offset[d] = 2 * d;
        if (s0 < 0) {
          s0 = 0;
          f = 0;
        }
        if (s0 >= src - 1) {
          s0 = src - 1;
          f = 0;
        }
        index[2 * d] = s0;
        weight[2 * d] = (float) (1 - f);
        if (f > 0) {
          index[2 * d + 1] = s0 + 1;
          weight[2 * d + 1] = (float) f;
          count[d] = 2;
        } else {
          count[d] = 1;
        }
      }
      return new Taps(offset, count, index, weight);
    }
  }
}
