package io.gpen4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gpen4j spark} in embedded local mode against {@code gpen4j restore} on the same folder. */
final class SparkCommandTest {
  @TempDir Path dir;

  @Test
  void spark_restoresAFolderWithTheRestoreCommandsPixels_andReportsTheBrokenFile() throws IOException {
    Path in = dir.resolve("in");
    Files.createDirectories(in.resolve("sub"));
    Files.copy(SharedData.image("astronaut.png"), in.resolve("astronaut.png"));
    Files.copy(SharedData.image("grace_hopper.jpg"), in.resolve("sub/grace_hopper.jpg"));
    Files.copy(SharedData.image("truncated.jpg"), in.resolve("sub/truncated.jpg"));
    String model = SharedData.randomGpen256().toString();

    CliRun restore = CliRun.gpen4j("restore", in.toString(), "-o", dir.resolve("cli").toString(), "--recursive",
        "--model", model, "--fidelity", "0.7", "--only-largest-face", "--progress", "none");
    CliRun spark = CliRun.gpen4j("spark", in.toString(), "-o", dir.resolve("spark").toString(),
        "--master", "local[2]", "--model", model, "--fidelity", "0.7", "--only-largest-face");

    assertEquals(2, restore.exitCode(), restore.err());
    assertEquals(2, spark.exitCode(), spark.err());
    assertTrue(spark.out().contains("2 restored, 1 failed, 0 skipped, 2 faces"), spark.out());
    for (String output : new String[] {"astronaut.png", "sub/grace_hopper.png"}) {
      assertArrayEquals(pixels(dir.resolve("cli").resolve(output)), pixels(dir.resolve("spark").resolve(output)),
          output);
    }
    assertTrue(Files.isDirectory(dir.resolve("spark/gpen4j-audit")));

    CliRun again = CliRun.gpen4j("spark", in.toString(), "-o", dir.resolve("spark").toString(),
        "--master", "local[1]", "--model", model, "--fidelity", "0.7", "--only-largest-face");
    assertTrue(again.out().contains("0 restored, 1 failed, 2 skipped"), again.out());
  }

  @Test
  void spark_rejectsABadFormatAsAnOptionError() {
    CliRun run = CliRun.gpen4j("spark", dir.toString(), "-o", dir.resolve("out").toString(), "--format", "gif");
    assertEquals(64, run.exitCode());
    assertTrue(run.err().contains("--format must be png, jpg, jpeg or bmp"), run.err());
  }

  private static int[] pixels(Path file) throws IOException {
    BufferedImage image = ImageIO.read(file.toFile());
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }
}
