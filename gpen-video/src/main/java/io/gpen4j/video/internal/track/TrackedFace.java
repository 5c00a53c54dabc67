package io.gpen4j.video.internal.track;

import io.gpen4j.DetectedFace;
import java.util.Objects;

/**
 * A face followed across frames.
 *
 * @param id the track's id, stable for as long as the face is followed; never reused in a stream
 * @param face where to restore the face in this frame (smoothed when smoothing is on)
 * @param detection the detector's raw face matched in this frame, or null when the track was
 *     carried over without one (a skipped or missed detection)
 */
public record TrackedFace(int id, DetectedFace face, DetectedFace detection) {
  /**
   * Validates the face.
   *
   * @throws NullPointerException if {@code face} is null
   */
  public TrackedFace {
    Objects.requireNonNull(face, "face");
  }
}
