package io.gpen4j.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.testing.ImageMetrics;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Folders of numbered frames in and out. */
final class FrameFolderTest {
  @RegisterExtension static final IdentityVideo IDENTITY = new IdentityVideo();
  private static final TestClips.Recipe RECIPE = TestClips.Recipe.of("astronaut.png", 12);

  @TempDir Path tmp;

  /** Writes f1.png ... f12.png, where name order (f10 before f2) differs from number order. */
  private Path frames(int count) throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("frames"));
    for (int i = 0; i < count; i++) {
      ImageIO.write(TestClips.sourceFrame(RECIPE, i), "png", dir.resolve("f" + (i + 1) + ".png").toFile());
    }
    return dir;
  }

  @Test
  void restore_folderToFolder_keepsNamesAndNumberOrder() throws IOException {
    Path in = frames(12);
    Path out = tmp.resolve("restored");

    VideoResult r = IDENTITY.video().restore(in, out, VideoOptions.DEFAULTS);

    assertEquals(12, r.framesWritten());
    assertTrue(r.facesPerFrame().stream().allMatch(n -> n == 1));
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(12, files.count());
    }
    for (int i = 0; i < 12; i++) {
      BufferedImage a = ImageIO.read(in.resolve("f" + (i + 1) + ".png").toFile());
      BufferedImage b = ImageIO.read(out.resolve("f" + (i + 1) + ".png").toFile());
      assertTrue(ImageMetrics.psnr(a, b) > 35, "frame " + (i + 1) + " in place");
    }
    VideoRestorerTest.assertOnlyOutputIn(tmp, "frames", "restored");
  }

  @Test
  void restore_folderToVideo_usesTheFrameRate() throws IOException {
    Path in = frames(10);
    Path out = tmp.resolve("out.mp4");

    IDENTITY.video().restore(in, out, VideoOptions.builder().framesPerSecond(10).build());

    TestClips.ClipInfo info = TestClips.probe(out);
    assertEquals(10, info.frames());
    assertEquals(10, info.frameRate(), 0.01);
    assertEquals(900_000, info.timestamps().get(9));
  }

  @Test
  void restore_folderWindow_takesFramesByTime() throws IOException {
    Path in = frames(12);
    Path out = tmp.resolve("part");

    VideoResult r = IDENTITY.video().restore(in, out,
        VideoOptions.builder().start(Duration.ofMillis(200)).duration(Duration.ofMillis(200)).build());

    assertEquals(5, r.framesWritten(), "frames 6..10 at 25 fps");
    assertTrue(Files.exists(out.resolve("f6.png")));
    assertTrue(Files.exists(out.resolve("f10.png")));
  }

  @Test
  void restore_videoToFolder_writesNumberedPngs() {
    Path in = tmp.resolve("in.mp4");
    TestClips.write(in, TestClips.Recipe.of("astronaut.png", 6));
    Path out = tmp.resolve("frames-out");

    IDENTITY.video().restore(in, out, VideoOptions.DEFAULTS);

    assertTrue(Files.exists(out.resolve("frame_000001.png")));
    assertTrue(Files.exists(out.resolve("frame_000006.png")));
  }

  @Test
  void restore_emptyFolder_failsAndWritesNothing() throws IOException {
    Path in = Files.createDirectory(tmp.resolve("empty"));

    VideoException e = org.junit.jupiter.api.Assertions.assertThrows(VideoException.class,
        () -> IDENTITY.video().restore(in, tmp.resolve("out"), VideoOptions.DEFAULTS));

    assertTrue(e.getMessage().contains("no frames"), e.getMessage());
    VideoRestorerTest.assertOnlyOutputIn(tmp, "empty");
  }

}
