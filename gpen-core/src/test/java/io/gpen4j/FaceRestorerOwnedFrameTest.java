package io.gpen4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.gpen4j.testing.JavaTestBackend;
import io.gpen4j.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Memory follows the faces: a single restore pastes into the frame it decoded (no whole copy), a
 * PNG is decoded straight into packed pixels, and neither changes a pixel. The reference is the
 * frame-loop path ({@link FaceRestorer#restoreAll}), which still pastes into a copy, and the
 * caller's image, which must stay untouched.
 */
final class FaceRestorerOwnedFrameTest {
  @TempDir Path tmp;

  private static int[] pixels(BufferedImage image) {
    return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void restore_pastesIntoItsOwnFrame_samePixelsAsIntoACopy_callerImageUntouched(long seed) throws IOException {
    BufferedImage input = ImageIO.read(SharedData.image("grace_hopper.jpg").toFile());
    int[] before = pixels(input);
    Random rnd = new Random(seed);
    List<DetectedFace> faces = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      faces.add(FaceRestorerTest.randomFace(rnd, input.getWidth(), input.getHeight(), 30 + 40 * rnd.nextDouble()));
    }
    try (FaceRestorer restorer = FaceRestorer.builder()
        .backend(new JavaTestBackend())
        .generator(JavaTestBackend.writeModel(tmp, "identity 256"))
        .faceDetector(img -> faces)
        .build()) {
      RestoreResult inPlace = restorer.restore(input, faces, RestoreOptions.DEFAULTS);
      RestoreResult copied = restorer.restoreAll(List.of(input), List.of(faces), RestoreOptions.DEFAULTS).get(0);

      assertArrayEquals(pixels(copied.image()), pixels(inPlace.image()));
      assertArrayEquals(before, pixels(input), "the caller's image is never written");
      assertFalse(java.util.Arrays.equals(before, pixels(inPlace.image())), "the faces were pasted");

      // From a PNG file: packed decode and paste into the decoded frame, the same pixels again.
      Path png = tmp.resolve("in.png");
      ImageIO.write(input, "png", png.toFile());
      Path out = tmp.resolve("out.png");
      restorer.restore(png, out, RestoreOptions.DEFAULTS);
      BufferedImage written = ImageIO.read(out.toFile());
      assertEquals(input.getWidth(), written.getWidth());
      assertArrayEquals(pixels(copied.image()), pixels(written));
    }
  }
}
