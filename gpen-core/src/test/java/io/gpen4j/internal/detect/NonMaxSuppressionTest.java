package io.gpen4j.internal.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.BoundingBox;
import io.gpen4j.DetectedFace;
import io.gpen4j.Landmarks;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

final class NonMaxSuppressionTest {
  static DetectedFace face(double x, double y, double w, double h, double score) {
    return new DetectedFace(new BoundingBox(x, y, w, h),
        Landmarks.of(x, y, x + w, y, x + w / 2, y + h / 2, x, y + h, x + w, y + h), score);
  }

  @Test
  void apply_overlappingFaces_keepsOnlyTheBest() {
    DetectedFace best = face(0, 0, 10, 10, 0.9);
    DetectedFace shifted = face(1, 0, 10, 10, 0.8);
    assertEquals(List.of(best), NonMaxSuppression.apply(List.of(shifted, best), 0.4));
  }

  @Test
  void apply_disjointFaces_keepsAllBestFirst() {
    DetectedFace a = face(0, 0, 10, 10, 0.6);
    DetectedFace b = face(20, 0, 10, 10, 0.9);
    DetectedFace c = face(40, 0, 10, 10, 0.7);
    assertEquals(List.of(b, c, a), NonMaxSuppression.apply(List.of(a, b, c), 0.4));
  }

  @Test
  void apply_equalScores_keepInputOrder() {
    DetectedFace a = face(0, 0, 10, 10, 0.8);
    DetectedFace b = face(20, 0, 10, 10, 0.8);
    assertEquals(List.of(a, b), NonMaxSuppression.apply(List.of(a, b), 0.4));
    assertEquals(List.of(b, a), NonMaxSuppression.apply(List.of(b, a), 0.4));
  }

  /** Boxes 10 wide overlapping by 5: intersection 50, union 150, IoU exactly 1/3. */
  @Test
  void apply_iouEqualToThreshold_keepsBoth() {
    DetectedFace a = face(0, 0, 10, 10, 0.9);
    DetectedFace b = face(5, 0, 10, 10, 0.8);
    assertEquals(List.of(a, b), NonMaxSuppression.apply(List.of(a, b), 1.0 / 3));
    assertEquals(List.of(a), NonMaxSuppression.apply(List.of(a, b), Math.nextDown(1.0 / 3)));
  }

  @Test
  void apply_chain_suppressedFaceDoesNotSuppressOthers() {
    // b overlaps a and c; a suppresses b, so c (which only overlaps b) survives.
    DetectedFace a = face(0, 0, 10, 10, 0.9);
    DetectedFace b = face(4, 0, 10, 10, 0.8);
    DetectedFace c = face(8, 0, 10, 10, 0.7);
    assertEquals(List.of(a, c), NonMaxSuppression.apply(List.of(c, b, a), 0.4));
  }

  @Test
  void apply_badThreshold_throws() {
    assertThrows(IllegalArgumentException.class, () -> NonMaxSuppression.apply(List.of(), 1.5));
    assertThrows(IllegalArgumentException.class, () -> NonMaxSuppression.apply(List.of(), Double.NaN));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void apply_randomFaces_survivorsDoNotOverlapAndEveryDroppedFaceHasABetterNeighbour(long seed) {
    Random random = new Random(seed);
    List<DetectedFace> faces = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      faces.add(face(random.nextDouble() * 100, random.nextDouble() * 100,
          1 + random.nextDouble() * 30, 1 + random.nextDouble() * 30, random.nextDouble()));
    }
    List<DetectedFace> kept = NonMaxSuppression.apply(faces, 0.4);
    for (int i = 0; i < kept.size(); i++) {
      for (int j = i + 1; j < kept.size(); j++) {
        assertTrue(kept.get(i).score() >= kept.get(j).score(), "best first");
        assertTrue(kept.get(i).box().iou(kept.get(j).box()) <= 0.4, "survivors overlap");
      }
    }
    for (DetectedFace f : faces) {
      if (!kept.contains(f)) {
        assertTrue(kept.stream().anyMatch(k -> k.score() >= f.score() && k.box().iou(f.box()) > 0.4),
            "dropped without a better overlapping survivor: " + f);
      }
    }
  }
}
