package io.gpen4j.video.internal.track;

/**
 * The One Euro filter for one noisy value sampled at irregular times: a first-order low-pass
 * filter whose cut-off frequency rises with the value's speed (Casiez, Roussel, Vogel, "1€ Filter:
 * A Simple Speed-based Low-pass Filter for Noisy Input in Interactive Systems", CHI 2012).
 *
 * <p>Design: at rest the cut-off is {@code minCutoffHz}, low enough to remove jitter; when the value
 * moves, the cut-off grows by {@code beta} times the speed, so the output keeps up and lag stays
 * small. The speed is itself low-pass filtered at {@code derivativeCutoffHz} so that jitter does
 * not read as motion. Each step uses the real time since the previous sample, so a variable frame
 * rate or skipped frames are handled as they are. With {@code minCutoffHz} infinite the value
 * passes through unchanged while the speed is still estimated (smoothing off, prediction on).
 *
 * <p>Not thread-safe; one instance per value.
 */
final class OneEuroFilter {
  private final double minCutoffHz;
  private final double beta;
  private final double derivativeCutoffHz;

  private boolean primed;
  private double value;
  private double derivative;
  private long lastMicros;

  /**
   * Creates a filter that has seen no sample.
   *
   * @param minCutoffHz the cut-off at rest, positive (infinite: pass the value through)
   * @param beta how much the cut-off grows per unit of speed (value units per second), not negative
   * @param derivativeCutoffHz the cut-off of the speed estimate, positive and finite
   */
  OneEuroFilter(double minCutoffHz, double beta, double derivativeCutoffHz) {
    if (!(minCutoffHz > 0)) {
      throw new IllegalArgumentException("minCutoffHz must be positive: " + minCutoffHz);
    }
    if (!(beta >= 0) || Double.isInfinite(beta)) {
      throw new IllegalArgumentException("beta must be finite and not negative: " + beta);
    }
    if (!(derivativeCutoffHz > 0) || Double.isInfinite(derivativeCutoffHz)) {
      throw new IllegalArgumentException(
          "derivativeCutoffHz must be positive and finite: " + derivativeCutoffHz);
    }
    this.minCutoffHz = minCutoffHz;
    this.beta = beta;
    this.derivativeCutoffHz = derivativeCutoffHz;
  }

  /**
   * Filters the next sample, the cut-off following this value's own speed (the paper's filter).
   *
   * @param sample the raw value
   * @param timestampMicros when it was sampled; not before the previous sample
   * @return the filtered value
   * @throws IllegalArgumentException if the timestamp goes back in time
   */
  double filter(double sample, long timestampMicros) {
    return filter(sample, timestampMicros, Math.abs(nextDerivative(sample, timestampMicros)));
  }

  /**
   * Filters the next sample with the cut-off following a speed given by the caller, for values
   * that move together (the landmarks of one face) and whose common speed is a steadier measure of
   * motion than each value's own; the filter's own speed estimate is still updated.
   *
   * @param sample the raw value
   * @param timestampMicros when it was sampled; not before the previous sample
   * @param speed the speed that sets the cut-off, in value units per second, not negative
   * @return the filtered value
   * @throws IllegalArgumentException if the timestamp goes back in time
   */
  double filter(double sample, long timestampMicros, double speed) {
    if (!primed) {
      // The first sample has no history to smooth against: it is the best estimate there is.
      primed = true;
      value = sample;
      derivative = 0;
      lastMicros = timestampMicros;
      return value;
    }
    double seconds = elapsedSeconds(timestampMicros);
    if (seconds == 0) {
      // A repeated timestamp carries no time to move in; keep the estimate.
      return value;
    }
    derivative = nextDerivative(sample, timestampMicros);
    double cutoff = minCutoffHz + beta * speed;
    value += smoothingFactor(cutoff, seconds) * (sample - value);
    lastMicros = timestampMicros;
    return value;
  }

  /**
   * Returns what the filtered speed would be after a sample, without taking it.
   *
   * @param sample the raw value
   * @param timestampMicros when it was sampled; not before the previous sample
   * @return value units per second; 0 before the first sample or at a repeated timestamp
   * @throws IllegalArgumentException if the timestamp goes back in time
   */
  double nextDerivative(double sample, long timestampMicros) {
    if (!primed) {
      return 0;
    }
    double seconds = elapsedSeconds(timestampMicros);
    if (seconds == 0) {
      return derivative;
    }
    double rawDerivative = (sample - value) / seconds;
    return derivative + smoothingFactor(derivativeCutoffHz, seconds) * (rawDerivative - derivative);
  }

  private double elapsedSeconds(long timestampMicros) {
    long elapsed = timestampMicros - lastMicros;
    if (elapsed < 0) {
      throw new IllegalArgumentException(
          "timestamp went back in time: " + timestampMicros + " after " + lastMicros);
    }
    return elapsed / 1e6;
  }

  /** Returns whether a sample has been seen. @return true after the first {@link #filter} */
  boolean primed() {
    return primed;
  }

  /** Returns the last filtered value. @return the value; 0 before the first sample */
  double value() {
    return value;
  }

  /** Returns the filtered speed. @return value units per second; 0 before the second sample */
  double derivative() {
    return derivative;
  }

  /** Returns when the last sample was taken. @return microseconds */
  long lastMicros() {
    return lastMicros;
  }

  /**
   * The weight of a new sample in an exponential smoother equivalent to an RC low-pass filter of
   * the given cut-off over the given time step (the paper's alpha).
   */
  static double smoothingFactor(double cutoffHz, double seconds) {
    double tau = 1 / (2 * Math.PI * cutoffHz);
    return 1 / (1 + tau / seconds);
  }
}
