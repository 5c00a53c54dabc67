package io.gpen4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.AlignmentTemplate;
import io.gpen4j.DetectedFace;
import io.gpen4j.DetectorType;
import io.gpen4j.FaceDetector;
import io.gpen4j.FaceRestorer;
import io.gpen4j.Landmarks;
import io.gpen4j.ModelException;
import io.gpen4j.Point;
import io.gpen4j.RestoreResult;
import io.gpen4j.RestoredFace;
import io.gpen4j.SimilarityTransform;
import io.gpen4j.internal.detect.FaceDetectors;
import io.gpen4j.internal.image.AffineWarp;
import io.gpen4j.internal.image.FloatImage;
import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.testing.ImageMetrics;
import io.gpen4j.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real photos, a real detector and real ONNX models through the whole pipeline. */
final class OnnxRestoreEndToEndTest {
  @TempDir Path tmp;

  static Path testModel(String name) {
    Path p = Paths.get(System.getProperty("gpen4j.repo", "."), "models", "test", name);
    assertTrue(Files.isRegularFile(p), "test model missing: " + p);
    return p;
  }

  private static FaceRestorer restorer(Path generator) {
    return FaceRestorer.builder()
        .backend("onnx")
        .generator(generator)
        .detector(DetectorType.YUNET, SharedData.yunet())
        .build();
  }

  @Test
  void restore_identityOnnxGeneratorWithYuNet_returnsInputImage() throws IOException {
    for (String image : List.of("astronaut.png", "grace_hopper.jpg", "solvay_conference_1927.png")) {
      BufferedImage input = ImageIO.read(SharedData.image(image).toFile());
      try (FaceRestorer restorer = restorer(testModel("identity-512.onnx"))) {
        RestoreResult result = restorer.restore(input);
        assertTrue(result.faces().size() >= 1, image + ": no face found");
        double psnr = ImageMetrics.psnr(input, result.image());
        assertTrue(psnr >= 40, image + ": PSNR " + psnr + " dB < 40 dB");
        assertOutsideCropsUnchanged(input, result, 512);
      }
    }
  }

  @Test
  void restore_randomWeightGpen256_changesFacesAndKeepsBackground() throws IOException {
    for (String image : List.of("astronaut.png", "solvay_conference_1927.png")) {
      BufferedImage input = ImageIO.read(SharedData.image(image).toFile());
      try (FaceRestorer restorer = restorer(SharedData.randomGpen256())) {
        assertEquals(256, restorer.modelSize());
        RestoreResult result = restorer.restore(input);
        assertTrue(result.faces().size() >= (image.startsWith("solvay") ? 20 : 1), image + ": too few faces");
        assertOutsideCropsUnchanged(input, result, 256);
        for (RestoredFace f : result.faces()) {
          assertTrue(f.enhanced());
          int cx = (int) f.box().center().x();
          int cy = (int) f.box().center().y();
          // The random generator paints noise: the face centre must not be the input any more.
          int changed = 0;
          for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) {
              if (input.getRGB(cx + dx, cy + dy) != result.image().getRGB(cx + dx, cy + dy)) {
                changed++;
              }
            }
          }
          assertTrue(changed >= 20, image + ": face at " + f.box() + " barely changed (" + changed + "/25)");
        }
      }
    }
  }

  /** Pixels outside every face crop (where every mask is 0) are bit-identical to the input. */
  private static void assertOutsideCropsUnchanged(BufferedImage input, RestoreResult result, int size) {
    int changedOutside = 0;
    for (int y = 0; y < input.getHeight(); y++) {
      for (int x = 0; x < input.getWidth(); x++) {
        boolean covered = false;
        for (RestoredFace f : result.faces()) {
          Point q = f.alignment().apply(new Point(x, y));
          if (q.x() > -1 && q.y() > -1 && q.x() < size && q.y() < size) {
            covered = true;
            break;
          }
        }
        if (!covered && input.getRGB(x, y) != result.image().getRGB(x, y)) {
          changedOutside++;
        }
      }
    }
    assertEquals(0, changedOutside, "pixels changed outside every face crop");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(DetectorType.class)
  void align_astronautToGpenTemplate_detectorFindsLandmarksOnTemplate(DetectorType type) throws IOException {
    BufferedImage photo = ImageIO.read(SharedData.image("astronaut.png").toFile());
    OnnxBackend backend = new OnnxBackend();
    Path model = switch (type) {
      case YUNET -> SharedData.yunet();
      case SCRFD -> SharedData.scrfd();
      case RETINAFACE -> SharedData.retinaface();
    };
    try (ModelSession session = backend.open(ModelSource.of(model), SessionSettings.DEFAULTS)) {
      FaceDetector detector = FaceDetectors.create(type, session, 0.5);
      List<DetectedFace> faces = detector.detect(photo);
      assertEquals(1, faces.size());
      int size = 512;
      Landmarks template = AlignmentTemplate.GPEN.landmarks(size);
      SimilarityTransform toCrop =
          SimilarityTransform.estimate(faces.get(0).landmarks().points(), template.points());
      FloatImage crop = AffineWarp.warp(RgbaImage.fromBufferedImage(photo), toCrop, size);
      List<DetectedFace> again = detector.detect(toBufferedImage(crop));
      assertEquals(1, again.size(), "face not found again in the aligned crop");
      List<Point> found = again.get(0).landmarks().points();
      List<Point> mapped = faces.get(0).landmarks().transform(toCrop).points();
      double limit = 0.04 * size;
      double sumToTemplate = 0;
      for (int i = 0; i < Landmarks.COUNT; i++) {
        // Geometry: the crop shows each landmark where the alignment transform says it is.
        double toMapped = found.get(i).distanceTo(mapped.get(i));
        assertTrue(toMapped <= limit, type + " landmark " + i + " is " + toMapped + " px from its mapped position");
        sumToTemplate += found.get(i).distanceTo(template.points().get(i));
      }
      // The eyes, which fix rotation and scale, land on the template's eyes.
      for (int i = 0; i < 2; i++) {
        double err = found.get(i).distanceTo(template.points().get(i));
        assertTrue(err <= limit, type + " eye " + i + " is " + err + " px from the template (> 4% of " + size + ")");
      }
      // Nose and mouth cannot all be within 4%: a least-squares similarity leaves this face's smile
      // and head turn 14-22 px (3-4%) from GPEN's template before any re-detection. On average
      // the five points are within 4%.
      double mean = sumToTemplate / Landmarks.COUNT;
      assertTrue(mean <= limit, type + ": mean landmark distance to the template " + mean + " px > 4% of " + size);
    }
  }

  private static BufferedImage toBufferedImage(FloatImage crop) {
    int s = crop.width();
    BufferedImage img = new BufferedImage(s, s, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < s; y++) {
      for (int x = 0; x < s; x++) {
        int r = Math.round(crop.get(0, x, y));
        int g = Math.round(crop.get(1, x, y));
        int b = Math.round(crop.get(2, x, y));
        img.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    return img;
  }

  @Test
  void build_detectorGivenAsGenerator_failsNamingFileAndShapes() {
    ModelException e = assertThrows(ModelException.class, () -> restorer(SharedData.yunet()));
    assertTrue(e.getMessage().contains("face_detection_yunet_2023mar.onnx"), e.getMessage());
    assertTrue(e.getMessage().contains("[1,3,S,S]"), e.getMessage());
    assertTrue(e.getMessage().contains("cls_8"), e.getMessage());
  }

  @Test
  void build_nonOnnxGenerator_failsNamingFile() throws IOException {
    Path bogus = tmp.resolve("not-a-model.onnx");
    Files.write(bogus, "this is not an ONNX model".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    ModelException e = assertThrows(ModelException.class, () -> restorer(bogus));
    assertTrue(e.getMessage().contains("not-a-model.onnx"), e.getMessage());
  }

  @Test
  void build_missingGenerator_failsNamingPath() {
    Path missing = tmp.resolve("GPEN-BFR-512.onnx");
    ModelException e = assertThrows(ModelException.class, () -> restorer(missing));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }

  @Test
  void build_generatorGivenAsDetector_failsNamingExpectedOutputs() {
    ModelException e = assertThrows(ModelException.class, () -> FaceRestorer.builder()
        .backend("onnx")
        .generator(SharedData.randomGpen256())
        .detector(DetectorType.YUNET, SharedData.randomGpen256())
        .build());
    assertTrue(e.getMessage().contains("GPEN-BFR-256-randw.onnx"), e.getMessage());
  }
}
