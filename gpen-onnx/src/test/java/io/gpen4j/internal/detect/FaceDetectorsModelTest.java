package io.gpen4j.internal.detect;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.BoundingBox;
import io.gpen4j.DetectedFace;
import io.gpen4j.DetectorType;
import io.gpen4j.FaceDetector;
import io.gpen4j.Landmarks;
import io.gpen4j.ModelException;
import io.gpen4j.onnx.OnnxBackend;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.testing.SharedData;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The three detectors on the real models (through ONNX Runtime) and the shared photographs.
 *
 * <p>Thresholds: 0.5 for SCRFD and RetinaFace. YuNet's score is the geometric mean
 * {@code sqrt(cls * obj)}, which sits higher on background than a single sigmoid: on the Solvay
 * photograph foliage scores 0.59 while every real face scores at least 0.82, so YuNet is tested
 * at 0.7 (OpenCV's own YuNet demo uses 0.9).
 */
final class FaceDetectorsModelTest {
  private static final int SOLVAY_FACES = 29;
  private static final Map<DetectorType, ModelSession> SESSIONS = new EnumMap<>(DetectorType.class);

  @AfterAll
  static void closeSessions() {
    SESSIONS.values().forEach(ModelSession::close);
    SESSIONS.clear();
  }

  private static synchronized ModelSession session(DetectorType type) {
    return SESSIONS.computeIfAbsent(type, t -> open(modelFile(t)));
  }

  private static ModelSession open(Path model) {
    return new OnnxBackend().open(ModelSource.of(model), SessionSettings.DEFAULTS);
  }

  private static Path modelFile(DetectorType type) {
    switch (type) {
      case YUNET:
        return SharedData.yunet();
      case SCRFD:
        return SharedData.scrfd();
      default:
        return SharedData.retinaface();
    }
  }

  static double threshold(DetectorType type) {
    return type == DetectorType.YUNET ? 0.7 : 0.5;
  }

  private static FaceDetector detector(DetectorType type) {
    return FaceDetectors.create(type, session(type), threshold(type));
  }

  private static BufferedImage image(String name) {
    try {
      return ImageIO.read(SharedData.image(name).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest
  @EnumSource(DetectorType.class)
  void detect_astronaut_findsOneFace(DetectorType type) {
    List<DetectedFace> faces = detector(type).detect(image("astronaut.png"));
    assertEquals(1, faces.size(), () -> type + " on astronaut.png: " + faces);
  }

  @ParameterizedTest
  @EnumSource(DetectorType.class)
  void detect_graceHopper_findsOneFace(DetectorType type) {
    List<DetectedFace> faces = detector(type).detect(image("grace_hopper.jpg"));
    assertEquals(1, faces.size(), () -> type + " on grace_hopper.jpg: " + faces);
  }

  @ParameterizedTest
  @EnumSource(DetectorType.class)
  void detect_coffee_findsNoFace(DetectorType type) {
    List<DetectedFace> faces = detector(type).detect(image("no_face_coffee.png"));
    assertEquals(List.of(), faces, type + " on no_face_coffee.png");
  }

  @ParameterizedTest
  @EnumSource(DetectorType.class)
  void detect_solvay_findsAtLeast26OfThe29Faces(DetectorType type) {
    List<DetectedFace> faces = detector(type).detect(image("solvay_conference_1927.png"));
    assertTrue(faces.size() >= 26 && faces.size() <= SOLVAY_FACES,
        () -> type + " found " + faces.size() + " faces on solvay_conference_1927.png");
  }

  /** Two independent models agreeing on a box is the evidence that a detection is a real face. */
  @ParameterizedTest
  @EnumSource(DetectorType.class)
  void detect_solvay_facesAreConfirmedByBothOtherDetectors(DetectorType type) {
    BufferedImage solvay = image("solvay_conference_1927.png");
    List<DetectedFace> faces = detector(type).detect(solvay);
    for (DetectorType other : DetectorType.values()) {
      if (other == type) {
        continue;
      }
      List<DetectedFace> others = detector(other).detect(solvay);
      long confirmed = faces.stream()
          .filter(f -> others.stream().anyMatch(o -> o.box().iou(f.box()) > 0.5))
          .count();
      assertTrue(confirmed >= 26, () -> other + " confirms only " + confirmed + " of " + type + "'s " + faces.size());
    }
  }

  @ParameterizedTest
  @EnumSource(DetectorType.class)
  void detect_realPhotos_landmarksAreAnatomicallyOrderedInsideTheBox(DetectorType type) {
    FaceDetector detector = detector(type);
    List<DetectedFace> faces = new ArrayList<>();
    for (String name : List.of("astronaut.png", "grace_hopper.jpg", "solvay_conference_1927.png")) {
      faces.addAll(detector.detect(image(name)));
    }
    assertTrue(faces.size() >= 28, "faces to check: " + faces.size());
    for (DetectedFace face : faces) {
      Landmarks l = face.landmarks();
      BoundingBox box = face.box();
      double eyesY = Math.max(l.leftEye().y(), l.rightEye().y());
      double mouthY = Math.min(l.leftMouth().y(), l.rightMouth().y());
      assertAll(type + " " + face,
          () -> l.points().forEach(p -> assertTrue(box.contains(p), "landmark " + p + " outside the box")),
          () -> assertTrue(l.leftEye().x() < l.rightEye().x(), "left eye is not left of the right eye"),
          () -> assertTrue(l.leftMouth().x() < l.rightMouth().x(), "left mouth corner is not left of the right"),
          () -> assertTrue(l.nose().y() > eyesY, "nose is not below the eyes"),
          () -> assertTrue(l.nose().y() < mouthY, "nose is not above the mouth corners"),
          () -> assertTrue(face.score() >= threshold(type) && face.score() <= 1, "score " + face.score()));
    }
  }

  @Test
  void detect_astronaut_detectorsAgreeOnBoxAndEyes() {
    BufferedImage astronaut = image("astronaut.png");
    Map<DetectorType, DetectedFace> faces = new EnumMap<>(DetectorType.class);
    for (DetectorType type : DetectorType.values()) {
      List<DetectedFace> found = detector(type).detect(astronaut);
      assertEquals(1, found.size(), type + ": " + found);
      faces.put(type, found.get(0));
    }
    for (DetectorType a : DetectorType.values()) {
      for (DetectorType b : DetectorType.values()) {
        if (a.ordinal() >= b.ordinal()) {
          continue;
        }
        DetectedFace fa = faces.get(a);
        DetectedFace fb = faces.get(b);
        double size = (fa.box().width() + fa.box().height() + fb.box().width() + fb.box().height()) / 4;
        assertAll(a + " vs " + b + ": " + fa + " / " + fb,
            () -> assertTrue(fa.box().iou(fb.box()) > 0.6, "box IoU " + fa.box().iou(fb.box())),
            () -> assertTrue(fa.landmarks().leftEye().distanceTo(fb.landmarks().leftEye()) < 0.05 * size,
                "left eyes differ by " + fa.landmarks().leftEye().distanceTo(fb.landmarks().leftEye())),
            () -> assertTrue(fa.landmarks().rightEye().distanceTo(fb.landmarks().rightEye()) < 0.05 * size,
                "right eyes differ by " + fa.landmarks().rightEye().distanceTo(fb.landmarks().rightEye())));
      }
    }
  }

  static Stream<Arguments> wrongModels() {
    return Stream.of(
        Arguments.of(DetectorType.YUNET, SharedData.randomGpen256(), "cls_8"),
        Arguments.of(DetectorType.SCRFD, SharedData.yunet(), "9 outputs"),
        Arguments.of(DetectorType.RETINAFACE, SharedData.scrfd(), "3 outputs"),
        Arguments.of(DetectorType.YUNET, SharedData.retinaface(), "cls_8"));
  }

  @ParameterizedTest
  @MethodSource("wrongModels")
  void create_wrongModelForType_throwsModelExceptionNamingExpectedAndActual(
      DetectorType type, Path model, String expectedText) {
    try (ModelSession wrong = open(model)) {
      ModelException e = assertThrows(ModelException.class, () -> FaceDetectors.create(type, wrong, 0.5));
      String message = e.getMessage();
      assertAll(message,
          () -> assertTrue(message.contains(type.toString()), "names the detector type"),
          () -> assertTrue(message.contains("expected") && message.contains(expectedText), "names what was expected"),
          () -> assertTrue(message.contains("the file has inputs " + wrong.inputs()), "names the actual inputs"),
          () -> assertTrue(message.contains("outputs " + wrong.outputs()), "names the actual outputs"));
    }
  }

  @ParameterizedTest
  @EnumSource(DetectorType.class)
  void detect_fromFourThreads_givesIdenticalResults(DetectorType type) throws Exception {
    FaceDetector detector = detector(type);
    List<BufferedImage> images = List.of(image("solvay_conference_1927.png"), image("astronaut.png"),
        image("grace_hopper.jpg"), image("no_face_coffee.png"));
    List<List<DetectedFace>> expected = new ArrayList<>();
    for (BufferedImage im : images) {
      expected.add(detector.detect(im));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<List<DetectedFace>>>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int first = t;
        runs.add(pool.submit(() -> {
          List<List<DetectedFace>> results = new ArrayList<>();
          for (int i = 0; i < 2 * images.size(); i++) {
            results.add(detector.detect(images.get((first + i) % images.size())));
          }
          return results;
        }));
      }
      for (int t = 0; t < 4; t++) {
        List<List<DetectedFace>> results = runs.get(t).get();
        for (int i = 0; i < results.size(); i++) {
          assertEquals(expected.get((t + i) % images.size()), results.get(i), "thread " + t + " call " + i);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Every pixel layout, and a sub-image that shares its parent's buffer, must be read alike. */
  @ParameterizedTest
  @EnumSource(DetectorType.class)
  void detect_anyImageType_findsTheSameFaces(DetectorType type) {
    FaceDetector detector = detector(type);
    BufferedImage source = image("grace_hopper.jpg");
    List<DetectedFace> expected = detector.detect(convert(source, BufferedImage.TYPE_INT_RGB));
    for (int imageType : new int[] {BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_3BYTE_BGR,
        BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_INT_BGR}) {
      assertEquals(expected, detector.detect(convert(source, imageType)), "image type " + imageType);
    }
    BufferedImage padded =
        new BufferedImage(source.getWidth() + 40, source.getHeight() + 30, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = padded.createGraphics();
    g.drawImage(source, 40, 30, null);
    g.dispose();
    assertEquals(expected, detector.detect(padded.getSubimage(40, 30, source.getWidth(), source.getHeight())),
        "sub-image");
  }

  private static BufferedImage convert(BufferedImage source, int type) {
    BufferedImage out = new BufferedImage(source.getWidth(), source.getHeight(), type);
    Graphics2D g = out.createGraphics();
    g.drawImage(source, 0, 0, null);
    g.dispose();
    return out;
  }
}
