package io.gpen4j.spi;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a model file is.
 *
 * @param path the model file
 * @param name a name for messages and logs, such as the catalogue name or the file name
 */
public record ModelSource(Path path, String name) {
  /**
   * Validates the source.
   *
   * @throws NullPointerException if a component is null
   */
  public ModelSource {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(name, "name");
  }

  /**
   * Returns a source named after its file.
   *
   * @param path the model file
   * @return the source
   */
  public static ModelSource of(Path path) {
    Path fileName = path.getFileName();
    return new ModelSource(path, fileName == null ? path.toString() : fileName.toString());
  }
}
