package io.gpen4j.video.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Temporary outputs of killed runs are removed by the next output begun beside them; nothing else is. */
final class AbandonedPartsTest {
  @TempDir Path dir;

  /** A process that has exited: its pid and start time, as a killed run leaves them in a name. */
  private static String deadOwner() throws Exception {
    Process p = new ProcessBuilder("true").start();
    long start = p.toHandle().info().startInstant().map(Instant::toEpochMilli).orElse(1L);
    p.waitFor();
    // The handle is reaped once waitFor returned: the pid is gone (or, rarely, reused with another start).
    return p.pid() + "-" + start;
  }

  @Test
  void begin_removesPartsOfDeadRuns_keepsLiveRunsAndUserFiles() throws Exception {
    Path target = dir.resolve("out.mp4");
    String dead = deadOwner();
    Path deadPart = Files.writeString(dir.resolve(".out.mp4." + dead + ".123456789.part.mp4"), "half a video");
    Path deadOtherTarget = Files.writeString(dir.resolve(".b.mkv." + dead + ".42.part.mkv"), "half");
    Path deadFrames = Files.createDirectory(dir.resolve(".frames." + dead + ".77"));
    Files.writeString(deadFrames.resolve("000001.png"), "frame");
    Path live = Files.writeString(dir.resolve(AbandonedParts.prefix(target) + "555.part.mp4"), "being written");
    Path userFile = Files.writeString(dir.resolve(".out.mp4.notes.txt"), "mine");
    Path oldStyle = Files.writeString(dir.resolve(".out.mp4.9876.part.mp4"), "no owner recorded");

    try (AtomicOutput out = AtomicOutput.begin(target, false, false, "mp4")) {
      assertTrue(out.temp().getFileName().toString().startsWith(AbandonedParts.prefix(target)), out.temp().toString());
    }

    assertFalse(Files.exists(deadPart), "a dead run's part file is removed");
    assertFalse(Files.exists(deadOtherTarget), "for any output in the folder");
    assertTrue(Files.exists(live), "a live run's part file is kept");
    assertTrue(Files.exists(userFile));
    assertTrue(Files.exists(oldStyle), "a name without an owner is never guessed at");
    assertTrue(Files.exists(deadFrames), "another output's frames folder is not this run's business");

    AtomicOutput.begin(dir.resolve("frames"), false, true, "").close();
    assertFalse(Files.exists(deadFrames), "a dead run's frames folder is removed when its output is begun again");
  }

  @Test
  void remove_framesFolderWithSubfolder_isKept() throws Exception {
    String dead = deadOwner();
    Path frames = Files.createDirectory(dir.resolve(".frames." + dead + ".5"));
    Files.createDirectory(frames.resolve("not-a-frame"));

    assertEquals(0, AbandonedParts.remove(dir.resolve("frames")).size());
    assertTrue(Files.exists(frames));
  }

  @Test
  void remove_missingFolder_removesNothing() throws IOException {
    assertEquals(0, AbandonedParts.remove(dir.resolve("nope").resolve("out.mp4")).size());
  }
}
