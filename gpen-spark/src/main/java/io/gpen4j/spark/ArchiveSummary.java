package io.gpen4j.spark;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What one run of {@link ArchiveRestoreJob} did, counted from the audit it wrote.
 *
 * @param runId the run's id in the audit's {@code run_id} column
 * @param restored inputs restored and written in this run
 * @param failed inputs that failed (their audit rows say why)
 * @param skipped inputs whose output was there before the run
 * @param faces faces restored in this run
 * @param audit the audit folder (Parquet)
 */
public record ArchiveSummary(String runId, long restored, long failed, long skipped, long faces, Path audit) {
  /**
   * Validates the summary.
   *
   * @throws NullPointerException if runId or audit is null
   */
  public ArchiveSummary {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(audit, "audit");
  }

  /**
   * Returns the summary as one line.
   *
   * @return such as {@code 48 restored, 2 failed, 0 skipped, 61 faces}
   */
  public String line() {
    return restored + " restored, " + failed + " failed, " + skipped + " skipped, " + faces + " faces";
  }
}
