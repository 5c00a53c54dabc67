package io.gpen4j.video.internal.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gpen4j.video.internal.codec.Decoded;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class FrameFolderReaderTest {
  @TempDir Path dir;

  private void frame(String name) throws IOException {
    ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", dir.resolve(name).toFile());
  }

  @Test
  void open_ordersByTheLastNumberNotByName() throws IOException {
    for (String n : List.of("shot2_f10.png", "shot2_f9.png", "shot2_f100.png", "cover.png", "shot2_f1.png")) {
      frame(n);
    }
    Files.writeString(dir.resolve("notes.txt"), "not a frame");
    FrameFolderReader r = FrameFolderReader.open(dir, 10, Duration.ZERO, null);

    List<String> names = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    Decoded d;
    while ((d = r.next()) != null) {
      times.add(d.timestampMicros());
      names.add(r.name(names.size()));
    }
    assertEquals(List.of("shot2_f1.png", "shot2_f9.png", "shot2_f10.png", "shot2_f100.png", "cover.png"), names);
    assertEquals(List.of(0L, 100_000L, 200_000L, 300_000L, 400_000L), times);
  }

  @Test
  void open_window_skipsAndStopsByTime() throws IOException {
    for (int i = 0; i < 10; i++) {
      frame(i + ".png");
    }
    FrameFolderReader r = FrameFolderReader.open(dir, 10, Duration.ofMillis(300), Duration.ofMillis(400));
    assertEquals(4, r.frameCountEstimate().getAsLong());
    assertEquals("3.png", r.name(0));
    int n = 0;
    while (r.next() != null) {
      n++;
    }
    assertEquals(4, n);
    assertNull(r.next());
  }
}
