package com.example.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.FaceRestorer;
import io.gpen4j.RestoreResult;
import io.gpen4j.djl.DjlOnnxRuntimeBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Restores one photo with each backend, as a consumer of the published artifacts. The photo and
 * the generators come from the environment (GPEN4J_PHOTO, GPEN4J_GENERATOR_ONNX,
 * GPEN4J_GENERATOR_PT); the face detector is the one built into gpen-core.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestoreWithEveryBackendTest {
  @BeforeAll
  static void djlFirst() {
    // Both backends in one JVM: DJL must create ONNX Runtime's environment (gpen-djl README).
    assertTrue(new DjlOnnxRuntimeBackend().isAvailable(), "djl-onnxruntime loads");
  }

  @Test
  @Order(1)
  void djlOnnxRuntime() throws Exception {
    restore("djl-onnxruntime", env("GPEN4J_GENERATOR_ONNX"));
  }

  @Test
  @Order(2)
  void djlPyTorch() throws Exception {
    restore("djl-pytorch", env("GPEN4J_GENERATOR_PT"));
  }

  @Test
  @Order(3)
  void onnx() throws Exception {
    restore("onnx", env("GPEN4J_GENERATOR_ONNX"));
  }

  private static void restore(String backend, Path generator) throws Exception {
    Path out = Path.of("target", "restored-" + backend + ".png");
    Files.createDirectories(out.getParent());
    try (FaceRestorer restorer = FaceRestorer.builder().backend(backend).generator(generator).build()) {
      RestoreResult result = restorer.restore(env("GPEN4J_PHOTO"), out);
      assertEquals(backend, restorer.backendName());
      assertEquals(1, result.faces().size(), "faces restored by " + backend);
      assertTrue(Files.size(out) > 0);
    }
  }

  private static Path env(String name) {
    String value = System.getenv(name);
    assertTrue(value != null && Files.isRegularFile(Path.of(value)), name + " names a file: " + value);
    return Path.of(value);
  }
}
