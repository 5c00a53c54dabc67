package io.gpen4j.video;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link LiveStream} restores each frame with, and the measured costs it chose it from.
 *
 * @param adaptive whether the stream chooses (a target frame rate or latency is set) or keeps the
 *     options' fixed values
 * @param detectEvery how often the detector runs: 1 = every frame (it also runs on every frame
 *     while no face is tracked)
 * @param maxFaces how many of the tracked faces are restored per frame, the largest first; 0 for
 *     every tracked face
 * @param smallModelForAll whether every face goes to the restorer's small-face model
 *     ({@code RestoreOptions.Builder.smallFaceModelForAll}), chosen when the large model does not
 *     fit the budget; always false for a restorer without a small-face model
 * @param detectCost the detector's time per run, a moving average; zero until measured
 * @param faceCost the time to restore one face (align, generator, paste) on the large model, a
 *     moving average; zero until measured
 * @param smallFaceCost the same on the small-face model, from frames whose faces all ran on it; zero
 *     until measured (and without a small-face model)
 * @param otherCost the rest of a frame's time in the pipeline (pixel conversion, tracking, hand-over
 *     between threads), a moving average; zero until measured
 * @param frameBudget the time per frame the choice aims at (from the target frame rate, or the
 *     target latency less one camera frame interval); zero when not adaptive
 */
public record LiveQuality(boolean adaptive, int detectEvery, int maxFaces, boolean smallModelForAll,
    Duration detectCost, Duration faceCost, Duration smallFaceCost, Duration otherCost, Duration frameBudget) {
  /**
   * Validates the values.
   *
   * @throws NullPointerException if a duration is null
   * @throws IllegalArgumentException if {@code detectEvery} is below 1 or {@code maxFaces} negative
   */
  public LiveQuality {
    if (detectEvery < 1) {
      throw new IllegalArgumentException("detectEvery must be at least 1: " + detectEvery);
    }
    if (maxFaces < 0) {
      throw new IllegalArgumentException("maxFaces must not be negative: " + maxFaces);
    }
    Objects.requireNonNull(detectCost, "detectCost");
    Objects.requireNonNull(faceCost, "faceCost");
    Objects.requireNonNull(smallFaceCost, "smallFaceCost");
    Objects.requireNonNull(otherCost, "otherCost");
    Objects.requireNonNull(frameBudget, "frameBudget");
  }
}
