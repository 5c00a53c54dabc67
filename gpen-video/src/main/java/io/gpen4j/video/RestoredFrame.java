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
 * @param trackIds the track id of each face, in the order of {@code faces}: the same id in every
 *     frame while the face is followed, never reused in one video or stream
 */
public record RestoredFrame(BufferedImage image, long timestampMicros, List<RestoredFace> faces, StageTimings timings,
    List<Integer> trackIds) {
  /**
   * Validates the frame and copies the lists.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if there is not one track id per face
   */
  public RestoredFrame {
    Objects.requireNonNull(image, "image");
    faces = List.copyOf(faces);
    Objects.requireNonNull(timings, "timings");
    trackIds = List.copyOf(trackIds);
    if (trackIds.size() != faces.size()) {
      throw new IllegalArgumentException(trackIds.size() + " track ids for " + faces.size() + " faces");
    }
  }

  /**
   * Creates a frame without faces.
   *
   * @param image the frame
   * @param timestampMicros its timestamp
   * @param timings its stage timings
   * @return the frame
   */
  public static RestoredFrame withoutFaces(BufferedImage image, long timestampMicros, StageTimings timings) {
    return new RestoredFrame(image, timestampMicros, List.of(), timings, List.of());
  }
}
