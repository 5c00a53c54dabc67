package io.gpen4j.video;

/**
 * Thrown to indicate that a video restoration was cancelled because its thread was interrupted
 * (the command-line tool's Ctrl-C). Nothing is left at the output path: no partial output and no
 * temporary file.
 */
public class VideoCancelledException extends VideoException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong
   */
  public VideoCancelledException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the cause.
   *
   * @param message what went wrong
   * @param cause the underlying failure
   */
  public VideoCancelledException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates an exception that wraps a cause.
   *
   * @param cause the underlying failure
   */
  public VideoCancelledException(Throwable cause) {
    super(cause);
  }
}
