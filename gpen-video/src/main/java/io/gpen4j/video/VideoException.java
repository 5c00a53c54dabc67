package io.gpen4j.video;

import io.gpen4j.GpenException;

/**
 * Thrown to indicate that a video could not be read, restored or written: no video stream, a
 * corrupt or truncated file, a codec FFmpeg cannot decode or encode, an output that exists or cannot
 * be written (a full disk). When {@link VideoRestorer} throws it, nothing is left at the output path.
 */
public class VideoException extends GpenException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong
   */
  public VideoException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the cause.
   *
   * @param message what went wrong
   * @param cause the underlying failure
   */
  public VideoException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates an exception that wraps a cause.
   *
   * @param cause the underlying failure
   */
  public VideoException(Throwable cause) {
    super(cause);
  }
}
