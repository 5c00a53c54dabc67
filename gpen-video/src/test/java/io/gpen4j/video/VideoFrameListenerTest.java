package io.gpen4j.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.RestoredFace;
import io.gpen4j.SimilarityTransform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The per-frame report of a video restore, end to end with the identity generator and YuNet. */
final class VideoFrameListenerTest {
  @RegisterExtension static final IdentityVideo IDENTITY = new IdentityVideo();

  @TempDir Path tmp;

  @Test
  void restore_frameListener_getsEveryFrameWithItsTrackedFaces() {
    Path in = tmp.resolve("in.mp4");
    TestClips.write(in, TestClips.Recipe.of("astronaut.png", 12));
    List<Long> indices = new ArrayList<>();
    List<RestoredFrame> frames = new ArrayList<>();

    IDENTITY.video().restore(in, tmp.resolve("out.mp4"), VideoOptions.builder()
        .frameListener((index, frame) -> {
          indices.add(index);
          frames.add(frame);
        }).build());

    List<Long> timestamps = TestClips.probe(in).timestamps();
    assertEquals(12, frames.size());
    for (int i = 0; i < frames.size(); i++) {
      RestoredFrame f = frames.get(i);
      assertEquals(i, indices.get(i));
      assertEquals(timestamps.get(i), f.timestampMicros(), "frame " + i);
      assertEquals(List.of(1), f.trackIds(), "one face, one track, frame " + i);
      RestoredFace face = f.faces().get(0);
      assertTrue(face.enhanced());
      // The alignment maps the face's landmarks onto the model's template: the eyes land in the crop.
      SimilarityTransform a = face.alignment();
      assertTrue(a.scale() > 1, "a 300 px frame's face is enlarged to the 256 px crop: " + a);
      double eyeX = a.apply(face.landmarks().points().get(0)).x();
      assertTrue(eyeX > 0 && eyeX < 256, "left eye in the crop at x " + eyeX);
    }
  }

  @Test
  void restoredFrame_trackIdsMustMatchTheFaces() {
    RestoredFrame empty = RestoredFrame.withoutFaces(new java.awt.image.BufferedImage(2, 2, 1), 0,
        io.gpen4j.StageTimings.ZERO);
    assertThrows(IllegalArgumentException.class, () -> new RestoredFrame(empty.image(), 0, List.of(),
        empty.timings(), List.of(1)));
  }
}
