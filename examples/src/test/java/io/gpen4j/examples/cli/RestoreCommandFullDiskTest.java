package io.gpen4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.gpen4j.examples.Gpen4j;
import io.gpen4j.testing.SharedData;
import io.gpen4j.testing.SmallFileSystem;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch whose output folder is on a small, nearly full tmpfs that this test mounts (root on
 * Linux, as CI runs; skipped with the reason otherwise). The photo that does not fit fails with a
 * clear message and leaves no partial file; the next photo, which fits, is restored.
 */
final class RestoreCommandFullDiskTest {
  @TempDir Path temp;

  @Test
  void fullDisk_photoThatDoesNotFitFailsClearly_noPartialOutput_nextPhotoContinues() throws Exception {
    try (SmallFileSystem disk = SmallFileSystem.mountOrSkip(temp, 2048)) {
      fullDisk(disk.root());
    }
  }

  private void fullDisk(Path out) throws Exception {
    // Leave about 200 KB: enough for a small photo's output, not for a 512x512 one.
    Files.write(out.resolve("filler.bin"), new byte[2 * 1024 * 1024 - 200 * 1024]);
    Path album = Files.createDirectories(temp.resolve("album"));
    Files.copy(SharedData.image("astronaut.png"), album.resolve("a-large.png"));
    BufferedImage small = new BufferedImage(96, 96, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = small.createGraphics();
    g.drawImage(ImageIO.read(SharedData.image("astronaut.png").toFile()), 0, 0, 96, 96, null);
    g.dispose();
    ImageIO.write(small, "png", album.resolve("b-small.png").toFile());

    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    int code = Gpen4j.execute(new String[] {"restore", album.toString(), "-o", out.toString(),
        "--model", SharedData.randomGpen256().toString(), "--detector", SharedData.yunet().toString(),
        "--progress", "none", "--json"}, new PrintWriter(stdout, true), new PrintWriter(stderr, true));

    assertEquals(2, code, stderr.toString());
    JsonObject report = JsonParser.parseString(stdout.toString()).getAsJsonObject();
    JsonObject large = report.getAsJsonArray("files").get(0).getAsJsonObject();
    JsonObject smallOne = report.getAsJsonArray("files").get(1).getAsJsonObject();
    assertEquals("failed", large.get("status").getAsString());
    assertTrue(large.get("error").getAsString().contains("No space left on device")
        || large.get("error").getAsString().contains("disk is full"), large.toString());
    assertEquals("done", smallOne.get("status").getAsString(), smallOne.toString());
    assertFalse(Files.exists(out.resolve("a-large.png")), "no partial output");
    assertEquals(96, ImageIO.read(out.resolve("b-small.png").toFile()).getWidth());
    try (Stream<Path> left = Files.list(out)) {
      assertEquals(List.of("b-small.png", "filler.bin"),
          left.map(p -> p.getFileName().toString()).sorted().toList(), "no staging or temporary file left");
    }
  }
}
