package io.gpen4j.djl;

import io.gpen4j.GpenException;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link DjlMissingNativesTest}: reports what the PyTorch backend says
 * when its native library is absent. Prints {@code available=...}, then the exception.
 */
final class MissingNativesProbe {
  private MissingNativesProbe() {}

  public static void main(String[] args) {
    DjlPyTorchBackend backend = new DjlPyTorchBackend();
    System.out.println("available=" + backend.isAvailable());
    try {
      backend.open(ModelSource.of(Path.of(args[0])), SessionSettings.DEFAULTS).close();
      System.out.println("opened");
    } catch (GpenException e) {
      System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
