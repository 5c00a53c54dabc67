package io.gpen4j.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.FaceRestorer;
import io.gpen4j.testing.ImageMetrics;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the random-weight GPEN-256 (noise faces): every frame's face changes, and pixels far from
 * the face stay as they were, within codec loss.
 */
final class RandomGeneratorVideoTest {
  @TempDir Path tmp;

  @Test
  void restore_randomGenerator_changesFacesOnlyInEveryFrame() {
    Path in = tmp.resolve("in.mp4");
    TestClips.write(in, TestClips.Recipe.of("astronaut.png", 8).fps(10));
    Path out = tmp.resolve("out.mp4");
    VideoResult r;
    try (FaceRestorer faces = TestRestorers.randomGpen()) {
      r = VideoRestorer.builder(faces).build().restore(in, out, VideoOptions.DEFAULTS);
    }
    assertEquals(8, r.framesWritten());

    List<BufferedImage> a = TestClips.decode(in);
    List<BufferedImage> b = TestClips.decode(out);
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      // The face (eyes to chin) sits near (255..325, 80..155) as the clip drifts; the outer 60 px
      // columns are far from it.
      double face = ImageMetrics.psnr(a.get(i).getSubimage(255, 80, 70, 75), b.get(i).getSubimage(255, 80, 70, 75));
      double left = ImageMetrics.psnr(a.get(i).getSubimage(0, 0, 60, 360), b.get(i).getSubimage(0, 0, 60, 360));
      double right = ImageMetrics.psnr(a.get(i).getSubimage(580, 0, 60, 360), b.get(i).getSubimage(580, 0, 60, 360));
      assertTrue(face < 25, "frame " + i + ": face changed, PSNR " + face);
      assertTrue(left >= 35 && right >= 35, "frame " + i + ": background kept, PSNR " + left + " / " + right);
    }
  }
}
