package io.gpen4j.internal.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class AtomicFileWriterTest {
  @TempDir Path dir;

  private List<Path> filesInDir() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  @Test
  void write_newFile_hasExactlyTheContent() throws Exception {
    Path target = dir.resolve("a.bin");

    AtomicFileWriter.write(target, out -> out.write(new byte[] {1, 2, 3}));

    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
    assertEquals(List.of(target), filesInDir());
  }

  @Test
  void write_contentThatSeeksBack_isWrittenAsTheStreamEndsUp() throws Exception {
    Path target = dir.resolve("seek.bin");

    AtomicFileWriter.write(
        target,
        out -> {
          out.write(new byte[] {0, 0, 9});
          out.seek(0);
          out.write(7);
        });

    assertArrayEquals(new byte[] {7, 0, 9}, Files.readAllBytes(target));
  }

  @Test
  void write_contentFailsMidway_leavesOldTargetAndNoTempFile() throws Exception {
    Path target = dir.resolve("keep.png");
    Files.writeString(target, "old");
    IOException failure = new IOException("disk full");

    IOException thrown =
        assertThrows(
            IOException.class,
            () ->
                AtomicFileWriter.write(
                    target,
                    out -> {
                      out.write(new byte[4096]);
                      throw failure;
                    }));

    assertSame(failure, thrown);
    assertEquals("old", Files.readString(target));
    assertEquals(List.of(target), filesInDir(), "no temporary file left");
  }

  @Test
  void write_contentThrowsRuntimeException_leavesNoFiles() throws Exception {
    Path target = dir.resolve("new.png");

    assertThrows(
        IllegalStateException.class,
        () ->
            AtomicFileWriter.write(
                target,
                out -> {
                  out.write(1);
                  throw new IllegalStateException("encoder bug");
                }));

    assertFalse(Files.exists(target));
    assertEquals(List.of(), filesInDir(), "no temporary file left");
  }

  @Test
  void write_relativeTarget_resolvesAgainstWorkingDirectory() throws Exception {
    Path target = dir.resolve("rel.bin");
    Path relative = Path.of("").toAbsolutePath().relativize(target);

    AtomicFileWriter.write(relative, out -> out.write(5));

    assertArrayEquals(new byte[] {5}, Files.readAllBytes(target));
  }
}
