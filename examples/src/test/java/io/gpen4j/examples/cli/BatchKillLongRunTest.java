package io.gpen4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.examples.Gpen4j;
import io.gpen4j.testing.LongRun;
import io.gpen4j.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Long-run mode only: a batch in a child JVM is killed in the middle (SIGKILL, then SIGTERM),
 * and the output folder is checked: every output whole, and after a rerun with
 * {@code --skip-existing}, every output there and no staging folder left.
 */
final class BatchKillLongRunTest {
  private static final int PHOTOS = 16;

  @TempDir Path temp;

  private Path album() throws IOException {
    Path album = Files.createDirectories(temp.resolve("album"));
    for (int i = 0; i < PHOTOS; i++) {
      Files.copy(SharedData.image(i % 2 == 0 ? "astronaut.png" : "grace_hopper.jpg"),
          album.resolve(String.format("p%02d.%s", i, i % 2 == 0 ? "png" : "jpg")));
    }
    return album;
  }

  private static List<String> args(Path album, Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("restore", album.toString(), "-o", out.toString(),
        "--model", SharedData.randomGpen256().toString(), "--detector", SharedData.yunet().toString(),
        "--progress", "none", "--jobs", "2"));
    args.addAll(List.of(more));
    return args;
  }

  private Process startChild(List<String> args) throws IOException {
    // ONNX Runtime's Java library crashes (SIGSEGV) loading in a process whose command line is over
    // about 4 KB (see ./gpen4j): the class path and arguments go through a java @argfile.
    List<String> lines = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"),
        Gpen4j.class.getName()));
    lines.addAll(args);
    Path argFile = temp.resolve("child.args");
    Files.write(argFile, lines.stream()
        .map(a -> "\"" + a.replace("\\", "\\\\").replace("\"", "\\\"") + "\"").toList());
    return new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "@" + argFile)
        .redirectErrorStream(true).redirectOutput(temp.resolve("child.log").toFile()).start();
  }

  private static List<Path> outputs(Path out) throws IOException {
    if (!Files.isDirectory(out)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(out)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".png")).sorted().toList();
    }
  }

  private static List<Path> stagingFolders(Path out) throws IOException {
    try (Stream<Path> files = Files.list(out)) {
      return files.filter(p -> p.getFileName().toString().startsWith(StagingFolder.PREFIX)).toList();
    }
  }

  /** Starts the batch and kills it once some, not all, outputs exist. */
  private int killMidway(Process child, Path out, boolean hard) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (outputs(out).size() < 2 && child.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    int before = outputs(out).size();
    assertTrue(child.isAlive() && before < PHOTOS, "the batch ended before it could be killed (exit "
        + (child.isAlive() ? "none" : child.exitValue()) + ", " + before + " outputs): "
        + Files.readString(temp.resolve("child.log")));
    if (hard) {
      child.destroyForcibly();
    } else {
      child.destroy();
    }
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not exit");
    return before;
  }

  private static void assertWhole(List<Path> outputs) throws IOException {
    for (Path p : outputs) {
      BufferedImage image = ImageIO.read(p.toFile());
      assertTrue(image != null && image.getWidth() == 512, p + " is not a whole 512-wide PNG");
    }
  }

  private static int rerun(Path album, Path out) {
    StringWriter sink = new StringWriter();
    return Gpen4j.execute(args(album, out, "--skip-existing").toArray(String[]::new), new PrintWriter(sink),
        new PrintWriter(sink));
  }

  @Test
  void killDashNine_midBatch_thenSkipExisting_leavesEveryOutputWholeAndNoStaging() throws Exception {
    Assumptions.assumeTrue(LongRun.enabled(), "long-run mode only (-D" + LongRun.PROPERTY + "=true)");
    Path album = album();
    Path out = temp.resolve("out");

    killMidway(startChild(args(album, out)), out, true);

    assertWhole(outputs(out));
    assertEquals(1, stagingFolders(out).size(), "SIGKILL runs no clean-up: the dead run's folder is left");
    assertEquals(0, rerun(album, out));
    assertEquals(PHOTOS, outputs(out).size());
    assertWhole(outputs(out));
    assertEquals(List.of(), stagingFolders(out), "the rerun removed the dead run's staging folder");
  }

  @Test
  void sigterm_midBatch_cleansUpBeforeExit() throws Exception {
    Assumptions.assumeTrue(LongRun.enabled(), "long-run mode only (-D" + LongRun.PROPERTY + "=true)");
    Path album = album();
    Path out = temp.resolve("out");

    killMidway(startChild(args(album, out)), out, false);

    assertWhole(outputs(out));
    assertEquals(List.of(), stagingFolders(out), "SIGTERM removes the staging folder before exit");
    assertEquals(0, rerun(album, out));
    assertEquals(PHOTOS, outputs(out).size());
  }
}
