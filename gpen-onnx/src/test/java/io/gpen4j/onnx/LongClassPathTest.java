package io.gpen4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
 * ONNX Runtime 1.29 on Linux crashes the JVM (SIGSEGV) when the process's command line is over
 * about 4 KB and its environment is created on a thread with the default stack; the backend
 * creates it on a large stack (io.gpen4j.internal.backend.NativeInit).
 */
@EnabledOnOs(OS.LINUX)
final class LongClassPathTest {
  private static final int CLASS_PATH_CHARS = 12_000;

  @TempDir Path dir;

  @Test
  void restore_classPathOver8Kb_restoresThePhoto() throws Exception {
    Path out = dir.resolve("restored.png");
    LongClassPathJvm.Outcome outcome = LongClassPathJvm.run(CLASS_PATH_CHARS, dir.resolve("xdg"),
        LongClassPathMain.class.getName(), "restore", CheckedInModels.path("identity-256.onnx").toString(),
        SharedData.image("astronaut.png").toString(), out.toString());

    assertTrue(outcome.commandLineLength() > 8192, "command line " + outcome.commandLineLength());
    assertEquals(0, outcome.exitCode(), outcome.output());
    assertTrue(outcome.output().contains("restored faces: 1"), outcome.output());
    assertTrue(Files.size(out) > 0);
  }

  /**
   * Shows that the command line above is long enough to matter: without the large stack, this
   * ONNX Runtime dies. When it stops failing, ONNX Runtime no longer needs the workaround.
   */
  @Test
  void environmentOnMainThread_classPathOver8Kb_crashesThisOnnxRuntime() throws Exception {
    LongClassPathJvm.Outcome outcome = LongClassPathJvm.run(CLASS_PATH_CHARS, dir.resolve("xdg"),
        LongClassPathMain.class.getName(), "direct");

    assertNotEquals(0, outcome.exitCode(), "ONNX Runtime " + ai.onnxruntime.OrtEnvironment.class.getPackage()
        .getImplementationVersion() + " no longer crashes on a long command line: " + outcome.output());
  }
}
