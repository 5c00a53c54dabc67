package io.gpen4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where benchmarks find ../shared (real photos, detectors, the random-weight GPEN). Set
 * {@code -Dgpen4j.shared=DIR} when running from somewhere other than the repository root.
 */
final class BenchData {
  private BenchData() {}

  static Path shared(String relative) {
    Path p = Paths.get(System.getProperty("gpen4j.shared", "../shared")).resolve(relative).toAbsolutePath().normalize();
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("benchmark data missing: " + p + " (run from the repository root, "
          + "or pass -Dgpen4j.shared=<folder with models/ and images/>)");
    }
    return p;
  }
}
