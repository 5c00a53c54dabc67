package io.gpen4j.internal.detect;

import io.gpen4j.BoundingBox;
import io.gpen4j.DetectedFace;
import io.gpen4j.Landmarks;

/** Builds candidate faces from decoded numbers, tolerating the model's rounding. */
final class Candidates {
  private Candidates() {}

  /**
   * Creates a candidate face.
   *
   * @param x0 the left edge
   * @param y0 the top edge
   * @param x1 the right edge; a value left of {@code x0} gives an empty box
   * @param y1 the bottom edge; a value above {@code y0} gives an empty box
   * @param landmarks ten coordinates in the canonical order
   * @param score the confidence, clamped to [0, 1]
   * @return the face, or null when a value is not finite (a degenerate model output)
   */
  static DetectedFace of(double x0, double y0, double x1, double y1, double[] landmarks, double score) {
    if (!Double.isFinite(x0) || !Double.isFinite(y0) || !Double.isFinite(x1) || !Double.isFinite(y1)
        || !Double.isFinite(score)) {
      return null;
    }
    for (double v : landmarks) {
      if (!Double.isFinite(v)) {
        return null;
      }
    }
    BoundingBox box = BoundingBox.ofCorners(x0, y0, Math.max(x0, x1), Math.max(y0, y1));
    return new DetectedFace(box, Landmarks.of(landmarks), Math.min(1.0, Math.max(0.0, score)));
  }
}
