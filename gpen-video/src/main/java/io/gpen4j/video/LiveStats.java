package io.gpen4j.video;

import java.time.Duration;
import java.util.Objects;

/**
 * A {@link LiveStream}'s counters since it opened and its rates and latencies over the last frames
 * ({@link LiveOptions#statsWindowFrames()}). Every frame offered is eventually restored or dropped,
 * except at most one being restored and one waiting: {@code offered - restored - dropped} is 0 to 2.
 *
 * @param offered frames offered
 * @param restored frames restored
 * @param dropped frames replaced by a newer one while waiting (or waiting when the stream closed),
 *     never restored
 * @param framesPerSecond restored frames per second over the window; 0 before two are restored
 * @param inputFramesPerSecond offered frames per second over the window; 0 before two are offered
 * @param latencyP50 the median latency, capture to restored, over the window; zero before the first
 * @param latencyP95 the 95th percentile latency over the window (nearest rank); zero before the first
 * @param windowFrames how many restored frames the latencies and frame rate are taken over
 * @param quality what frames are restored with now, and the measured costs behind it
 */
public record LiveStats(long offered, long restored, long dropped, double framesPerSecond,
    double inputFramesPerSecond, Duration latencyP50, Duration latencyP95, int windowFrames, LiveQuality quality) {
  /**
   * Validates the values.
   *
   * @throws NullPointerException if a duration or the quality is null
   * @throws IllegalArgumentException if a count is negative
   */
  public LiveStats {
    if (offered < 0 || restored < 0 || dropped < 0 || windowFrames < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
    Objects.requireNonNull(latencyP50, "latencyP50");
    Objects.requireNonNull(latencyP95, "latencyP95");
    Objects.requireNonNull(quality, "quality");
  }
}
