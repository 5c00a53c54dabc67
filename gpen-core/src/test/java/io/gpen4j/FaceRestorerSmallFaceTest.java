package io.gpen4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gpen4j.testing.ImageMetrics;
import io.gpen4j.testing.JavaTestBackend;
import io.gpen4j.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link RestoreOptions#smallFaceFilter()}, official GPEN's 3x3 binomial blur of the restored
 * face when the detector box's shorter side is under 100 px, end to end with an identity generator.
 */
final class FaceRestorerSmallFaceTest {
  @TempDir Path tmp;

  private static final RestoreOptions FILTER = RestoreOptions.builder().smallFaceFilter(true).build();

  @Test
  void smallFaceFilter_isOffByDefault_andKeptByToBuilder() {
    assertFalse(RestoreOptions.DEFAULTS.smallFaceFilter());
    assertTrue(FILTER.smallFaceFilter());
    assertTrue(FILTER.toBuilder().fidelity(0.5).build().smallFaceFilter());
    assertFalse(FILTER.toBuilder().smallFaceFilter(false).build().smallFaceFilter());
    assertTrue(FILTER.toString().contains("smallFaceFilter=true"), FILTER.toString());
    assertEquals(100, RestoreOptions.SMALL_FACE_SIZE);
  }

  /** A box of 99 px is small and gets blurred, inside its crop square only; one of 100 px is not. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void restore_smallFaceFilter_blursOnlyFacesWhoseBoxIsUnder100Px(long seed) throws IOException {
    BufferedImage input = ImageIO.read(SharedData.image("astronaut.png").toFile());
    DetectedFace placed = FaceRestorerTest.randomFace(new Random(seed), 512, 512, 35 + 10 * seed);
    // The box decides, the landmarks align: the same face with two boxes around its centre.
    DetectedFace small = withBoxSide(placed, 99);
    DetectedFace notSmall = withBoxSide(placed, 100);
    try (FaceRestorer restorer = FaceRestorer.builder()
        .backend(new JavaTestBackend())
        .generator(JavaTestBackend.writeModel(tmp, "identity 256"))
        .faceDetector(img -> List.of())
        .build()) {
      RestoreResult plain = restorer.restore(input, List.of(small), RestoreOptions.DEFAULTS);
      RestoreResult filtered = restorer.restore(input, List.of(small), FILTER);
      RestoreResult large = restorer.restore(input, List.of(notSmall), FILTER);

      assertEquals(0, ImageMetrics.differingPixels(plain.image(), large.image()), "a 100 px box is not filtered");
      SimilarityTransform toCrop = filtered.faces().get(0).alignment();
      int changed = 0;
      for (int y = 0; y < 512; y++) {
        for (int x = 0; x < 512; x++) {
          int a = plain.image().getRGB(x, y);
          int b = filtered.image().getRGB(x, y);
          Point q = toCrop.apply(new Point(x, y));
          boolean inCrop = q.x() > -1 && q.y() > -1 && q.x() < 256 && q.y() < 256;
          if (!inCrop && a != b) {
            fail("pixel " + x + "," + y + " outside the face's crop changed");
          }
          changed += a != b ? 1 : 0;
        }
      }
      assertTrue(changed > 200, "the filter changed " + changed + " pixels");
      double psnr = ImageMetrics.psnr(plain.image(), filtered.image());
      assertTrue(psnr > 35, "a 3x3 blur changes the face only a little: " + psnr + " dB");
    }
  }

  /**
   * Upscaled, the box is measured in output pixels, as official GPEN measures it on the input
   * resized by its super-resolution model: at 2x a 60 px box (120 output px) is not filtered, a
   * 49 px box (98 output px) is.
   */
  @ParameterizedTest
  @ValueSource(longs = {4, 5})
  void restore_upscaled_smallFaceFilterDecidesOnTheBoxInOutputPixels(long seed) throws IOException {
    BufferedImage input = ImageIO.read(SharedData.image("astronaut.png").toFile());
    DetectedFace placed = FaceRestorerTest.randomFace(new Random(seed), 512, 512, 30);
    RestoreOptions plain = RestoreOptions.builder().upscale(2).build();
    RestoreOptions filter = plain.toBuilder().smallFaceFilter(true).build();
    try (FaceRestorer restorer = FaceRestorer.builder()
        .backend(new JavaTestBackend())
        .generator(JavaTestBackend.writeModel(tmp, "identity 256"))
        .faceDetector(img -> List.of())
        .build()) {
      DetectedFace large = withBoxSide(placed, 60);
      DetectedFace small = withBoxSide(placed, 49);
      assertEquals(0, ImageMetrics.differingPixels(restorer.restore(input, List.of(large), plain).image(),
          restorer.restore(input, List.of(large), filter).image()), "a 60 px box is 120 px at 2x: not small");
      assertTrue(ImageMetrics.differingPixels(restorer.restore(input, List.of(small), plain).image(),
          restorer.restore(input, List.of(small), filter).image()) > 200, "a 49 px box is 98 px at 2x: small");
    }
  }

  private static DetectedFace withBoxSide(DetectedFace face, double side) {
    BoundingBox b = face.box();
    // Whole-pixel corners, so that the side is exact.
    double cx = Math.floor(b.x() + b.width() / 2);
    double cy = Math.floor(b.y() + b.height() / 2);
    return new DetectedFace(
        BoundingBox.ofCorners(cx - side / 2, cy - side / 2, cx + side / 2, cy + side / 2), face.landmarks(), face.score());
  }
}
