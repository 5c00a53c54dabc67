package io.gpen4j.examples.cli;

import static io.gpen4j.examples.cli.CliRun.gpen4j;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.examples.Gpen4j;
import io.gpen4j.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --model} with the other restorer families, and {@code --model-family} for files. */
final class ModelFamilyOptionTest {
  @TempDir Path temp;

  private static String codeFormerEcho() {
    return Paths.get(System.getProperty("gpen4j.repo", ".."), "models", "test", "codeformer-echo-512.onnx")
        .toAbsolutePath().normalize().toString();
  }

  @Test
  void restore_codeFormerFileWithModelFamily_restores() {
    Path out = temp.resolve("out");
    CliRun run = gpen4j("restore", SharedData.image("astronaut.png").toString(), "-o", out.toString(),
        "--model", codeFormerEcho(), "--model-family", "CODEFORMER", "--fidelity", "1",
        "--detector", SharedData.yunet().toString(), "--progress", "plain");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(Files.isRegularFile(out.resolve("astronaut.png")), run.err());
  }

  @Test
  void restore_codeFormerFileWithoutModelFamily_saysWhichOptionDescribesIt() throws java.io.IOException {
    // A name that says nothing: taken for GPEN, with a warning, then rejected for its second input.
    Path unnamed = Files.copy(Path.of(codeFormerEcho()), temp.resolve("echo-weight-512.onnx"));
    CliRun run = gpen4j("restore", SharedData.image("astronaut.png").toString(), "-o", temp.resolve("out").toString(),
        "--model", unnamed.toString(), "--detector", SharedData.yunet().toString(), "--progress", "plain");
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.err().contains("--model-family CODEFORMER"), run.err());
  }

  @Test
  void restore_codeFormerNamedFileWithoutModelFamily_isRecognisedByItsName() {
    Path out = temp.resolve("out");
    CliRun run = gpen4j("restore", SharedData.image("astronaut.png").toString(), "-o", out.toString(),
        "--model", codeFormerEcho(), "--detector", SharedData.yunet().toString(), "--progress", "plain");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(Files.isRegularFile(out.resolve("astronaut.png")), run.err());
  }

  @Test
  void restore_denoiseWithoutItsBackgroundModel_failsNamingTheOptions() {
    CliRun run = gpen4j("restore", SharedData.image("astronaut.png").toString(), "-o", temp.resolve("out").toString(),
        "--model", codeFormerEcho(), "--denoise", "0.5");
    assertEquals(Gpen4j.EXIT_USAGE, run.exitCode(), run.err()); // a bad combination of options, as issue 23's usage errors
    assertTrue(run.err().contains("--denoise needs --background-model realesr-general-x4v3"), run.err());
    CliRun other = gpen4j("restore", SharedData.image("astronaut.png").toString(), "-o",
        temp.resolve("out").toString(), "--model", codeFormerEcho(), "--background-model", codeFormerEcho(),
        "--denoise", "0.5");
    assertEquals(1, other.exitCode(), other.err());
    assertTrue(other.err().contains("is not named realesr-general-x4v3"), other.err());
  }

  @Test
  void restore_missingCodeFormer_namesItsFileAndNonCommercialLicence() {
    CliRun run = gpen4j("restore", SharedData.image("astronaut.png").toString(), "-o", temp.resolve("out").toString(),
        "--model", "CodeFormer", "--models-dir", temp.toString());
    assertEquals(1, run.exitCode());
    for (String expected : List.of("codeformer_fp16.onnx", "S-Lab", "non-commercial", "--accept-license")) {
      assertTrue(run.err().contains(expected), "missing '" + expected + "' in:\n" + run.err());
    }
  }

  @Test
  void restore_modelFamilyContradictingCatalogueName_fails() {
    CliRun run = gpen4j("restore", SharedData.image("astronaut.png").toString(), "-o", temp.resolve("out").toString(),
        "--model", "GFPGAN-1.4", "--model-family", "CODEFORMER", "--models-dir", temp.toString());
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("contradicts --model GFPGAN-1.4"), run.err());
  }
}
