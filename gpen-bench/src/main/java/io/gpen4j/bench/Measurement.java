package io.gpen4j.bench;

import java.util.Objects;

/**
 * What one planned run produced: numbers, or why there are none.
 *
 * @param run the run
 * @param status measured, skipped (cannot run here) or failed (a bug or a crash)
 * @param reason why it was skipped or failed; null when measured
 * @param meanMs mean time per operation (latency kinds, load), else null
 * @param p50Ms median (sampled kinds and load), else null
 * @param p99Ms 99th percentile (sampled kinds and load), else null
 * @param photosPerSecond throughput over all callers (throughput kind), else null
 * @param rssPeakMb largest resident set sampled during the measurement, or null
 * @param rssHwmMb the fork's resident high-water mark (setup included), or null
 * @param gpuPeakMb peak GPU memory of the process during the measurement, or null
 * @param gpuNote how the GPU was read, or why not (e.g. "no GPU (...)"), or null for the CPU
 */
record Measurement(
    PlannedRun run,
    Status status,
    String reason,
    Double meanMs,
    Double p50Ms,
    Double p99Ms,
    Double photosPerSecond,
    Double rssPeakMb,
    Double rssHwmMb,
    Double gpuPeakMb,
    String gpuNote) {
  /** The outcome of a run. */
  enum Status {
    /** Numbers were measured. */
    MEASURED,
    /** The combination cannot run on this machine; {@link #reason()} says why. */
    SKIPPED,
    /** The run crashed; {@link #reason()} has the error. */
    FAILED
  }

  Measurement {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(status, "status");
    if (status != Status.MEASURED && (reason == null || reason.isBlank())) {
      throw new IllegalArgumentException(status + " needs a reason");
    }
  }

  static Measurement skipped(PlannedRun run, String reason) {
    return new Measurement(run, Status.SKIPPED, reason, null, null, null, null, null, null, null, null);
  }

  static Measurement failed(PlannedRun run, String reason) {
    return new Measurement(run, Status.FAILED, reason, null, null, null, null, null, null, null, null);
  }

  boolean measured() {
    return status == Status.MEASURED;
  }

  /**
   * Returns the memory a recommendation weighs: the GPU peak for a GPU configuration, the host
   * high-water mark or sampled peak, whichever is larger (the kernel updates them separately), for
   * a CPU one.
   *
   * @return megabytes, or null if not measured
   */
  Double budgetMemoryMb() {
    if (run.config().device().isGpu()) {
      return gpuPeakMb;
    }
    if (rssHwmMb == null || rssPeakMb == null) {
      return rssHwmMb != null ? rssHwmMb : rssPeakMb;
    }
    return Math.max(rssHwmMb, rssPeakMb);
  }
}
