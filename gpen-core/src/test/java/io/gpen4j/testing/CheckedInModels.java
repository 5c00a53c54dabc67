package io.gpen4j.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds the tiny models checked in under {@code models/test/} of the repository named by the
 * system property {@code gpen4j.repo}. They are part of the checkout, so a missing one fails the
 * test everywhere rather than skipping it.
 */
public final class CheckedInModels {
  private CheckedInModels() {}

  /**
   * Returns a checked-in test model.
   *
   * @param file the file name, such as {@code identity-256.onnx}
   * @return the existing file
   */
  public static Path path(String file) {
    Path p = Paths.get(System.getProperty("gpen4j.repo", ".."), "models", "test", file)
        .toAbsolutePath().normalize();
    if (!Files.isRegularFile(p)) {
      fail("checked-in test model missing: " + p + " (is -Dgpen4j.repo the repository root? "
          + "models/test/README.md says how to regenerate it)");
    }
    return p;
  }
}
