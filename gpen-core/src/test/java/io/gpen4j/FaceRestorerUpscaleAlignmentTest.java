package io.gpen4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.internal.image.FloatImage;
import io.gpen4j.internal.image.GaussianBlur;
import io.gpen4j.internal.image.ImageResize;
import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.testing.JavaTestBackend;
import io.gpen4j.testing.SharedData;
import io.gpen4j.testing.TestImages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Upscaled output: with an identity generator the pasted face is the input again, so it must land
 * exactly on the background resized to the output scale. The offset is measured by least squares
 * on the background's gradient ({@code face - background = -(dx, dy) . grad(background)}, one
 * Lucas-Kanade step) over the crop's central square, where the mask is 1.
 */
final class FaceRestorerUpscaleAlignmentTest {
  @TempDir Path tmp;

  /** A real photo, blurred so that bilinear and bicubic reads agree and the gradient model holds. */
  private static RgbaImage smoothPhoto() throws IOException {
    RgbaImage photo = RgbaImage.fromBufferedImage(ImageIO.read(SharedData.image("grace_hopper.jpg").toFile()));
    FloatImage blurred = GaussianBlur.blur(TestImages.planar(photo), 2.0, 6);
    return TestImages.toRgba(blurred);
  }

  @ParameterizedTest
  @CsvSource({"1, 1", "2, 2", "4, 3", "2, 4", "4, 5"})
  void restore_upscaled_identityFaceLandsOnTheBackgroundWithin005Px(int upscale, long seed) throws IOException {
    RgbaImage photo = smoothPhoto();
    DetectedFace face = FaceRestorerTest.randomFace(new Random(seed), photo.width(), photo.height(), 70);
    RestoreOptions options = RestoreOptions.builder().upscale(upscale).colorMatching(false).build();
    try (FaceRestorer restorer = FaceRestorer.builder()
        .backend(new JavaTestBackend())
        .generator(JavaTestBackend.writeModel(tmp, "identity 256"))
        .faceDetector(img -> List.of())
        .build()) {
      RestoreResult result = restorer.restore(photo.toBufferedImage(), List.of(face), options);
      RgbaImage out = RgbaImage.fromBufferedImage(result.image());
      RgbaImage background = upscale == 1 ? photo : ImageResize.resize(photo, photo.width() * upscale,
          photo.height() * upscale);
      SimilarityTransform toCrop = result.faces().get(0).alignment();
      double[] shift = shift(out, background, toCrop, upscale);
      System.out.printf(java.util.Locale.ROOT, "x%d seed %d: face offset (%.4f, %.4f) output px%n", upscale, seed,
          shift[0], shift[1]);
      assertEquals(0, shift[0], 0.05, "horizontal offset of the face, output px");
      assertEquals(0, shift[1], 0.05, "vertical offset of the face, output px");
    }
  }

  /** The estimator sees a known offset: the background against itself resized from a shifted input. */
  @ParameterizedTest
  @CsvSource({"2", "4"})
  void shiftEstimator_measuresAKnownOffset(int upscale) throws IOException {
    RgbaImage photo = smoothPhoto();
    int w = photo.width() * upscale;
    int h = photo.height() * upscale;
    RgbaImage background = ImageResize.resize(photo, w, h);
    // Output pixel x of the moved image is output pixel x + 1 of the background: a shift of -1.
    int[] moved = new int[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        moved[y * w + x] = background.argb(Math.min(w - 1, x + 1), y);
      }
    }
    DetectedFace face = FaceRestorerTest.randomFace(new Random(7), photo.width(), photo.height(), 70);
    SimilarityTransform toCrop = SimilarityTransform.estimate(face.landmarks().points(),
        AlignmentTemplate.GPEN.landmarks(256).points());
    double[] shift = shift(RgbaImage.wrap(w, h, moved, false), background, toCrop, upscale);
    assertEquals(-1, shift[0], 0.1);
    assertEquals(0, shift[1], 0.1);
  }

  /**
   * The offset (dx, dy) of {@code out} against {@code background}, in output pixels, over the
   * output pixels whose crop position lies in the crop's central half.
   */
  private static double[] shift(RgbaImage out, RgbaImage background, SimilarityTransform toCrop, int upscale) {
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    double sxd = 0;
    double syd = 0;
    int n = 0;
    for (int y = 1; y < out.height() - 1; y++) {
      for (int x = 1; x < out.width() - 1; x++) {
        Point q = toCrop.apply(new Point((x + 0.5) / upscale - 0.5, (y + 0.5) / upscale - 0.5));
        if (q.x() < 64 || q.x() > 192 || q.y() < 64 || q.y() > 192) {
          continue;
        }
        for (int c = 1; c <= 3; c++) {
          double gx = (TestImages.channel(background.argb(x + 1, y), c)
              - TestImages.channel(background.argb(x - 1, y), c)) / 2.0;
          double gy = (TestImages.channel(background.argb(x, y + 1), c)
              - TestImages.channel(background.argb(x, y - 1), c)) / 2.0;
          double d = TestImages.channel(out.argb(x, y), c) - TestImages.channel(background.argb(x, y), c);
          sxx += gx * gx;
          sxy += gx * gy;
          syy += gy * gy;
          sxd += gx * d;
          syd += gy * d;
          n++;
        }
      }
    }
    assertTrue(n > 1000, "too few pixels measured: " + n);
    double det = sxx * syy - sxy * sxy;
    // d = -(dx gx + dy gy): solve the 2x2 normal equations.
    double dx = -(syy * sxd - sxy * syd) / det;
    double dy = -(sxx * syd - sxy * sxd) / det;
    return new double[] {dx, dy};
  }
}
