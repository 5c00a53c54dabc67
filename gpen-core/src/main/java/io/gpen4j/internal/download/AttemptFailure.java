package io.gpen4j.internal.download;

/**
 * Why one download attempt from one location failed, and whether trying the same location again
 * can help (a dropped connection, a timeout, HTTP 5xx) or the next location should be tried (HTTP
 * 404, bytes with the wrong hash).
 */
final class AttemptFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean retryable;

  AttemptFailure(String message, boolean retryable) {
    super(message, null, false, false);
    this.retryable = retryable;
  }

  AttemptFailure(String message, boolean retryable, Throwable cause) {
    super(message, cause, false, false);
    this.retryable = retryable;
  }

  boolean retryable() {
    return retryable;
  }
}
