package io.gpen4j;

/**
 * Thrown to indicate that a model file is missing, cannot be loaded, or does not match what the caller needs (wrong inputs, outputs, shapes or hash). The message names the file and the mismatch.
 */
public class ModelException extends GpenException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong
   */
  public ModelException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the cause.
   *
   * @param message what went wrong
   * @param cause the underlying failure
   */
  public ModelException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates an exception that wraps a cause.
   *
   * @param cause the underlying failure
   */
  public ModelException(Throwable cause) {
    super(cause);
  }
}
