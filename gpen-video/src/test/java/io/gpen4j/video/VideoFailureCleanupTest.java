package io.gpen4j.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A run that fails leaves nothing behind: no temporary file, and no folder it created for the output. */
final class VideoFailureCleanupTest {
  @RegisterExtension static final IdentityVideo IDENTITY = new IdentityVideo();

  @TempDir Path tmp;

  @Test
  void restore_unreadableInput_removesTheOutputFoldersItCreated() throws IOException {
    Path in = tmp.resolve("not-a-video.mp4");
    Files.writeString(in, "plain text, not a video");
    VideoRestorer video = IDENTITY.video();

    assertThrows(VideoException.class, () -> video.restore(in, tmp.resolve("new/folder/out.mp4"), VideoOptions.DEFAULTS));
    assertThrows(VideoException.class, () -> video.restore(in, tmp.resolve("frames/out"), VideoOptions.DEFAULTS));

    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(List.of("not-a-video.mp4"), left.map(p -> p.getFileName().toString()).toList());
    }
  }
}
