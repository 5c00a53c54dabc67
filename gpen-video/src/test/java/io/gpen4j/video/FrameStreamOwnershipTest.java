package io.gpen4j.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.testing.ImageMetrics;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a {@link FrameStream} hands back belongs to the caller, as its Javadoc says. */
final class FrameStreamOwnershipTest {
  @RegisterExtension static final IdentityVideo IDENTITY = new IdentityVideo();

  @Test
  void restore_frameWithoutFaces_returnsANewImageWithTheSamePixels() {
    BufferedImage frame = TestClips.sourceFrame(TestClips.Recipe.of("no_face_coffee.png", 1), 0);
    BufferedImage before = TestClips.sourceFrame(TestClips.Recipe.of("no_face_coffee.png", 1), 0);
    try (FrameStream stream = IDENTITY.video().openStream(VideoOptions.DEFAULTS)) {
      RestoredFrame out = stream.restore(frame, 0);

      assertTrue(out.faces().isEmpty(), "a faceless frame");
      assertNotSame(frame, out.image(), "a new image, not the caller's own");
      assertEquals(0, ImageMetrics.differingPixels(frame, out.image()), "unchanged pixels");
      // The caller reuses its buffer for the next frame: the returned image must not change.
      frame.getGraphics().fillRect(0, 0, frame.getWidth(), frame.getHeight());
      assertEquals(0, ImageMetrics.differingPixels(before, out.image()), "the returned image is the caller's");
    }
  }
}
