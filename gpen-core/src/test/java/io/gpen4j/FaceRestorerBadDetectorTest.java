package io.gpen4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.testing.ImageMetrics;
import io.gpen4j.testing.JavaTestBackend;
import io.gpen4j.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Detectors that misbehave (a custom one, or a model given odd input): faces across the image's
 * edges, far outside it, absurdly large or small, or no list at all. The restorer never fails with
 * an undocumented exception and never changes pixels it should not.
 */
final class FaceRestorerBadDetectorTest {
  @TempDir Path tmp;

  private FaceRestorer restorer(FaceDetector detector) {
    return FaceRestorer.builder()
        .backend(new JavaTestBackend())
        .generator(JavaTestBackend.writeModel(tmp, "identity 256"))
        .faceDetector(detector)
        .build();
  }

  private static BufferedImage astronaut() throws IOException {
    return ImageIO.read(SharedData.image("astronaut.png").toFile());
  }

  /** The GPEN template's face, centred at (cx, cy) with the given eye distance, upright. */
  private static DetectedFace faceAt(double cx, double cy, double eyeDistance) {
    Landmarks unit = AlignmentTemplate.GPEN.landmarks(1000);
    double scale = eyeDistance / unit.leftEye().distanceTo(unit.rightEye());
    SimilarityTransform t = new SimilarityTransform(scale, 0, cx - 500 * scale, cy - 500 * scale);
    double half = eyeDistance * 1.2;
    return new DetectedFace(BoundingBox.ofCorners(cx - half, cy - half, cx + half, cy + half),
        unit.transform(t), 0.9);
  }

  @ParameterizedTest(name = "centre at ({0}, {1})")
  @CsvSource({"0, 256", "511, 256", "256, 0", "256, 511", "0, 0", "511, 0", "0, 511", "511, 511", "-40, 256", "256, 560"})
  void restore_faceAcrossTheImageEdge_restoresItWithoutChangingTheImage(double cx, double cy) throws IOException {
    BufferedImage input = astronaut();
    // Smaller than the template's eyes (64 px at S=256), so the crop does not shrink the face.
    DetectedFace face = faceAt(cx, cy, 50);
    try (FaceRestorer restorer = restorer(img -> List.of(face))) {
      RestoreResult result = restorer.restore(input);

      assertEquals(1, result.faces().size(), "a face overlapping the image is kept");
      assertEquals(512, result.image().getWidth());
      assertEquals(512, result.image().getHeight());
      // The generator is the identity: whatever part of the crop lies outside the image must not
      // bleed into it.
      double psnr = ImageMetrics.psnr(input, result.image());
      assertTrue(psnr >= 40, "identity restore of an edge face changed the image: " + psnr + " dB");
    }
  }

  @Test
  void restore_facesEntirelyOutsideOrFarAway_areDroppedAndTheImageKept() throws IOException {
    BufferedImage input = astronaut();
    List<DetectedFace> outside = List.of(
        faceAt(-300, 256, 60), faceAt(900, 256, 60), faceAt(256, -300, 60), faceAt(256, 900, 60),
        faceAt(1e9, 1e9, 60), faceAt(-1e9, -1e9, 60));
    try (FaceRestorer restorer = restorer(img -> outside)) {
      RestoreResult result = restorer.restore(input);
      assertTrue(result.faces().isEmpty(), "kept " + result.faces());
      assertEquals(0, ImageMetrics.differingPixels(input, result.image()));
    }
  }

  @ParameterizedTest(name = "eye distance {0}")
  @CsvSource({"1.5", "3"})
  void restore_tinyFace_comesBackNearlyUnchanged(double eyeDistance) throws IOException {
    BufferedImage input = astronaut();
    DetectedFace face = faceAt(256, 256, eyeDistance);
    try (FaceRestorer restorer = restorer(img -> List.of(face))) {
      RestoreResult result = restorer.restore(input);
      assertEquals(1, result.faces().size());
      // The crop magnifies the face about 30x; an identity generator must give it back intact.
      double psnr = ImageMetrics.psnr(input, result.image());
      assertTrue(psnr >= 40, "eye distance " + eyeDistance + ": " + psnr + " dB");
    }
  }

  @ParameterizedTest(name = "eye distance {0}")
  @CsvSource({"2000", "50000"})
  void restore_faceMuchLargerThanTheImage_pastesABlurredCopyNotGarbage(double eyeDistance) throws IOException {
    BufferedImage input = astronaut();
    DetectedFace face = faceAt(256, 256, eyeDistance);
    try (FaceRestorer restorer = restorer(img -> List.of(face))) {
      RestoreResult result = restorer.restore(input);
      assertEquals(1, result.faces().size());
      assertEquals(512, result.image().getWidth());
      assertEquals(512, result.image().getHeight());
      // The whole image shrinks to a few crop pixels and is stretched back: the colours blur into
      // one another, but every one must be a colour the image has (interpolation and the feathered
      // blend only mix colours; garbage or overflow would fall outside their range).
      int[][] in = channelRange(input);
      int[][] out = channelRange(result.image());
      for (int c = 0; c < 3; c++) {
        assertTrue(out[0][c] >= in[0][c] && out[1][c] <= in[1][c], "channel " + c + ": range "
            + out[0][c] + ".." + out[1][c] + " outside the input's " + in[0][c] + ".." + in[1][c]);
      }
    }
  }

  /** The per-channel minimum (row 0) and maximum (row 1) of R, G and B. */
  private static int[][] channelRange(BufferedImage image) {
    int[][] range = {{255, 255, 255}, {0, 0, 0}};
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        for (int c = 0; c < 3; c++) {
          int v = (rgb >> (16 - 8 * c)) & 0xFF;
          range[0][c] = Math.min(range[0][c], v);
          range[1][c] = Math.max(range[1][c], v);
        }
      }
    }
    return range;
  }

  @Test
  void restore_landmarksFarFromTheirBox_restoresWhereTheLandmarksSay() throws IOException {
    BufferedImage input = astronaut();
    DetectedFace real = faceAt(256, 256, 80);
    // The box says "inside", the landmarks lie outside: alignment follows the landmarks, so the
    // crop is off the image and pasting it must not disturb the image.
    DetectedFace inconsistent = new DetectedFace(real.box(),
        real.landmarks().transform(SimilarityTransform.of(1, 0, 2000, 0)), 0.9);
    try (FaceRestorer restorer = restorer(img -> List.of(inconsistent))) {
      RestoreResult result = restorer.restore(input);
      assertEquals(0, ImageMetrics.differingPixels(input, result.image()));
    }
  }

  @Test
  void restore_detectorReturnsNull_failsNamingTheDetectStage() throws IOException {
    BufferedImage input = astronaut();
    try (FaceRestorer restorer = restorer(img -> null)) {
      RestorationException e = assertThrows(RestorationException.class, () -> restorer.restore(input));
      assertTrue(e.getMessage().contains("'detect'"), e.getMessage());
    }
  }
}
