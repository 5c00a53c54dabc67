package com.example.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.FaceRestorer;
import io.gpen4j.RestoreResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** djl-onnxruntime with gpen-djl alone: no PyTorch on the class path, none unpacked. */
class DjlOnnxOnlyTest {
  @Test
  void djlOnnxRuntime_withoutPyTorch_restoresAndUnpacksNoLibtorch() throws Exception {
    assertThrows(ClassNotFoundException.class, () -> Class.forName("ai.djl.pytorch.engine.PtEngine"));
    Path out = Path.of("target", "restored-djl-onnxruntime.png");
    Files.createDirectories(out.getParent());
    Path generator = Path.of(System.getenv("GPEN4J_GENERATOR_ONNX"));
    try (FaceRestorer restorer = FaceRestorer.builder().backend("djl-onnxruntime").generator(generator).build()) {
      RestoreResult result = restorer.restore(Path.of(System.getenv("GPEN4J_PHOTO")), out);
      assertEquals(1, result.faces().size());
    }
    assertTrue(Files.size(out) > 0);
    Path djlCache = Path.of(System.getenv("DJL_CACHE_DIR"));
    assertFalse(Files.exists(djlCache.resolve("pytorch")), "libtorch unpacked into " + djlCache);
  }
}
