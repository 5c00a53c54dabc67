package io.gpen4j.internal.image;

import java.util.Objects;

/**
 * The source taps and weights of a one-dimensional resampling, precomputed for every output
 * index: the one resampler of the library. {@link ImageResize} applies it to whole images and the
 * detectors' input writer applies it while normalising into a tensor, with a {@link ResampleFilter}
 * each.
 *
 * <p>Geometry: pixel centres sit at half-integers on both sides, as in OpenCV's {@code resize}:
 * output {@code i} is centred on source coordinate {@code start + (i + 0.5) / scale - 0.5}.
 * Growing is bilinear with edge samples clamped; shrinking averages (see the filters). Taps of an
 * output are consecutive source indices; those falling outside the source are dropped and the rest
 * renormalised, so a constant row stays constant.
 */
public final class ResampleTaps {
  private final int[] first;
  private final int[] count;
  private final float[] weights;
  private final int stride;

  private ResampleTaps(int[] first, int[] count, float[] weights, int stride) {
    this.first = first;
    this.count = count;
    this.weights = weights;
    this.stride = stride;
  }

  /**
   * Computes the taps that resize a whole axis of {@code source} samples to {@code out} samples.
   *
   * @param filter how a shrinking axis is averaged
   * @param source the source length, positive
   * @param out the output length, positive
   * @return the taps
   * @throws IllegalArgumentException if a length is not positive
   */
  public static ResampleTaps resize(ResampleFilter filter, int source, int out) {
    if (source <= 0 || out <= 0) {
      throw new IllegalArgumentException("bad resample: " + source + " samples to " + out);
    }
    return compute(filter, out, (double) source / out, 0, source);
  }

  /**
   * Computes the taps for a region of an axis, resampled by a factor.
   *
   * @param filter how a shrinking axis is averaged
   * @param out the number of output samples, positive
   * @param scale output pixels per source pixel, positive
   * @param start the source coordinate that output 0's left edge maps to
   * @param source the number of source samples, positive
   * @return the taps
   * @throws IllegalArgumentException if a length or the scale is not positive
   */
  public static ResampleTaps region(ResampleFilter filter, int out, double scale, int start, int source) {
    if (out <= 0 || source <= 0 || !(scale > 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException(
          "bad resample: " + out + " outputs, scale " + scale + ", " + source + " inputs");
    }
    return compute(filter, out, 1.0 / scale, start, source);
  }

  /** {@code step}: source pixels per output pixel. */
  private static ResampleTaps compute(ResampleFilter filter, int out, double step, int start, int source) {
    Objects.requireNonNull(filter, "filter");
    boolean shrinking = step > 1.0;
    double support = shrinking ? step : 1.0;
    int stride = (int) Math.ceil(support) * 2 + 2;
    int[] first = new int[out];
    int[] count = new int[out];
    float[] weights = new float[out * stride];
    double[] w = new double[stride];
    for (int i = 0; i < out; i++) {
      int lo;
      int n = 0;
      double total = 0;
      if (shrinking && filter == ResampleFilter.AREA) {
        // Output i covers source [a, b); each source pixel weighs by its overlap with it.
        double a = start + i * step;
        double b = Math.min(source, a + step);
        lo = -1;
        for (int s = Math.max(0, (int) Math.floor(a)); s < b && n < stride; s++) {
          double overlap = Math.min(b, s + 1) - Math.max(a, s);
          if (overlap > 1e-9) {
            if (lo < 0) {
              lo = s;
            }
            w[n++] = overlap;
            total += overlap;
          }
        }
        if (lo < 0) {
          lo = Math.min(source - 1, Math.max(0, (int) Math.floor(a)));
        }
      } else {
        double centre = start + (i + 0.5) * step - 0.5;
        lo = Math.max(0, (int) Math.floor(centre - support) + 1);
        int hi = Math.min(source - 1, (int) Math.ceil(centre + support) - 1);
        if (hi < lo) {
          // Centre beyond the source (only for a region outside it): the nearest edge.
          lo = hi = centre < 0 ? 0 : source - 1;
        }
        for (int j = lo; j <= hi && n < stride; j++) {
          double v = Math.max(0.0, 1.0 - Math.abs(j - centre) / support);
          w[n++] = v;
          total += v;
        }
      }
      if (total <= 0) {
        w[0] = 1;
        n = 1;
        total = 1;
      }
      first[i] = lo;
      count[i] = n;
      for (int k = 0; k < n; k++) {
        weights[i * stride + k] = (float) (w[k] / total);
      }
    }
    return new ResampleTaps(first, count, weights, stride);
  }

  /** Returns the number of output samples. @return the length */
  public int length() {
    return first.length;
  }

  /**
   * Returns the first source index output {@code i} reads.
   *
   * @param i the output index
   * @return the source index
   */
  public int first(int i) {
    return first[i];
  }

  /**
   * Returns how many consecutive source samples output {@code i} reads.
   *
   * @param i the output index
   * @return the number of taps, at least 1
   */
  public int count(int i) {
    return count[i];
  }

  /**
   * Returns one weight.
   *
   * @param i the output index
   * @param k the tap, from 0 to {@code count(i) - 1}
   * @return the weight of source sample {@code first(i) + k}
   */
  public float weight(int i, int k) {
    return weights[i * stride + k];
  }
}
