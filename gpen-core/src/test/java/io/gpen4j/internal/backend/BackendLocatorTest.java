package io.gpen4j.internal.backend;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.BackendException;
import org.junit.jupiter.api.Test;

final class BackendLocatorTest {
  @Test
  void find_noBackendOnClassPath_saysWhichArtifactToAdd() {
    // gpen-core's test class path holds no backend module.
    BackendException e = assertThrows(BackendException.class,
        () -> BackendLocator.find(null, BackendLocatorTest.class.getClassLoader()));
    assertTrue(e.getMessage().contains("gpen-onnx"), e.getMessage());
  }

  @Test
  void all_noBackendOnClassPath_isEmpty() {
    assertTrue(BackendLocator.all(BackendLocatorTest.class.getClassLoader()).isEmpty());
  }
}
