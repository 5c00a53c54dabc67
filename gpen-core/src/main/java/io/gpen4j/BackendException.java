package io.gpen4j;

/**
 * Thrown to indicate that no inference backend can serve a request: none is on the class path, the named one is unknown, or it does not support the requested device or precision.
 */
public class BackendException extends GpenException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong
   */
  public BackendException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the cause.
   *
   * @param message what went wrong
   * @param cause the underlying failure
   */
  public BackendException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates an exception that wraps a cause.
   *
   * @param cause the underlying failure
   */
  public BackendException(Throwable cause) {
    super(cause);
  }
}
