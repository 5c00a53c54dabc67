package io.gpen4j;

import java.time.Duration;
import java.util.Objects;

/**
 * Time spent in each stage of the pipeline.
 *
 * <p>For a whole image ({@link RestoreResult#timings()}) every field is filled; for one face
 * ({@link RestoredFace#timings()}) {@code decode} and {@code detect} are zero because those stages
 * run once per image.
 *
 * @param decode reading and decoding the input
 * @param detect finding faces
 * @param align estimating the alignment and warping the crop
 * @param enhance running the generator, with its pre- and post-processing
 * @param paste warping the result back and blending it in
 */
public record StageTimings(
    Duration decode, Duration detect, Duration align, Duration enhance, Duration paste) {
  /** Zero for every stage. */
  public static final StageTimings ZERO =
      new StageTimings(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  /**
   * Validates the timings.
   *
   * @throws NullPointerException if a duration is null
   * @throws IllegalArgumentException if a duration is negative
   */
  public StageTimings {
    for (Duration d : new Duration[] {decode, detect, align, enhance, paste}) {
      Objects.requireNonNull(d, "duration");
      if (d.isNegative()) {
        throw new IllegalArgumentException("durations must not be negative: " + d);
      }
    }
  }

  /**
   * Returns the sum of all stages.
   *
   * @return the total time
   */
  public Duration total() {
    return decode.plus(detect).plus(align).plus(enhance).plus(paste);
  }

  /**
   * Adds two timings stage by stage.
   *
   * @param other the timings to add
   * @return the sum
   */
  public StageTimings plus(StageTimings other) {
    return new StageTimings(
        decode.plus(other.decode),
        detect.plus(other.detect),
        align.plus(other.align),
        enhance.plus(other.enhance),
        paste.plus(other.paste));
  }
}
