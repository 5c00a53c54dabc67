package io.gpen4j.video;

import io.gpen4j.StageTimings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a video restoration did.
 *
 * @param framesRead the video frames decoded (within the start/duration window)
 * @param framesWritten the video frames written; equal to {@code framesRead} on success
 * @param facesPerFrame the number of faces restored in each written frame, in order
 * @param timings time per stage summed over all frames: {@code decode} is video decoding (with the
 *     conversion to an image), {@code detect} face detection, {@code align}/{@code enhance}/{@code
 *     paste} the restore stages; the stages overlap on their own threads, so the sum exceeds the
 *     wall time
 * @param encode time spent encoding and writing, summed over all frames
 * @param elapsed the wall time of the whole call
 * @param peakFramesInFlight the most frames that were in the pipeline at once; never above
 *     {@link VideoOptions#maxFramesInFlight()}
 */
public record VideoResult(
    long framesRead,
    long framesWritten,
    List<Integer> facesPerFrame,
    StageTimings timings,
    Duration encode,
    Duration elapsed,
    int peakFramesInFlight) {
  /**
   * Validates the result and copies the list.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if a count is negative
   */
  public VideoResult {
    facesPerFrame = List.copyOf(facesPerFrame);
    Objects.requireNonNull(timings, "timings");
    Objects.requireNonNull(encode, "encode");
    Objects.requireNonNull(elapsed, "elapsed");
    if (framesRead < 0 || framesWritten < 0 || peakFramesInFlight < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }

  /**
   * Returns the throughput of the whole call.
   *
   * @return frames written per second of wall time; 0 when nothing was written
   */
  public double framesPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds > 0 ? framesWritten / seconds : 0;
  }

  /**
   * Returns the faces restored over all frames.
   *
   * @return the sum of {@link #facesPerFrame()}
   */
  public long facesRestored() {
    return facesPerFrame.stream().mapToLong(Integer::longValue).sum();
  }
}
