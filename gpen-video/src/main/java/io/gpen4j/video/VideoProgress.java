package io.gpen4j.video;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How far a {@link VideoRestorer#restore(java.nio.file.Path, java.nio.file.Path, VideoOptions)}
 * call has got, reported after each frame is written.
 *
 * @param framesDone the frames written so far
 * @param framesTotal the frames the call will write, when the input says (a container's frame count
 *     is an estimate for some formats); empty when unknown
 * @param framesPerSecond the frames written per second of wall time so far
 * @param elapsed the wall time since the call started
 */
public record VideoProgress(long framesDone, OptionalLong framesTotal, double framesPerSecond, Duration elapsed) {
  /**
   * Validates the progress.
   *
   * @throws IllegalArgumentException if a count or the rate is negative
   * @throws NullPointerException if {@code framesTotal} or {@code elapsed} is null
   */
  public VideoProgress {
    if (framesDone < 0 || framesPerSecond < 0 || !Double.isFinite(framesPerSecond)) {
      throw new IllegalArgumentException("invalid progress: " + framesDone + " frames at " + framesPerSecond + " fps");
    }
    if (framesTotal.isPresent() && framesTotal.getAsLong() < 0) {
      throw new IllegalArgumentException("framesTotal must not be negative: " + framesTotal);
    }
    if (elapsed.isNegative()) {
      throw new IllegalArgumentException("elapsed must not be negative: " + elapsed);
    }
  }

  /**
   * Estimates the time left from the rate so far.
   *
   * @return the time left; empty when the total is unknown or no frame is done yet
   */
  public Optional<Duration> timeLeft() {
    if (framesTotal.isEmpty() || framesDone == 0 || framesPerSecond <= 0) {
      return Optional.empty();
    }
    long left = Math.max(0, framesTotal.getAsLong() - framesDone);
    return Optional.of(Duration.ofMillis(Math.round(left * 1000 / framesPerSecond)));
  }
}
