package io.gpen4j;

/**
 * Thrown to indicate that gpen4j could not complete an operation. This is the root of every
 * exception the library throws on purpose; catch it to handle all of them in one place.
 *
 * <p>The library throws the more specific subclasses: {@link ModelException} for models that
 * cannot be found, loaded or do not fit, {@link ImageDecodeException} for images that cannot be
 * read, {@link RestorationException} for failures while restoring, and {@link BackendException}
 * when no inference backend can serve a request.
 */
public class GpenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong
   */
  public GpenException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and the cause.
   *
   * @param message what went wrong
   * @param cause the underlying failure
   */
  public GpenException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates an exception that wraps a cause.
   *
   * @param cause the underlying failure
   */
  public GpenException(Throwable cause) {
    super(cause);
  }
}
