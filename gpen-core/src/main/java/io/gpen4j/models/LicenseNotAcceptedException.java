package io.gpen4j.models;

import io.gpen4j.ModelException;
import java.util.Objects;

/**
 * Thrown to indicate that a model would have to be downloaded but its licence requires the
 * caller's acceptance, which was not given. Nothing was downloaded. The message names the model,
 * the licence, where to read it, and how to accept it ({@link
 * ModelRepository.Builder#acceptLicense(String)}).
 */
public class LicenseNotAcceptedException extends ModelException {
  private static final long serialVersionUID = 1L;

  private final ModelLicense license;

  /**
   * Creates an exception for a licence.
   *
   * @param message what went wrong
   * @param license the licence not accepted
   * @throws NullPointerException if {@code license} is null
   */
  public LicenseNotAcceptedException(String message, ModelLicense license) {
    super(message);
    this.license = Objects.requireNonNull(license, "license");
  }

  /**
   * Returns the licence that needs acceptance.
   *
   * @return the licence
   */
  public ModelLicense license() {
    return license;
  }
}
