package io.gpen4j.internal.detect;

/**
 * The taps of a one-dimensional linear ("tent") resampling filter, precomputed for every output
 * index. The filter's radius is one source pixel when enlarging (plain bilinear interpolation)
 * and {@code 1 / scale} source pixels when shrinking, so a shrunk image is averaged rather than
 * aliased - the scheme of Pillow's {@code ImagingResample} with its bilinear filter. Pixel
 * centres sit at half-integers on both sides, as in OpenCV's {@code resize}; taps that fall
 * outside the source are dropped and the rest renormalised.
 */
final class ResampleWeights {
  private final int[] first;
  private final int[] count;
  private final float[] weights;
  private final int taps;

  private ResampleWeights(int[] first, int[] count, float[] weights, int taps) {
    this.first = first;
    this.count = count;
    this.weights = weights;
    this.taps = taps;
  }

  /**
   * Computes the taps for one axis.
   *
   * @param outLength the number of output samples, positive
   * @param scale output pixels per source pixel, positive
   * @param start the source coordinate that output 0's left edge maps to
   * @param sourceLength the number of source samples, positive
   * @return the taps
   */
  static ResampleWeights compute(int outLength, double scale, int start, int sourceLength) {
    if (outLength <= 0 || sourceLength <= 0 || !(scale > 0)) {
      throw new IllegalArgumentException(
          "bad resample: " + outLength + " outputs, scale " + scale + ", " + sourceLength + " inputs");
    }
    double support = Math.max(1.0, 1.0 / scale);
    int taps = (int) Math.ceil(support) * 2 + 1;
    int[] first = new int[outLength];
    int[] count = new int[outLength];
    float[] weights = new float[outLength * taps];
    double[] w = new double[taps];
    for (int i = 0; i < outLength; i++) {
      double centre = start + (i + 0.5) / scale - 0.5;
      int lo = Math.max(0, (int) Math.floor(centre - support) + 1);
      int hi = Math.min(sourceLength - 1, (int) Math.ceil(centre + support) - 1);
      if (hi < lo) {
        // Centre beyond the source (only when a region is asked for outside it): nearest edge.
        lo = hi = centre < 0 ? 0 : sourceLength - 1;
      }
      int n = 0;
      double total = 0;
      for (int j = lo; j <= hi && n < taps; j++) {
        double v = Math.max(0.0, 1.0 - Math.abs(j - centre) / support);
        w[n++] = v;
        total += v;
      }
      if (total <= 0) {
        w[0] = 1;
        n = 1;
        total = 1;
      }
      first[i] = lo;
      count[i] = n;
      for (int k = 0; k < n; k++) {
        weights[i * taps + k] = (float) (w[k] / total);
      }
    }
    return new ResampleWeights(first, count, weights, taps);
  }

  /** Returns the number of output samples. @return the length */
  int length() {
    return first.length;
  }

  /**
   * Returns the first source index output {@code i} reads.
   *
   * @param i the output index
   * @return the source index
   */
  int first(int i) {
    return first[i];
  }

  /**
   * Returns how many consecutive source samples output {@code i} reads.
   *
   * @param i the output index
   * @return the number of taps, at least 1
   */
  int count(int i) {
    return count[i];
  }

  /**
   * Returns one weight.
   *
   * @param i the output index
   * @param k the tap, from 0 to {@code count(i) - 1}
   * @return the weight of source sample {@code first(i) + k}
   */
  float weight(int i, int k) {
    return weights[i * taps + k];
  }

  /** Returns the smallest source index any output reads. @return the index */
  int minSource() {
    int m = Integer.MAX_VALUE;
    for (int f : first) {
      m = Math.min(m, f);
    }
    return m;
  }

  /** Returns the largest source index any output reads. @return the index */
  int maxSource() {
    int m = Integer.MIN_VALUE;
    for (int i = 0; i < first.length; i++) {
      m = Math.max(m, first[i] + count[i] - 1);
    }
    return m;
  }
}
