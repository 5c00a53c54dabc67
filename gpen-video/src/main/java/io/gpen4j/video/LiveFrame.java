package io.gpen4j.video;

import java.time.Duration;
import java.util.Objects;

/**
 * One frame restored by a {@link LiveStream}: the restored frame and how long it took from capture.
 *
 * @param frame the restored image, its faces, track ids and stage timings; its {@code
 *     timestampMicros} is the capture time in microseconds
 * @param sequence which offered frame this is, counting from 1: gaps are dropped frames
 * @param captureNanos the capture time given to {@link LiveStream#offer}
 * @param latency from capture to restored (the stream's ticker when the restore ended, minus the
 *     capture time)
 * @param restoreTime the part of the latency spent restoring it, from when the stream took it to
 *     restore to when it was restored; the rest is its wait for the frame before it
 */
public record LiveFrame(RestoredFrame frame, long sequence, long captureNanos, Duration latency,
    Duration restoreTime) {
  /**
   * Validates the frame.
   *
   * @throws NullPointerException if {@code frame}, {@code latency} or {@code restoreTime} is null
   * @throws IllegalArgumentException if {@code sequence} is below 1, a duration is negative, or the
   *     restore time exceeds the latency
   */
  public LiveFrame {
    Objects.requireNonNull(frame, "frame");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(restoreTime, "restoreTime");
    if (restoreTime.isNegative() || restoreTime.compareTo(latency) > 0) {
      throw new IllegalArgumentException("restoreTime must be in [0, latency]: " + restoreTime + ", " + latency);
    }
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be at least 1: " + sequence);
    }
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + latency);
    }
  }
}
