package io.gpen4j.examples.cli;

import static io.gpen4j.examples.cli.CliRun.gpen4j;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.gpen4j.examples.Gpen4j;
import io.gpen4j.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --small-face-model}: auto finds the 256 model named alike beside a larger GPEN file, off
 * and a threshold decide which faces go to it, and the JSON report says which model ran per face.
 */
final class SmallFaceModelOptionTest {
  @TempDir Path temp;
  private Path large;

  private static Path testModel(String name) {
    return Paths.get(System.getProperty("gpen4j.repo", ".."), "models", "test", name).toAbsolutePath().normalize();
  }

  @BeforeEach
  void identityPair() throws IOException {
    Path models = Files.createDirectories(temp.resolve("models"));
    large = Files.copy(testModel("identity-512.onnx"), models.resolve("GPEN-BFR-512-identity.onnx"));
    Files.copy(testModel("identity-256.onnx"), models.resolve("GPEN-BFR-256-identity.onnx"));
  }

  private CliRun restore(String... extra) {
    String[] base = {"restore", SharedData.image("astronaut.png").toString(), "-o", temp.resolve("out").toString(),
        "--overwrite", "--model", large.toString(), "--detector", SharedData.yunet().toString(), "--progress", "none",
        "--json"};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return gpen4j(args);
  }

  private static JsonObject onlyFace(CliRun run) {
    JsonArray faces = run.json().getAsJsonArray("files").get(0).getAsJsonObject().getAsJsonArray("restoredFaces");
    assertEquals(1, faces.size(), run.out());
    return faces.get(0).getAsJsonObject();
  }

  @Test
  void auto_withTheTwinBeside_sendsFacesBelowTheThresholdToIt() {
    CliRun run = restore("--small-face-below", "100000");
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.err().contains("small faces go to GPEN-BFR-256-identity.onnx"), run.err());
    JsonObject face = onlyFace(run);
    assertEquals(256, face.get("modelSize").getAsInt());
    assertEquals("GPEN-BFR-256-identity.onnx", face.get("model").getAsString());
  }

  @Test
  void auto_aLargeFace_staysWithTheLargeModel() {
    CliRun run = restore("--small-face-below", "2");
    assertEquals(0, run.exitCode(), run.err());
    JsonObject face = onlyFace(run);
    assertEquals(512, face.get("modelSize").getAsInt());
    assertEquals("GPEN-BFR-512-identity.onnx", face.get("model").getAsString());
  }

  @Test
  void off_restoresEveryFaceWithTheModel() {
    CliRun run = restore("--small-face-model", "off");
    assertEquals(0, run.exitCode(), run.err());
    assertFalse(run.err().contains("small faces go to"), run.err());
    assertEquals(512, onlyFace(run).get("modelSize").getAsInt());
  }

  @Test
  void explicitFileOfTheSameSize_failsNamingBothSizes() {
    CliRun run = restore("--small-face-model", large.toString());
    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.err().contains("not fewer than the generator"), run.err());
  }

  @Test
  void thresholdWithSmallFaceModelOff_isAUsageError() {
    CliRun run = restore("--small-face-model", "off", "--small-face-below", "100");
    assertEquals(Gpen4j.EXIT_USAGE, run.exitCode(), run.err());
    assertTrue(run.err().contains("--small-face-below needs a small-face model"), run.err());
  }
}
