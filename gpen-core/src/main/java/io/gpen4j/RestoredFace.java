package io.gpen4j;

import java.util.Objects;

/**
 * One face of a {@link RestoreResult}: where it was found, how it was aligned, which generator
 * restored it and how long it took. Coordinates are in the input image; when the output was
 * upscaled, multiply them by the upscale factor to find the face in the output.
 *
 * @param detection the detector's box, landmarks and score
 * @param alignment the transform from input-image coordinates to the crop of the model that ran
 * @param timings the per-face stage timings (align, enhance, paste)
 * @param enhanced true when the generator's output was pasted; false when it was unusable (NaN or
 *     infinite values) and the original face was kept unchanged
 * @param model the name of the generator that ran on the face (a restorer with a small-face model,
 *     {@link GeneratorStage#withSmallFaceModel}, has two); empty when not known
 * @param modelSize the crop side of that generator; 0 when not known
 */
public record RestoredFace(
    DetectedFace detection, SimilarityTransform alignment, StageTimings timings, boolean enhanced,
    String model, int modelSize) {
  /**
   * Validates the face.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if {@code modelSize} is negative
   */
  public RestoredFace {
    Objects.requireNonNull(detection, "detection");
    Objects.requireNonNull(alignment, "alignment");
    Objects.requireNonNull(timings, "timings");
    Objects.requireNonNull(model, "model");
    if (modelSize < 0) {
      throw new IllegalArgumentException("modelSize must not be negative: " + modelSize);
    }
  }

  /**
   * A face whose generator is not known (built by hand, not by a restorer).
   *
   * @param detection the detector's box, landmarks and score
   * @param alignment the transform from input-image coordinates to the model's crop
   * @param timings the per-face stage timings
   * @param enhanced whether the generator's output was pasted
   * @throws NullPointerException if a component is null
   */
  public RestoredFace(DetectedFace detection, SimilarityTransform alignment, StageTimings timings, boolean enhanced) {
    this(detection, alignment, timings, enhanced, "", 0);
  }

  /** Returns the face's bounding box in the input image. @return the box */
  public BoundingBox box() {
    return detection.box();
  }

  /** Returns the face's landmarks in the input image. @return the landmarks */
  public Landmarks landmarks() {
    return detection.landmarks();
  }

  /** Returns the detector's confidence. @return a score in [0, 1] */
  public double score() {
    return detection.score();
  }
}
