package io.gpen4j.models;

import io.gpen4j.ModelException;

/**
 * Thrown to indicate that a model could not be downloaded from any of its locations: HTTP errors,
 * broken connections, timeouts, or bytes whose SHA-256 does not match. The message names the model
 * and, per location, the URL and what went wrong (HTTP status, expected and actual hash); each
 * location's failure is also attached as a suppressed exception where there was one.
 */
public class ModelDownloadException extends ModelException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong
   */
  public ModelDownloadException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the cause.
   *
   * @param message what went wrong
   * @param cause the underlying failure
   */
  public ModelDownloadException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates an exception that wraps a cause.
   *
   * @param cause the underlying failure
   */
  public ModelDownloadException(Throwable cause) {
    super(cause);
  }
}
