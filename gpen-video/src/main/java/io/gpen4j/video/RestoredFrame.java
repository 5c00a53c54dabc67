package io.gpen4j.video;

import io.gpen4j.RestoredFace;
import io.gpen4j.StageTimings;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Objects;

/**
 * One frame handed back by a {@link FrameStream}: the restored image and what was done to it.
 *
 * @param image the restored frame, a new image owned by the caller
 * @param timestampMicros the timestamp the frame was submitted with
 * @param faces the faces restored in this frame (tracked, so present in frames where the detector
 *     did not run or missed them), largest first
 * @param timings this frame's stage timings ({@code decode} is zero: the caller decoded it)
 */
public record RestoredFrame(BufferedImage image, long timestampMicros, List<RestoredFace> faces, StageTimings timings) {
  /**
   * Validates the frame and copies the face list.
   *
   * @throws NullPointerException if a component is null
   */
  public RestoredFrame {
    Objects.requireNonNull(image, "image");
    faces = List.copyOf(faces);
    Objects.requireNonNull(timings, "timings");
  }
}
