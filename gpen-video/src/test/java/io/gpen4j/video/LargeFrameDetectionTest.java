package io.gpen4j.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.Landmarks;
import io.gpen4j.RestoredFace;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A 1280x720 stream through {@link FrameStream} with the identity generator and YuNet: detected on
 * a 640x360 copy at the default {@link TrackingOptions#smallestDetectedFace()}, on the frame itself
 * at 20 px. The pipeline maps the copy's faces back: each frame restores one face, with one
 * track, its landmarks within 5 % of the face's size (108 px) of the full-resolution search's.
 * Both find this face on the detector's 640 px whole-frame pass, from pixels resampled differently
 * (Java 2D's copy, or gpen-core's detector input), which moved YuNet's landmarks by up to 3.6 px.
 */
final class LargeFrameDetectionTest {
  @RegisterExtension static final IdentityVideo IDENTITY = new IdentityVideo();

  private static final int FRAMES = 3;

  @Test
  void largeFrames_copyAndFullSearch_sameFaces() {
    TestClips.Recipe recipe = new TestClips.Recipe("astronaut.png", 1280, 720, FRAMES, 25, false, 0, false, 1);
    List<BufferedImage> frames = new ArrayList<>();
    for (int i = 0; i < FRAMES; i++) {
      frames.add(TestClips.sourceFrame(recipe, i));
    }
    List<RestoredFrame> copy = restore(frames, TrackingOptions.DEFAULTS);
    List<RestoredFrame> full = restore(frames, TrackingOptions.builder().smallestDetectedFace(20).build());
    for (int i = 0; i < FRAMES; i++) {
      assertEquals(1, copy.get(i).faces().size(), "frame " + i);
      assertEquals(1, full.get(i).faces().size(), "frame " + i);
      assertEquals(copy.get(0).trackIds(), copy.get(i).trackIds(), "one track");
      RestoredFace a = copy.get(i).faces().get(0);
      RestoredFace b = full.get(i).faces().get(0);
      double size = Math.min(b.box().width(), b.box().height());
      for (int k = 0; k < Landmarks.COUNT; k++) {
        double d = a.landmarks().points().get(k).distanceTo(b.landmarks().points().get(k));
        assertTrue(d <= 0.05 * size, "frame " + i + " landmark " + k + ": " + d + " px on a " + size + " px face");
      }
    }
  }

  private static List<RestoredFrame> restore(List<BufferedImage> frames, TrackingOptions tracking) {
    List<RestoredFrame> out = new ArrayList<>();
    try (FrameStream stream = IDENTITY.video().openStream(VideoOptions.builder().tracking(tracking).build())) {
      for (int i = 0; i < frames.size(); i++) {
        out.add(stream.restore(frames.get(i), i * 40_000L));
      }
    }
    return out;
  }
}
