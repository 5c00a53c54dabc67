package io.gpen4j.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.DetectorStage;
import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.GeneratorStage;
import io.gpen4j.RestoreResult;
import io.gpen4j.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example of gpen-djl/README.md, line for line, with the model and photo paths pointed at the
 * test data. Keep the two in step.
 */
final class ReadmeExampleTest {
  @TempDir
  Path tmp;

  @Test
  void readmeExample_restoresWithDjlOnnxRuntime() throws IOException {
    Path gpen = SharedData.randomGpen256();
    Path yunet = SharedData.yunet();
    Path photo = SharedData.image("grace_hopper.jpg");
    Path restored = tmp.resolve("restored.png");
    int faces;
    String backend;
    // --- gpen-djl/README.md ---
    try (FaceRestorer restorer = FaceRestorer.builder()
        .backend("djl-onnxruntime")      // or "djl-pytorch" with a TorchScript generator
        .generator(GeneratorStage.of(gpen))                 // a GPEN .onnx file, such as GPEN-BFR-512.onnx
        .detector(DetectorStage.of(DetectorType.YUNET, yunet))
        .build()) {
      RestoreResult result = restorer.restore(photo, restored);
      System.out.println(result.faces().size() + " faces restored with " + restorer.backendName());
      // --- end of the README example ---
      faces = result.faces().size();
      backend = restorer.backendName();
    }
    assertEquals("djl-onnxruntime", backend);
    assertEquals(1, faces);
    assertTrue(Files.size(restored) > 0);
  }
}
