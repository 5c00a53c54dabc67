package io.gpen4j.internal.image;

import java.util.Objects;

/**
 * The blend mask of a restored face from a face parser's class scores: 1 where the parser's best
 * class is one of the kept classes, 0 elsewhere, resized to the crop, softened with a Gaussian blur
 * and multiplied by the crop's square {@link FeatherMask}.
 *
 * <p>Why this shape: official GPEN (docs/REFERENCE.md §5) zeroes a 26 px border of the parse map (at
 * 512) and blurs it twice with sigma 4; two blurs of sigma 4 are one of sigma {@code 4 sqrt 2},
 * done here once, scaled with the crop side. The square mask then zeroes the border instead of a
 * hard 26 px cut: it is exactly 0 within its inset, so pixels the warp replicated at a frame's edge
 * never show, and outside the kept classes' blurred footprint the mask is exactly 0, so those
 * frame pixels stay bit-identical.
 *
 * <p>Thread-safety: stateless.
 */
public final class ParsingMask {
  /** Official GPEN's blur, sigma 4 applied twice at 512, as one blur. */
  static final double SIGMA_AT_512 = 4 * Math.sqrt(2);

  private ParsingMask() {}

  /**
   * Builds the mask.
   *
   * @param scores the parser's output, {@code classes x side x side} planar (NCHW without N)
   * @param classes the number of classes, positive
   * @param side the side of the score maps, positive
   * @param keep the classes pasted, each in {@code [0, classes)}
   * @param square the crop's square mask; its side is the crop's
   * @return a new single-channel mask of the square mask's size with values in [0, 1], or null
   *     when a score is NaN or infinite
   * @throws IllegalArgumentException if the sizes do not match the data or a kept class is out of range
   */
  public static FloatImage fromScores(float[] scores, int classes, int side, int[] keep, FloatImage square) {
    Objects.requireNonNull(scores, "scores");
    Objects.requireNonNull(keep, "keep");
    Objects.requireNonNull(square, "square");
    if (classes <= 0 || side <= 0 || (long) classes * side * side != scores.length) {
      throw new IllegalArgumentException(
          scores.length + " scores are not " + classes + " classes of " + side + "x" + side);
    }
    boolean[] kept = keptClasses(classes, keep);
    FloatImage chosen = chosenPixels(scores, classes, side, kept);
    if (chosen == null) {
      return null;
    }
    int size = square.width();
    FloatImage resized = SquareResize.resize(chosen, size);
    double sigma = SIGMA_AT_512 * size / 512;
    FloatImage blurred = GaussianBlur.blur(resized, sigma, Math.min(GaussianBlur.radiusFor(sigma), size - 1));
    float[] m = blurred.data();
    float[] s = square.data();
    for (int i = 0; i < m.length; i++) {
      // The float blur can overshoot 1 by a rounding error.
      m[i] = Math.min(1f, m[i]) * s[i];
    }
    return blurred;
  }

  /** The kept classes as flags; checks each index. */
  static boolean[] keptClasses(int classes, int[] keep) {
    boolean[] kept = new boolean[classes];
    for (int k : keep) {
      if (k < 0 || k >= classes) {
        throw new IllegalArgumentException("kept class " + k + " is not in [0, " + classes + ")");
      }
      kept[k] = true;
    }
    return kept;
  }

  /** 1 where the highest-scoring class is kept, else 0; null on a non-finite score. */
  static FloatImage chosenPixels(float[] scores, int classes, int side, boolean[] kept) {
    for (float v : scores) {
      // A NaN never wins a comparison, so the argmax alone would hide a broken model.
      if (!Float.isFinite(v)) {
        return null;
      }
    }
    int plane = side * side;
    float[] best = new float[plane];
    int[] arg = new int[plane];
    System.arraycopy(scores, 0, best, 0, plane);
    for (int c = 1; c < classes; c++) {
      int base = c * plane;
      for (int i = 0; i < plane; i++) {
        float v = scores[base + i];
        if (v > best[i]) {
          best[i] = v;
          arg[i] = c;
        }
      }
    }
    float[] out = new float[plane];
    for (int i = 0; i < plane; i++) {
      out[i] = kept[arg[i]] ? 1f : 0f;
    }
    return FloatImage.wrap(side, side, 1, out);
  }
}
