package io.gpen4j.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** File to file through the live policy: a clip read at its own pace, restored frames written at their times. */
final class LiveRelayTest {
  @RegisterExtension static final IdentityVideo IDENTITY = new IdentityVideo();
  @TempDir Path dir;

  @Test
  void run_clipToFile_writesEveryRestoredFrameAtItsTime_andAccountsForEveryFrame() {
    Path in = dir.resolve("in.mp4");
    TestClips.write(in, TestClips.Recipe.of("astronaut.png", 25));
    Path out = dir.resolve("out.mp4");
    List<LiveFrame> restored = new CopyOnWriteArrayList<>();
    LiveStats stats = LiveRelay.builder(IDENTITY.video(), in.toString(), out.toString())
        .liveOptions(LiveOptions.builder().listener(restored::add).build())
        .build()
        .run();

    assertEquals(25, stats.offered());
    assertEquals(25, stats.restored() + stats.dropped(), stats.toString());
    assertEquals(stats.restored(), restored.size());
    assertEquals(25, restored.get(restored.size() - 1).sequence(), "the last frame is restored");
    // Paced to the clip's own 25 fps, as a camera gives frames (read as fast as possible, a file would
    // come at hundreds of frames per second); a loaded machine may read slower than that.
    assertTrue(stats.inputFramesPerSecond() > 0 && stats.inputFramesPerSecond() < 30,
        "the clip is read at no more than its own 25 fps: " + stats);
    TestClips.ClipInfo info = TestClips.probe(out);
    assertEquals(stats.restored(), info.frames());
    assertEquals(640, info.width());
    assertEquals(360, info.height());
    // The frames sit at their capture times on the input's 25 fps grid: the last near 0.96 s.
    long lastMicros = info.timestamps().get(info.timestamps().size() - 1);
    assertTrue(Math.abs(lastMicros - 960_000) <= 200_000, "last frame at " + lastMicros + " us");
    for (LiveFrame f : restored) {
      assertEquals(1, f.frame().faces().size());
    }
  }

  @Test
  void run_durationLimit_stopsEarly() {
    Path in = dir.resolve("in.mp4");
    TestClips.write(in, new TestClips.Recipe("astronaut.png", 320, 180, 15, 25, false, 0, false, 1));
    LiveStats stats = LiveRelay.builder(IDENTITY.video(), in.toString(), dir.resolve("out.mkv").toString())
        .duration(Duration.ofMillis(400))
        .build()
        .run();
    assertEquals(10, stats.offered());
  }

  @Test
  void run_missingInput_failsAndLeavesNoOutput() {
    Path out = dir.resolve("out.mp4");
    VideoException e = assertThrows(VideoException.class,
        () -> LiveRelay.builder(IDENTITY.video(), dir.resolve("none.mp4").toString(), out.toString()).build().run());
    assertTrue(e.getMessage().contains("cannot open live input"), e.getMessage());
    assertFalse(Files.exists(out));
  }

  @Test
  void run_existingOutputOrUrlWithoutFormat_isRefusedBeforeReading() throws Exception {
    Path out = Files.writeString(dir.resolve("out.mp4"), "keep");
    VideoException exists = assertThrows(VideoException.class,
        () -> LiveRelay.builder(IDENTITY.video(), "unused", out.toString()).build().run());
    assertTrue(exists.getMessage().contains("output exists"), exists.getMessage());
    assertEquals("keep", Files.readString(out));
    IllegalArgumentException url = assertThrows(IllegalArgumentException.class,
        () -> LiveRelay.builder(IDENTITY.video(), "unused", "udp://127.0.0.1:9").build().run());
    assertTrue(url.getMessage().contains("outputFormat"), url.getMessage());
  }
}
