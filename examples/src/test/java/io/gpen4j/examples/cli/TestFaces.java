package io.gpen4j.examples.cli;

import io.gpen4j.BoundingBox;
import io.gpen4j.DetectedFace;
import io.gpen4j.Landmarks;
import io.gpen4j.RestoredFace;
import io.gpen4j.SimilarityTransform;
import io.gpen4j.StageTimings;
import java.util.ArrayList;
import java.util.List;

/** Restored faces for reports, where only their number and shape matter. */
final class TestFaces {
  private TestFaces() {}

  static List<RestoredFace> some(int n) {
    List<RestoredFace> faces = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      DetectedFace d = new DetectedFace(new BoundingBox(10 * i, 20, 50, 60),
          Landmarks.of(20, 40, 40, 40, 30, 50, 22, 62, 38, 62), 0.9);
      faces.add(new RestoredFace(d, SimilarityTransform.of(2, 0.1, 3, 4), StageTimings.ZERO, true));
    }
    return faces;
  }
}
