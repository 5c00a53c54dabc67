package io.gpen4j;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * What {@link FaceRestorer#restore} returns: the restored image and what was done to it.
 *
 * <p>The image is a new image owned by the caller; the restorer keeps no reference to it. An input
 * with an alpha channel gives an output with the same alpha.
 *
 * @param image the restored image, upscaled when the options asked for it
 * @param faces the faces that were restored, largest first
 * @param timings the whole call's stage timings
 */
public record RestoreResult(BufferedImage image, List<RestoredFace> faces, StageTimings timings) {
  /**
   * Validates the result and copies the face list.
   *
   * @throws NullPointerException if a component is null
   */
  public RestoreResult {
    Objects.requireNonNull(image, "image");
    faces = List.copyOf(faces);
    Objects.requireNonNull(timings, "timings");
  }
}
