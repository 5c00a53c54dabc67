package io.gpen4j;

/**
 * Thrown to indicate that restoring an image failed after it was decoded, for example because a model run failed or produced unusable output.
 */
public class RestorationException extends GpenException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong
   */
  public RestorationException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the cause.
   *
   * @param message what went wrong
   * @param cause the underlying failure
   */
  public RestorationException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates an exception that wraps a cause.
   *
   * @param cause the underlying failure
   */
  public RestorationException(Throwable cause) {
    super(cause);
  }
}
