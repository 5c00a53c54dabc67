package io.gpen4j.video.internal.track;

import io.gpen4j.BoundingBox;
import io.gpen4j.DetectedFace;
import io.gpen4j.Landmarks;

/** Synthetic detections: a square face with its five landmarks where a frontal face has them. */
final class Faces {
  private Faces() {}

  /**
   * Returns a face.
   *
   * @param cx the box centre's x
   * @param cy the box centre's y
   * @param size the box side
   */
  static DetectedFace at(double cx, double cy, double size) {
    return new DetectedFace(
        new BoundingBox(cx - size / 2, cy - size / 2, size, size),
        Landmarks.of(
            cx - 0.2 * size, cy - 0.1 * size,
            cx + 0.2 * size, cy - 0.1 * size,
            cx, cy + 0.05 * size,
            cx - 0.15 * size, cy + 0.25 * size,
            cx + 0.15 * size, cy + 0.25 * size),
        0.9);
  }

  /** Returns the x of a face's landmark centroid. */
  static double centroidX(DetectedFace face) {
    return face.landmarks().points().stream().mapToDouble(p -> p.x()).average().orElseThrow();
  }
}
