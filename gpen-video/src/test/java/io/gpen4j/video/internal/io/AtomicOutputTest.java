package io.gpen4j.video.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.video.VideoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class AtomicOutputTest {
  @TempDir Path dir;

  private long entries() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.count();
    }
  }

  @Test
  void commit_movesTheFileIntoPlace() throws IOException {
    Path target = dir.resolve("out.mp4");
    try (AtomicOutput out = AtomicOutput.begin(target, false, false, "mp4")) {
      assertEquals(dir, out.temp().getParent(), "beside the target, so the rename is atomic");
      assertFalse(Files.exists(target));
      Files.writeString(out.temp(), "video");
      out.commit();
    }
    assertEquals("video", Files.readString(target));
    assertEquals(1, entries());
    assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(target)), "not the temporary file's private mode");
  }

  @Test
  void closeWithoutCommit_deletesTheTemporary() throws IOException {
    try (AtomicOutput out = AtomicOutput.begin(dir.resolve("out.mp4"), false, false, "mp4")) {
      Files.writeString(out.temp(), "half");
    }
    assertEquals(0, entries());
  }

  @Test
  void folder_closeWithoutCommit_deletesItAndItsFiles() throws IOException {
    try (AtomicOutput out = AtomicOutput.begin(dir.resolve("frames"), false, true, "")) {
      Files.writeString(out.temp().resolve("1.png"), "x");
    }
    assertEquals(0, entries());
  }

  @Test
  void folder_overwrite_replacesTheOldFolder() throws IOException {
    Path target = Files.createDirectory(dir.resolve("frames"));
    Files.writeString(target.resolve("old.png"), "old");
    try (AtomicOutput out = AtomicOutput.begin(target, true, true, "")) {
      Files.writeString(out.temp().resolve("new.png"), "new");
      out.commit();
    }
    assertTrue(Files.exists(target.resolve("new.png")));
    assertFalse(Files.exists(target.resolve("old.png")));
    assertEquals(1, entries());
  }

  @Test
  void existingTarget_withoutOverwrite_failsBeforeCreatingAnything() throws IOException {
    Path target = dir.resolve("out.mp4");
    Files.writeString(target, "keep");
    assertThrows(VideoException.class, () -> AtomicOutput.begin(target, false, false, "mp4"));
    assertEquals(1, entries());
  }
}
