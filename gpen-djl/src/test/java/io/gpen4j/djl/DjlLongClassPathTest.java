package io.gpen4j.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.testing.CheckedInModels;
import io.gpen4j.testing.LongClassPathJvm;
import io.gpen4j.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * DJL's OnnxRuntime engine creates ONNX Runtime 1.29's environment, which crashes the JVM on a
 * command line over about 4 KB unless created on a large stack (gpen-onnx's LongClassPathTest
 * shows the crash); EngineLoader loads the engine on one.
 */
@EnabledOnOs(OS.LINUX)
final class DjlLongClassPathTest {
  @TempDir Path dir;

  @Test
  void restore_djlOnnxRuntime_classPathOver8Kb_restoresThePhoto() throws Exception {
    Path out = dir.resolve("restored.png");
    LongClassPathJvm.Outcome outcome = LongClassPathJvm.run(12_000, dir.resolve("xdg"),
        DjlLongClassPathMain.class.getName(), "djl-onnxruntime",
        CheckedInModels.path("identity-256.onnx").toString(), SharedData.image("astronaut.png").toString(),
        out.toString());

    assertTrue(outcome.commandLineLength() > 8192, "command line " + outcome.commandLineLength());
    assertEquals(0, outcome.exitCode(), outcome.output());
    assertTrue(outcome.output().contains("restored faces: 1"), outcome.output());
    assertTrue(Files.size(out) > 0);
  }
}
