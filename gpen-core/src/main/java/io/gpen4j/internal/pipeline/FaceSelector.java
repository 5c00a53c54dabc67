package io.gpen4j.internal.pipeline;

import io.gpen4j.DetectedFace;
import io.gpen4j.RestoreOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The select stage: applies the per-call face filters and orders faces largest first. */
final class FaceSelector {
  private FaceSelector() {}

  static List<DetectedFace> select(List<DetectedFace> faces, RestoreOptions options) {
    List<DetectedFace> kept = new ArrayList<>();
    for (DetectedFace f : faces) {
      if (f.score() >= options.minScore() && f.size() >= options.minFaceSize()) {
        kept.add(f);
      }
    }
    kept.sort(Comparator.comparingDouble((DetectedFace f) -> f.box().area()).reversed()
        .thenComparing(Comparator.comparingDouble(DetectedFace::score).reversed()));
    int limit = options.onlyLargestFace() ? 1 : options.maxFaces() == 0 ? kept.size() : options.maxFaces();
    return List.copyOf(kept.subList(0, Math.min(limit, kept.size())));
  }
}
