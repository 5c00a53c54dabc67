package io.gpen4j.internal.detect;

import io.gpen4j.DetectedFace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Greedy non-maximum suppression: keeps the highest-scoring face, drops every other face whose box
 * overlaps it with an intersection-over-union above the threshold, and repeats with the next
 * survivor (the procedure of OpenCV's {@code NMSBoxes} and of the detectors' reference code).
 */
final class NonMaxSuppression {
  /**
   * At most this many candidates, the best first, enter suppression; bounds its quadratic cost
   * when a caller passes a very low score threshold (YuNet's reference {@code top_k}).
   */
  static final int MAX_CANDIDATES = 5000;

  private NonMaxSuppression() {}

  /**
   * Suppresses overlapping faces.
   *
   * @param faces the candidates, in any order; not modified
   * @param iouThreshold faces overlapping a better one by more than this are dropped; in [0, 1]
   * @return the survivors, best score first (ties keep the input order)
   */
  static List<DetectedFace> apply(List<DetectedFace> faces, double iouThreshold) {
    if (!(iouThreshold >= 0 && iouThreshold <= 1)) {
      throw new IllegalArgumentException("IoU threshold must be in [0, 1]: " + iouThreshold);
    }
    List<DetectedFace> sorted = new ArrayList<>(faces);
    // List.sort is stable, so equal scores keep their input order.
    sorted.sort(Comparator.comparingDouble(DetectedFace::score).reversed());
    if (sorted.size() > MAX_CANDIDATES) {
      sorted = sorted.subList(0, MAX_CANDIDATES);
    }
    List<DetectedFace> kept = new ArrayList<>();
    for (DetectedFace candidate : sorted) {
      boolean suppressed = false;
      for (DetectedFace k : kept) {
        if (k.box().iou(candidate.box()) > iouThreshold) {
          suppressed = true;
          break;
        }
      }
      if (!suppressed) {
        kept.add(candidate);
      }
    }
    return kept;
  }
}
