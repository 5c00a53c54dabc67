package io.gpen4j.examples.cli;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The counts at the end of a batch and the exit code they mean.
 *
 * @param done inputs restored by this run
 * @param skipped inputs whose output was already there ({@code --skip-existing})
 * @param failed inputs that could not be restored
 * @param faces faces restored in all inputs
 * @param totalTime wall-clock time of the batch
 */
record BatchSummary(int done, int skipped, int failed, int faces, Duration totalTime) {
  BatchSummary {
    if (done < 0 || skipped < 0 || failed < 0 || faces < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
    Objects.requireNonNull(totalTime, "totalTime");
  }

  static BatchSummary of(List<FileOutcome> outcomes, Duration totalTime) {
    int done = 0;
    int skipped = 0;
    int failed = 0;
    int faces = 0;
    for (FileOutcome o : outcomes) {
      switch (o.status()) {
        case DONE -> done++;
        case SKIPPED -> skipped++;
        case FAILED -> failed++;
      }
      faces += o.faces().size();
    }
    return new BatchSummary(done, skipped, failed, faces, totalTime);
  }

  /**
   * Returns the exit code: 0 when nothing failed and something has its output (restored now or
   * skipped because it already was), 2 when some failed and others have their outputs, 1 when no
   * input has an output (all failed, or there were none).
   *
   * @return 0, 1 or 2
   */
  int exitCode() {
    boolean anyOutput = done + skipped > 0;
    if (!anyOutput) {
      return 1;
    }
    return failed == 0 ? 0 : 2;
  }

  /** Returns the one-line summary people read. @return e.g. "done 2, skipped 0, failed 2, ..." */
  String line() {
    return String.format(Locale.ROOT, "done %d, skipped %d, failed %d, faces found %d, total time %s",
        done, skipped, failed, faces, Durations.format(totalTime));
  }
}
