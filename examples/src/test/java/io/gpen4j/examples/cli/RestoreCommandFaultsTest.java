package io.gpen4j.examples.cli;

import static io.gpen4j.examples.cli.CliRun.gpen4j;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.gpen4j.examples.Gpen4j;
import io.gpen4j.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gpen4j restore} after faults: a dead run's leftovers, bad output paths, messages. */
final class RestoreCommandFaultsTest {
  @TempDir Path temp;

  private static String[] restoreArgs(Path input, Path output, String... more) {
    List<String> args = new ArrayList<>(List.of("restore", input.toString(), "-o", output.toString(),
        "--model", SharedData.randomGpen256().toString(), "--detector", SharedData.yunet().toString(),
        "--progress", "none"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private static Path stagingWithMarker(Path out, long pid, String started) throws IOException {
    Path staging = Files.createDirectories(out.resolve(StagingFolder.PREFIX + UUID.randomUUID()));
    Files.writeString(staging.resolve(StagingFolder.MARKER),
        "gpen4j batch staging folder\npid=" + pid + "\nstarted=" + started + "\n", StandardCharsets.UTF_8);
    Files.write(staging.resolve(UUID.randomUUID() + ".png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    return staging;
  }

  @Test
  void restore_afterDeadRuns_removesTheirStagingFoldersAndKeepsEverythingElse() throws Exception {
    Path out = Files.createDirectories(temp.resolve("out"));
    Process finished = new ProcessBuilder("true").start();
    finished.waitFor();
    Path deadPid = stagingWithMarker(out, finished.pid(), "2026-01-01T00:00:00Z");
    // This JVM's pid with another start time: the pid of a dead run, reused since.
    Path reusedPid = stagingWithMarker(out, ProcessHandle.current().pid(), Instant.EPOCH.toString());
    Path live = stagingWithMarker(out, ProcessHandle.current().pid(),
        ProcessHandle.current().info().startInstant().orElseThrow().toString());
    Path users = Files.createDirectories(out.resolve(StagingFolder.PREFIX + UUID.randomUUID()));
    Files.writeString(users.resolve("notes.txt"), "mine");

    CliRun run = gpen4j(restoreArgs(SharedData.image("astronaut.png"), out, "--skip-existing"));

    assertEquals(0, run.exitCode(), run.err());
    assertFalse(Files.exists(deadPid), "a dead run's staging folder is removed");
    assertFalse(Files.exists(reusedPid), "a staging folder whose pid was reused is removed");
    assertTrue(Files.exists(live), "a live run's staging folder is kept");
    assertEquals("mine", Files.readString(users.resolve("notes.txt")), "a folder without our marker is kept");
    assertEquals(512, ImageIO.read(out.resolve("astronaut.png").toFile()).getWidth());
    try (var left = Files.list(out)) {
      assertEquals(3, left.count(), "the output, the live run's folder and the user's folder");
    }
  }

  @Test
  void restore_outputIsAFile_saysSoNamingTheOption() throws IOException {
    Path file = Files.writeString(temp.resolve("taken"), "a file");
    Path under = file.resolve("sub");

    CliRun isFile = gpen4j(restoreArgs(SharedData.image("astronaut.png"), file));
    CliRun belowFile = gpen4j(restoreArgs(SharedData.image("astronaut.png"), under));

    assertEquals(1, isFile.exitCode());
    assertTrue(isFile.err().contains("error: cannot use --output " + file + ": it is a file, not a folder"),
        isFile.err());
    assertEquals(1, belowFile.exitCode());
    assertTrue(belowFile.err().contains("cannot create the --output folder " + under + ": "), belowFile.err());
    assertTrue(belowFile.err().contains(file + " is a file, not a folder"), belowFile.err());
  }

  @Test
  void restore_outputInProc_givesAReason() {
    Path proc = Path.of("/proc/gpen4j-no-such-output");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "no /proc here");

    CliRun run = gpen4j(restoreArgs(SharedData.image("astronaut.png"), proc));

    assertEquals(1, run.exitCode());
    String line = run.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElse("");
    assertEquals("error: cannot create the --output folder " + proc
        + ": /proc does not allow new folders (a virtual or read-only file system, such as /proc)", line, run.err());
  }

  @Test
  void restore_overwriteWithSkipExisting_saysTheyCannotGoTogether() {
    CliRun run = gpen4j(restoreArgs(SharedData.image("astronaut.png"), temp, "--overwrite", "--skip-existing"));

    assertEquals(Gpen4j.EXIT_USAGE, run.exitCode());
    assertTrue(run.err().startsWith("error: --overwrite and --skip-existing cannot be used together"), run.err());
    assertFalse(run.err().contains("Error:"), run.err());
  }

  @Test
  void restore_badNumbers_nameTheOptionsAsTyped() {
    CliRun maxFaces = gpen4j(restoreArgs(SharedData.image("astronaut.png"), temp, "--max-faces", "-1"));
    CliRun minFace = gpen4j(restoreArgs(SharedData.image("astronaut.png"), temp, "--min-face-size", "-3"));
    CliRun colour = gpen4j(restoreArgs(SharedData.image("astronaut.png"), temp, "--jpeg-background", "beige"));

    assertEquals(Gpen4j.EXIT_USAGE, maxFaces.exitCode());
    assertTrue(maxFaces.err().contains("--max-faces must not be negative"), maxFaces.err());
    assertFalse(maxFaces.err().contains("maxFaces"), maxFaces.err());
    assertTrue(minFace.err().contains("--min-face-size"), minFace.err());
    assertFalse(minFace.err().contains("minFaceSize"), minFace.err());
    assertTrue(colour.err().contains("--jpeg-background must be six hex digits"), colour.err());
  }

  @Test
  void restore_jsonReport_givesNoOutputForAFailedFile() throws IOException {
    Path out = temp.resolve("out");
    List<String> args = new ArrayList<>(List.of(restoreArgs(SharedData.image("truncated.jpg"), out, "--json")));

    CliRun run = gpen4j(args.toArray(String[]::new));

    JsonObject file = JsonParser.parseString(run.out()).getAsJsonObject().getAsJsonArray("files").get(0)
        .getAsJsonObject();
    assertEquals("failed", file.get("status").getAsString());
    assertFalse(file.has("output"), run.out());
    assertTrue(file.get("error").getAsString().contains("truncated"), run.out());
  }

  @Test
  void restore_transparentPngToJpeg_compositesOnTheBackgroundWithAWarning() throws IOException {
    BufferedImage photo = ImageIO.read(SharedData.image("astronaut.png").toFile());
    BufferedImage clear = new BufferedImage(photo.getWidth(), photo.getHeight(), BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < photo.getHeight(); y++) {
      for (int x = 0; x < photo.getWidth(); x++) {
        // The top rows are transparent over pure red: red must not show.
        clear.setRGB(x, y, y < 32 ? 0x00FF0000 : photo.getRGB(x, y) | 0xFF000000);
      }
    }
    Path input = temp.resolve("clear.png");
    ImageIO.write(clear, "png", input.toFile());
    Path white = temp.resolve("white");
    Path black = temp.resolve("black");

    CliRun defaults = gpen4j(restoreArgs(input, white, "--format", "jpg"));
    CliRun onBlack = gpen4j(restoreArgs(input, black, "--format", "jpg", "--jpeg-background", "#000000"));

    assertEquals(0, defaults.exitCode(), defaults.err());
    assertEquals(1, defaults.out().lines().filter(l -> l.startsWith("warning: ")).count()
        + defaults.err().lines().filter(l -> l.startsWith("warning: ")).count());
    assertTrue((defaults.out() + defaults.err()).contains("clear.png has transparency"), defaults.err());
    int w = ImageIO.read(white.resolve("clear.jpg").toFile()).getRGB(10, 10) & 0xFFFFFF;
    int b = ImageIO.read(black.resolve("clear.jpg").toFile()).getRGB(10, 10) & 0xFFFFFF;
    assertTrue(((w >> 16) & 0xFF) > 245 && ((w >> 8) & 0xFF) > 245 && (w & 0xFF) > 245, Integer.toHexString(w));
    assertTrue(((b >> 16) & 0xFF) < 10 && ((b >> 8) & 0xFF) < 10 && (b & 0xFF) < 10, Integer.toHexString(b));
    assertEquals(0, onBlack.exitCode(), onBlack.err());
  }

  @Test
  void restore_photoThatCouldNeverFitTheMemoryBudget_failsThatFileSayingWhyAndGoesOn() throws IOException {
    Path album = Files.createDirectories(temp.resolve("album"));
    // A 9999x9999 PNG header with no pixel data: refused from the header, so nothing is decoded.
    java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(17);
    ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(9999).putInt(9999)
        .put(new byte[] {8, 2, 0, 0, 0});
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(ihdr.array());
    java.nio.ByteBuffer png = java.nio.ByteBuffer.allocate(33);
    png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}).putInt(13).put(ihdr.array())
        .putInt((int) crc.getValue());
    Files.write(album.resolve("huge.png"), png.array());
    Files.copy(SharedData.image("astronaut.png"), album.resolve("astronaut.png"));
    Path out = temp.resolve("out");

    CliRun run = gpen4j(restoreArgs(album, out, "--memory-budget", "256"));
    CliRun tooSmall = gpen4j(restoreArgs(album, out, "--memory-budget", "10"));

    assertEquals(2, run.exitCode(), run.err());
    assertTrue(run.out().contains("huge.png: Cannot restore"), run.out());
    assertTrue(run.out().contains("(9999x9999, upscale 1): it needs about"), run.out());
    assertTrue(run.out().contains("over the memory budget of 268 MB"), run.out());
    assertTrue(Files.exists(out.resolve("astronaut.png")));
    assertEquals(Gpen4j.EXIT_USAGE, tooSmall.exitCode());
    assertTrue(tooSmall.err().contains("--memory-budget must be a whole number of MB, at least 64"), tooSmall.err());
  }
}
