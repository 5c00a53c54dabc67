package io.gpen4j.spark;

import io.gpen4j.DetectorType;
import io.gpen4j.ModelException;
import io.gpen4j.models.ModelSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Tells which detector a detector model is, from the catalogue or its file name, as the CLI does. */
final class DetectorFiles {
  private DetectorFiles() {}

  /**
   * Returns the detector type of a model reference.
   *
   * @param detector the reference
   * @return its type
   * @throws ModelException if neither the catalogue nor the name tells
   */
  static DetectorType typeOf(ModelReference detector) {
    Optional<DetectorType> fromCatalogue = detector.catalogueEntry().flatMap(ModelSpec::detectorType);
    if (fromCatalogue.isPresent()) {
      return fromCatalogue.get();
    }
    String name = Path.of(detector.text()).getFileName().toString().toLowerCase(Locale.ROOT);
    for (DetectorType type : DetectorType.values()) {
      if (name.contains(type.name().toLowerCase(Locale.ROOT))) {
        return type;
      }
    }
    throw new ModelException("detector " + detector.text() + ": cannot tell which detector it is from its name; "
        + "set detectorType to one of " + Arrays.toString(DetectorType.values()));
  }
}
