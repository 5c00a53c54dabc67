package io.gpen4j;

/**
 * Thrown to indicate that an image cannot be decoded: the file is empty, truncated, corrupt, of an unsupported format, or cannot be read. The message names the source and the problem.
 */
public class ImageDecodeException extends GpenException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong
   */
  public ImageDecodeException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the cause.
   *
   * @param message what went wrong
   * @param cause the underlying failure
   */
  public ImageDecodeException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates an exception that wraps a cause.
   *
   * @param cause the underlying failure
   */
  public ImageDecodeException(Throwable cause) {
    super(cause);
  }
}
