package io.gpen4j;

import java.util.Objects;

/**
 * A face found by a {@link FaceDetector}, in the coordinates of the image the detector was given.
 *
 * @param box the face's bounding box
 * @param landmarks the five landmarks
 * @param score the detector's confidence in [0, 1]
 */
public record DetectedFace(BoundingBox box, Landmarks landmarks, double score) {
  /**
   * Validates the face.
   *
   * @throws NullPointerException if the box or the landmarks are null
   * @throws IllegalArgumentException if the score is outside [0, 1]
   */
  public DetectedFace {
    Objects.requireNonNull(box, "box");
    Objects.requireNonNull(landmarks, "landmarks");
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("score must be in [0, 1]: " + score);
    }
  }

  /**
   * Returns this face with every coordinate multiplied by a factor, as when mapping detections on
   * a downscaled view back to the full-resolution image.
   *
   * @param factor the scale factor, positive
   * @return the scaled face
   */
  public DetectedFace scale(double factor) {
    return new DetectedFace(
        box.scale(factor), landmarks.transform(SimilarityTransform.scaling(factor)), score);
  }

  /**
   * Returns the face's size: the shorter side of its box, in pixels.
   *
   * @return the size used by {@link RestoreOptions.Builder#minFaceSize(int)}
   */
  public double size() {
    return Math.min(box.width(), box.height());
  }
}
