package io.gpen4j.video.internal.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folders an output needs are created for it, and removed again when it is abandoned. */
final class AtomicOutputFoldersTest {
  @TempDir Path tmp;

  @Test
  void closeWithoutCommit_removesTheFoldersItCreated() {
    Path target = tmp.resolve("a/b/out.mp4");
    try (AtomicOutput out = AtomicOutput.begin(target, false, false, "mp4")) {
      assertTrue(Files.isDirectory(tmp.resolve("a/b")));
    }
    assertFalse(Files.exists(tmp.resolve("a")), "a failed run leaves no folder it made");
  }

  @Test
  void closeWithoutCommit_keepsFoldersThatExistedOrGotOtherFiles() throws IOException {
    Files.createDirectories(tmp.resolve("kept"));
    try (AtomicOutput out = AtomicOutput.begin(tmp.resolve("kept/new/frames"), false, true, "")) {
      Files.writeString(tmp.resolve("kept/new/note.txt"), "someone else's file");
    }
    assertTrue(Files.exists(tmp.resolve("kept/new/note.txt")), "a folder holding another file stays");
    try (AtomicOutput out = AtomicOutput.begin(tmp.resolve("kept/out.mp4"), false, false, "mp4")) {
      assertTrue(Files.isDirectory(tmp.resolve("kept")));
    }
    assertTrue(Files.isDirectory(tmp.resolve("kept")), "a folder that existed stays");
  }

  @Test
  void commit_keepsTheCreatedFolders() {
    Path target = tmp.resolve("x/y/out.mp4");
    try (AtomicOutput out = AtomicOutput.begin(target, false, false, "mp4")) {
      out.commit();
    }
    assertTrue(Files.isRegularFile(target));
  }
}
