package io.gpen4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.BackgroundEnhancement;
import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.RestoreOptions;
import io.gpen4j.RestoreResult;
import io.gpen4j.RestoredFace;
import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.testing.Prerequisites;
import io.gpen4j.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A random-weight Real-ESRGAN x2plus (the real RRDBNet with its pixel unshuffle, two blocks
 * instead of 23 to stay fast) from the converter, as the background model of a whole restore on a
 * real photo: the background is the model's, the faces are pasted on top at 2x, and with the
 * background model off the result is exactly that of a restorer without one.
 */
final class OnnxBackgroundRestoreTest {
  @TempDir static Path dir;
  private static Path x2;

  @BeforeAll
  static void convert() {
    Optional<String> python = ConverterScript.findPython(dir);
    Prerequisites.require(python.isPresent(), "no python with torch and onnx");
    x2 = dir.resolve("realesrgan-x2plus-2blocks.onnx");
    ConverterScript.Result result = ConverterScript.convert(python.get(), List.of("--arch", "realesrgan_x2plus",
        "--random-weights", "--num-block", "2", "--onnx", x2.toString()), dir);
    assertEquals(0, result.exitCode(), result.output());
  }

  private static FaceRestorer.Builder builder() {
    return FaceRestorer.builder()
        .backend("onnx")
        .generator(TestModels.path(TestModels.IDENTITY_256))
        .detector(DetectorType.YUNET, SharedData.yunet());
  }

  @Test
  void restore_withRrdbX2Background_facesPastedOnTheEnhancedBackgroundAt2x() throws IOException {
    // The head and shoulders, to keep the model runs short.
    BufferedImage photo = ImageIO.read(SharedData.image("grace_hopper.jpg").toFile()).getSubimage(96, 32, 320, 288);
    RestoreOptions x2Options = RestoreOptions.builder().upscale(2).build();
    try (FaceRestorer withBackground = builder().backgroundModel(x2).backgroundTileSize(192).build();
        FaceRestorer plain = builder().build()) {
      assertEquals(2, withBackground.backgroundScale());
      RestoreResult restored = withBackground.restore(photo, x2Options);
      RestoreResult backgroundOnly = withBackground.restore(photo,
          x2Options.toBuilder().minFaceSize(10_000).build());
      RestoreResult off = withBackground.restore(photo,
          x2Options.toBuilder().backgroundEnhancement(BackgroundEnhancement.OFF).build());
      RestoreResult reference = plain.restore(photo, x2Options);

      assertEquals(640, restored.image().getWidth());
      assertEquals(576, restored.image().getHeight());
      assertEquals(0, backgroundOnly.faces().size());
      RgbaImage resized = RgbaImage.fromBufferedImage(reference.image());
      RgbaImage enhanced = RgbaImage.fromBufferedImage(restored.image());
      RgbaImage background = RgbaImage.fromBufferedImage(backgroundOnly.image());
      // Off: exactly a restorer without a background model.
      assertArrayEquals(resized.pixels(), RgbaImage.fromBufferedImage(off.image()).pixels());
      // Outside the face's paste area (the corners of this head-and-shoulders crop) the pixels are
      // exactly the model's; its random weights make noise of them.
      double kept = sameFraction(enhanced, background);
      assertTrue(kept > 0.02, "only " + kept + " of the pixels are the background model's");
      double change = differenceWhereSame(enhanced, background, resized);
      assertTrue(change > 10, "the background differs from the resized photo by only " + change);
      assertTrue(restored.faces().size() >= 1);
      for (RestoredFace face : restored.faces()) {
        assertTrue(face.enhanced());
        int cx = (int) (face.box().center().x() * 2);
        int cy = (int) (face.box().center().y() * 2);
        // The identity generator pastes the photo's own face back over the model's noise.
        double toFace = meanDifference(enhanced, resized, cx - 30, cy - 30, 60);
        double toNoise = meanDifference(enhanced, background, cx - 30, cy - 30, 60);
        assertTrue(toFace < 6 && toNoise > 3 * toFace, "face at " + face.box() + ": " + toFace + " vs " + toNoise);
      }
    }
  }

  @Test
  void restore_x2ModelAtUpscale1_keepsTheInputSize_andOnWithoutModelFails() throws IOException {
    BufferedImage photo = ImageIO.read(SharedData.image("astronaut.png").toFile());
    BufferedImage crop = photo.getSubimage(128, 32, 256, 224);
    try (FaceRestorer withBackground = builder().backgroundModel(x2).build();
        FaceRestorer plain = builder().build()) {
      RestoreResult result = withBackground.restore(crop, RestoreOptions.DEFAULTS);
      assertEquals(256, result.image().getWidth());
      assertEquals(224, result.image().getHeight());
      RgbaImage input = RgbaImage.fromBufferedImage(crop);
      assertTrue(meanDifference(RgbaImage.fromBufferedImage(result.image()), input, 0, 0, 30) > 10,
          "the 2x model's output, brought back to 1x, was not used");

      RestoreOptions on = RestoreOptions.builder().backgroundEnhancement(BackgroundEnhancement.ON).build();
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plain.restore(crop, on));
      assertTrue(e.getMessage().contains("no background model"), e.getMessage());
    }
  }

  private static double sameFraction(RgbaImage a, RgbaImage b) {
    int same = 0;
    for (int i = 0; i < a.pixels().length; i++) {
      same += a.pixels()[i] == b.pixels()[i] ? 1 : 0;
    }
    return (double) same / a.pixels().length;
  }

  /** The mean absolute channel difference between {@code a} and {@code c} where {@code a} equals {@code b}. */
  private static double differenceWhereSame(RgbaImage a, RgbaImage b, RgbaImage c) {
    long sum = 0;
    int n = 0;
    for (int i = 0; i < a.pixels().length; i++) {
      if (a.pixels()[i] == b.pixels()[i]) {
        for (int shift = 0; shift < 24; shift += 8) {
          sum += Math.abs((a.pixels()[i] >> shift & 0xFF) - (c.pixels()[i] >> shift & 0xFF));
          n++;
        }
      }
    }
    return (double) sum / n;
  }

  /** The mean absolute channel difference over a square (clipped to the images). */
  private static double meanDifference(RgbaImage a, RgbaImage b, int x0, int y0, int side) {
    long sum = 0;
    int n = 0;
    for (int y = Math.max(0, y0); y < Math.min(a.height(), y0 + side); y++) {
      for (int x = Math.max(0, x0); x < Math.min(a.width(), x0 + side); x++) {
        for (int shift = 0; shift < 24; shift += 8) {
          sum += Math.abs((a.argb(x, y) >> shift & 0xFF) - (b.argb(x, y) >> shift & 0xFF));
          n++;
        }
      }
    }
    return (double) sum / n;
  }
}
