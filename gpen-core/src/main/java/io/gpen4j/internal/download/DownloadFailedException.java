package io.gpen4j.internal.download;

import java.util.List;

/**
 * Thrown to indicate that no source gave a verified file. Lists every attempt's URL and failure;
 * each failure's exception is suppressed into this one. The caller turns it into the exception of
 * its own API.
 */
public final class DownloadFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int sourceCount;
  private final List<String> attempts;

  DownloadFailedException(int sourceCount, List<String> attempts, List<? extends Throwable> causes) {
    super(attempts.size() + " download attempt(s) from " + sourceCount + " source(s) failed", null, true, false);
    this.sourceCount = sourceCount;
    this.attempts = List.copyOf(attempts);
    causes.forEach(this::addSuppressed);
  }

  /**
   * Returns how many sources were tried.
   *
   * @return the count, 0 when there was none
   */
  public int sourceCount() {
    return sourceCount;
  }

  /**
   * Returns each failed attempt: its URL, its number and why it failed.
   *
   * @return the attempts, in order, immutable
   */
  public List<String> attempts() {
    return attempts;
  }
}
