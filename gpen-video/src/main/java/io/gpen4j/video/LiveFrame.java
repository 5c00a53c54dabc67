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
 */
public record LiveFrame(RestoredFrame frame, long sequence, long captureNanos, Duration latency) {
  /**
   * Validates the frame.
   *
   * @throws NullPointerException if {@code frame} or {@code latency} is null
   * @throws IllegalArgumentException if {@code sequence} is below 1 or the latency is negative
   */
  public LiveFrame {
    Objects.requireNonNull(frame, "frame");
    Objects.requireNonNull(latency, "latency");
    if (sequence < 1) {
      throw new IllegalArgumentException("sequence must be at least 1: " + sequence);
    }
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + latency);
    }
  }
}
