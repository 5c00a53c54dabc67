package io.gpen4j.idphoto;

import io.gpen4j.GpenException;

/**
 * Thrown to indicate that a photo cannot become an ID photo: no face, several faces, a face too
 * small for the specification, a head cut by the photo's edge, or a file that cannot meet the
 * size limit. The message says which, with the numbers (faces found, minimum size).
 */
public class IdPhotoException extends GpenException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong with the photo
   */
  public IdPhotoException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what is wrong with the photo
   * @param cause the underlying failure
   */
  public IdPhotoException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception from a cause.
   *
   * @param cause the underlying failure
   */
  public IdPhotoException(Throwable cause) {
    super(cause);
  }
}
