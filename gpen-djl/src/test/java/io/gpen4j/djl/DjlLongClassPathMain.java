package io.gpen4j.djl;

import io.gpen4j.FaceRestorer;
import io.gpen4j.RestoreResult;
import java.nio.file.Path;

/** The child JVM of {@link DjlLongClassPathTest}: {@code BACKEND GENERATOR PHOTO OUTPUT}. */
final class DjlLongClassPathMain {
  private DjlLongClassPathMain() {}

  public static void main(String[] args) throws Exception {
    try (FaceRestorer restorer = FaceRestorer.builder().backend(args[0]).generator(Path.of(args[1])).build()) {
      RestoreResult result = restorer.restore(Path.of(args[2]), Path.of(args[3]));
      System.out.println("restored faces: " + result.faces().size());
    }
  }
}
