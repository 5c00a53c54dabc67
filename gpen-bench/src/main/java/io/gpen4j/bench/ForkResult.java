package io.gpen4j.bench;

import java.util.Objects;

/**
 * One fork of a configuration in the report's interleaved rounds.
 *
 * @param round the round (1-based); re-runs after the rounds continue the count
 * @param measurement what the fork measured, or why it did not
 * @param loadBefore the one-minute load average just before the fork (NaN if unknown)
 * @param loadAfter the one-minute load average just after it (NaN if unknown)
 * @param busy whether either load exceeded the processor count
 */
record ForkResult(int round, Measurement measurement, double loadBefore, double loadAfter, boolean busy) {
  ForkResult {
    Objects.requireNonNull(measurement, "measurement");
  }

  /**
   * Records a fork, marking it busy when the load before or after it exceeded the processors.
   *
   * @param round the round
   * @param m the outcome
   * @param before the load before
   * @param after the load after
   * @param processors the processor count
   * @return the record
   */
  static ForkResult of(int round, Measurement m, double before, double after, int processors) {
    return new ForkResult(round, m, before, after, before > processors || after > processors);
  }

  /** The value compared across configurations: mean ms (latency, load) or photos per second. */
  Double value() {
    return measurement.photosPerSecond() != null ? measurement.photosPerSecond() : measurement.meanMs();
  }
}
