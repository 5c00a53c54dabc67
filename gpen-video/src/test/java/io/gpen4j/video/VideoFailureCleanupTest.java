package io.gpen4j.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gpen4j.FaceRestorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that fails leaves nothing behind: no temporary file, and no folder it created for the output. */
final class VideoFailureCleanupTest {
  private static FaceRestorer faces;

  @TempDir Path tmp;

  @BeforeAll
  static void open() {
    faces = TestRestorers.identity();
  }

  @AfterAll
  static void close() {
    faces.close();
  }

  @Test
  void restore_unreadableInput_removesTheOutputFoldersItCreated() throws IOException {
    Path in = tmp.resolve("not-a-video.mp4");
    Files.writeString(in, "plain text, not a video");
    VideoRestorer video = VideoRestorer.builder(faces).build();

    assertThrows(VideoException.class, () -> video.restore(in, tmp.resolve("new/folder/out.mp4"), VideoOptions.DEFAULTS));
    assertThrows(VideoException.class, () -> video.restore(in, tmp.resolve("frames/out"), VideoOptions.DEFAULTS));

    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(List.of("not-a-video.mp4"), left.map(p -> p.getFileName().toString()).toList());
    }
  }
}
