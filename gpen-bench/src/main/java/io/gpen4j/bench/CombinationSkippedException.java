package io.gpen4j.bench;

/**
 * Thrown by a benchmark's setup to indicate that its configuration cannot run on this machine
 * (no GPU, no FP16 kernels, backend or model file missing). The message starts with
 * {@code "skipped: "} and says why; {@link SkipLog} has recorded it for {@link BackendReport}.
 */
final class CombinationSkippedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param reason why the combination cannot run
   * @param cause the error that showed it, or null
   */
  CombinationSkippedException(String reason, Throwable cause) {
    super("skipped: " + reason, cause);
  }
}
