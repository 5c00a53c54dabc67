package io.gpen4j;

/**
 * Thrown to indicate that an image is larger than the configured pixel limit. It is raised from
 * the dimensions in the file's header, before any pixel memory is allocated, so a decompression
 * bomb costs nothing.
 */
public class ImageTooLargeException extends ImageDecodeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong
   */
  public ImageTooLargeException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the cause.
   *
   * @param message what went wrong
   * @param cause the underlying failure
   */
  public ImageTooLargeException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates an exception that wraps a cause.
   *
   * @param cause the underlying failure
   */
  public ImageTooLargeException(Throwable cause) {
    super(cause);
  }
}
