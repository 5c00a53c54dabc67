package io.gpen4j.internal.image;

import java.util.Arrays;
import java.util.Objects;

/**
 * Low-frequency colour matching of a restored crop to the crop it was restored from:
 * {@code restored + lowpass(original - restored)} (the low-pass is linear, so this is
 * {@code restored + lowpass(original) - lowpass(restored)}).
 *
 * <p>Why: GPEN also "enhances" colour and tone, which shows as a tinted patch in the frame
 * (docs/REFERENCE.md §5). The generator's gain is detail, which lives at high frequencies, so taking the
 * low frequencies from the input and the high ones from the output keeps the detail and the
 * frame's colour.
 *
 * <p>Low-pass: the means of a {@value #BLOCKS} x {@value #BLOCKS} grid of blocks (32 px at a 512
 * crop, a third of the eye distance), interpolated bilinearly between block centres and held
 * constant beyond the outer centres. It costs two passes over the crop. Blurring a sharp face does
 * not move its block means, so the difference is mostly the colour shift the model introduced.
 */
public final class ColorMatch {
  /** Blocks per side of the low-pass grid. */
  static final int BLOCKS = 16;

  private ColorMatch() {}

  /**
   * Returns {@code restored} with the low frequencies of {@code original}.
   *
   * @param restored the generator's output, 3-channel planar, values in [0, 255]
   * @param original the aligned input crop, the same size and channel count
   * @return a new image, values clamped to [0, 255]
   * @throws IllegalArgumentException if the images differ in size or channel count
   */
  public static FloatImage apply(FloatImage restored, FloatImage original) {
    Objects.requireNonNull(restored, "restored");
    Objects.requireNonNull(original, "original");
    int w = restored.width();
    int h = restored.height();
    int channels = restored.channels();
    if (original.width() != w || original.height() != h || original.channels() != channels) {
      throw new IllegalArgumentException(
          "colour match needs images of one shape: restored " + w + "x" + h + "x" + channels
              + ", original " + original.width() + "x" + original.height() + "x" + original.channels());
    }
    int bx = Math.min(BLOCKS, w);
    int by = Math.min(BLOCKS, h);
    int[] blockOfX = blockIndex(w, bx);
    int[] blockOfY = blockIndex(h, by);
    Axis ax = Axis.of(w, bx);
    Axis ay = Axis.of(h, by);
    float[] r = restored.data();
    float[] o = original.data();
    FloatImage result = FloatImage.create(w, h, channels);
    float[] out = result.data();
    int plane = w * h;
    double[] sums = new double[bx * by];
    float[] means = new float[bx * by];
    float[] rowBuf = new float[w];
    for (int c = 0; c < channels; c++) {
      Arrays.fill(sums, 0);
      int base = c * plane;
      for (int y = 0; y < h; y++) {
        int rowBlock = blockOfY[y] * bx;
        int i = base + y * w;
        for (int x = 0; x < w; x++) {
          sums[rowBlock + blockOfX[x]] += o[i + x] - r[i + x];
        }
      }
      for (int j = 0; j < by; j++) {
        for (int i = 0; i < bx; i++) {
          long n = (long) ax.length[i] * ay.length[j];
          means[j * bx + i] = (float) (sums[j * bx + i] / n);
        }
      }
      for (int y = 0; y < h; y++) {
        int j0 = ay.lower[y] * bx;
        int j1 = ay.upper[y] * bx;
        float fy = ay.frac[y];
        for (int x = 0; x < w; x++) {
          float top = means[j0 + ax.lower[x]] + ax.frac[x] * (means[j0 + ax.upper[x]] - means[j0 + ax.lower[x]]);
          float bottom = means[j1 + ax.lower[x]] + ax.frac[x] * (means[j1 + ax.upper[x]] - means[j1 + ax.lower[x]]);
          rowBuf[x] = top + fy * (bottom - top);
        }
        int i = base + y * w;
        for (int x = 0; x < w; x++) {
          float v = r[i + x] + rowBuf[x];
          out[i + x] = v < 0 ? 0 : Math.min(v, 255f);
        }
      }
    }
    return result;
  }

  /** Block of each pixel: block {@code k} of {@code n} covers {@code [k*len/n, (k+1)*len/n)}. */
  private static int[] blockIndex(int len, int n) {
    int[] block = new int[len];
    for (int k = 0; k < n; k++) {
      for (int p = start(k, len, n); p < start(k + 1, len, n); p++) {
        block[p] = k;
      }
    }
    return block;
  }

  private static int start(int k, int len, int n) {
    return (int) ((long) k * len / n);
  }

  /** Per pixel along one axis: the two blocks whose centres bracket it and the weight of the upper. */
  private static final class Axis {
    final int[] length;
    final int[] lower;
    final int[] upper;
    final float[] frac;

    private Axis(int[] length, int[] lower, int[] upper, float[] frac) {
      this.length = length;
      this.lower = lower;
      this.upper = upper;
      this.frac = frac;
    }

    static Axis of(int len, int n) {
      int[] length = new int[n];
      double[] centre = new double[n];
      for (int k = 0; k < n; k++) {
        int s = start(k, len, n);
        int e = start(k + 1, len, n);
        length[k] = e - s;
        centre[k] = (s + e - 1) / 2.0;
      }
      int[] lower = new int[len];
      int[] upper = new int[len];
      float[] frac = new float[len];
      int k = 0;
      for (int p = 0; p < len; p++) {
        while (k + 1 < n && centre[k + 1] <= p) {
          k++;
        }
        lower[p] = k;
        if (p <= centre[0] || k == n - 1) {
          upper[p] = k;
          frac[p] = 0;
        } else {
          upper[p] = k + 1;
          frac[p] = (float) ((p - centre[k]) / (centre[k + 1] - centre[k]));
        }
      }
      return new Axis(length, lower, upper, frac);
    }
  }
}
