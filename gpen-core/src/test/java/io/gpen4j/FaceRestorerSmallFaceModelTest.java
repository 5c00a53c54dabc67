package io.gpen4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.internal.image.FloatImage;
import io.gpen4j.internal.image.GaussianBlur;
import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.testing.JavaTestBackend;
import io.gpen4j.testing.SharedData;
import io.gpen4j.testing.TestImages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A restorer with a small-face model: each face goes to the model its paste size says (the crop's
 * side in output pixels against the threshold), faces of each model are batched together, the
 * result keeps the faces' order, and with identity generators of both sizes every face lands back
 * where it was (the paste geometry of each size).
 */
final class FaceRestorerSmallFaceModelTest {
  @TempDir Path tmp;

  /** The eye distance of the GPEN template in a crop of side {@code size}. */
  private static double templateEyes(int size) {
    Landmarks t = AlignmentTemplate.GPEN.landmarks(size);
    return t.leftEye().distanceTo(t.rightEye());
  }

  private FaceRestorer restorer(JavaTestBackend backend, String large, String small, int threshold) {
    GeneratorStage stage = GeneratorStage.of(JavaTestBackend.writeModel(tmp, large));
    ModelSource smallModel = ModelSource.of(JavaTestBackend.writeModel(tmp, small));
    stage = threshold > 0 ? stage.withSmallFaceModel(smallModel, threshold) : stage.withSmallFaceModel(smallModel);
    return FaceRestorer.builder()
        .backend(backend)
        .generator(stage)
        .detector(DetectorStage.of(img -> List.of()))
        .limits(Limits.defaults().withMaxBatchSize(4))
        .build();
  }

  /** Faces of random sizes and scales: each goes where its paste size says, aligned to that model's crop. */
  @ParameterizedTest
  @CsvSource({"1, 0, 11", "2, 0, 12", "1, 200, 13", "2, 300, 14", "1, 600, 15"})
  void restore_eachFaceGoesToTheModelItsPasteSizeSays(int upscale, int threshold, long seed) {
    Random rnd = new Random(seed);
    JavaTestBackend backend = new JavaTestBackend();
    int below = threshold > 0 ? threshold : 256;
    try (FaceRestorer restorer = restorer(backend, "shape -1,3,512,512", "shape -1,3,256,256", threshold)) {
      List<DetectedFace> faces = new ArrayList<>();
      List<Double> eyes = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        double e = 8 + rnd.nextDouble() * 120;
        eyes.add(e);
        faces.add(FaceRestorerTest.randomFace(rnd, 600, 400, e));
      }
      RestoreResult result = restorer.restore(new java.awt.image.BufferedImage(600, 400,
          java.awt.image.BufferedImage.TYPE_INT_RGB), faces, RestoreOptions.builder().upscale(upscale).build());
      assertEquals(faces.size(), result.faces().size());
      int small = 0;
      for (int i = 0; i < faces.size(); i++) {
        RestoredFace f = result.faces().get(i);
        assertEquals(faces.get(i), f.detection(), "faces keep their order");
        // The crop's side in output pixels: the face's eye distance over the template's share of the crop.
        double pasteSize = upscale * eyes.get(i) * 512 / templateEyes(512);
        int expected = pasteSize < below ? 256 : 512;
        small += expected == 256 ? 1 : 0;
        assertEquals(expected, f.modelSize(), "face " + i + " pasted at " + pasteSize + " px");
        assertTrue(f.model().endsWith(".javamodel"), f.model());
        assertEquals(templateEyes(expected) / eyes.get(i), f.alignment().scale(), 1e-9,
            "face " + i + " is aligned to the crop of the model that ran");
      }
      int large = faces.size() - small;
      assertEquals((small + 3) / 4 + (large + 3) / 4, backend.runs(), small + " small and " + large
          + " large faces, each model's in batches of 4");
    }
  }

  @Test
  void restore_defaultThresholdIsTheSmallModelsSide() {
    double eyes256 = templateEyes(512) * 255.0 / 512;
    double eyes257 = templateEyes(512) * 257.0 / 512;
    try (FaceRestorer restorer = restorer(new JavaTestBackend(), "identity 512", "identity 256", 0)) {
      List<DetectedFace> faces = List.of(FaceRestorerTest.randomFace(new Random(1), 800, 800, eyes256),
          FaceRestorerTest.randomFace(new Random(2), 800, 800, eyes257));
      RestoreResult result = restorer.restore(new java.awt.image.BufferedImage(800, 800,
          java.awt.image.BufferedImage.TYPE_INT_RGB), faces, RestoreOptions.DEFAULTS);
      assertEquals(256, result.faces().get(0).modelSize(), "pasted at 255 px");
      assertEquals(512, result.faces().get(1).modelSize(), "pasted at 257 px");
    }
  }

  /**
   * Identity generators of both sizes: every face, whichever model ran on it, is pasted back onto
   * itself, so the output equals the (smooth) input wherever a face was.
   */
  @ParameterizedTest
  @CsvSource({"1, 21", "2, 22"})
  void restore_identityModelsOfBothSizes_pasteEveryFaceBackInPlace(int upscale, long seed) throws IOException {
    RgbaImage photo = smoothPhoto();
    Random rnd = new Random(seed);
    // One face well below the threshold, one well above.
    List<DetectedFace> faces = List.of(
        FaceRestorerTest.randomFace(rnd, photo.width(), photo.height(), templateEyes(512) * 120 / 512 / upscale),
        FaceRestorerTest.randomFace(rnd, photo.width(), photo.height(), templateEyes(512) * 400 / 512 / upscale));
    RestoreOptions options = RestoreOptions.builder().upscale(upscale).colorMatching(false).build();
    try (FaceRestorer restorer = restorer(new JavaTestBackend(), "identity 512", "identity 256", 0)) {
      RestoreResult result = restorer.restore(photo.toBufferedImage(), faces, options);
      assertEquals(256, result.faces().get(0).modelSize());
      assertEquals(512, result.faces().get(1).modelSize());
      RgbaImage out = RgbaImage.fromBufferedImage(result.image());
      RgbaImage background = upscale == 1 ? photo
          : io.gpen4j.internal.image.ImageResize.resize(photo, photo.width() * upscale, photo.height() * upscale);
      for (RestoredFace f : result.faces()) {
        double err = meanError(out, background, f.alignment(), f.modelSize(), upscale);
        assertTrue(err < 1.5, f.modelSize() + " px model: mean error " + err + " over the face's crop centre");
      }
    }
  }

  /**
   * {@link RestoreOptions.Builder#smallFaceModelForAll}: a face pasted well above the threshold goes
   * to the small model too, aligned to the small model's crop of the same face region, so identity
   * models still paste it back onto itself (its geometry does not move when its model changes).
   */
  @ParameterizedTest
  @CsvSource({"1, 31", "2, 32"})
  void restore_smallFaceModelForAll_sendsEveryFaceToTheSmallModel_inPlace(int upscale, long seed)
      throws IOException {
    RgbaImage photo = smoothPhoto();
    Random rnd = new Random(seed);
    List<DetectedFace> faces = List.of(
        FaceRestorerTest.randomFace(rnd, photo.width(), photo.height(), templateEyes(512) * 120 / 512 / upscale),
        FaceRestorerTest.randomFace(rnd, photo.width(), photo.height(), templateEyes(512) * 400 / 512 / upscale));
    RestoreOptions options = RestoreOptions.builder().upscale(upscale).colorMatching(false)
        .smallFaceModelForAll(true).build();
    assertTrue(options.toBuilder().build().smallFaceModelForAll(), "toBuilder keeps it");
    assertTrue(options.toString().contains("smallFaceModelForAll=true"), options.toString());
    try (FaceRestorer restorer = restorer(new JavaTestBackend(), "identity 512", "identity 256", 0)) {
      RestoreResult result = restorer.restore(photo.toBufferedImage(), faces, options);
      RgbaImage out = RgbaImage.fromBufferedImage(result.image());
      RgbaImage background = upscale == 1 ? photo
          : io.gpen4j.internal.image.ImageResize.resize(photo, photo.width() * upscale, photo.height() * upscale);
      assertEquals(256, restorer.smallFaceModelSize());
      for (int i = 0; i < faces.size(); i++) {
        RestoredFace f = result.faces().get(i);
        assertEquals(256, f.modelSize(), "face " + i + " goes to the small model");
        assertEquals(templateEyes(256) / faces.get(i).landmarks().leftEye().distanceTo(
            faces.get(i).landmarks().rightEye()), f.alignment().scale(), 1e-9, "aligned to the small model's crop");
        double err = meanError(out, background, f.alignment(), 256, upscale);
        assertTrue(err < 1.5, "face " + i + ": mean error " + err + " over the face's crop centre");
      }
    }
  }

  /** Without a small-face model, {@code smallFaceModelForAll} changes nothing: same model, same pixels. */
  @Test
  void restore_smallFaceModelForAll_withoutASmallModel_changesNothing() throws IOException {
    RgbaImage photo = smoothPhoto();
    Random rnd = new Random(41);
    List<DetectedFace> faces = List.of(
        FaceRestorerTest.randomFace(rnd, photo.width(), photo.height(), templateEyes(512) * 120 / 512),
        FaceRestorerTest.randomFace(rnd, photo.width(), photo.height(), templateEyes(512) * 400 / 512));
    RestoreOptions off = RestoreOptions.builder().colorMatching(false).build();
    try (FaceRestorer restorer = FaceRestorer.builder()
        .backend(new JavaTestBackend())
        .generator(GeneratorStage.of(JavaTestBackend.writeModel(tmp, "identity 512")))
        .detector(DetectorStage.of(img -> List.of()))
        .build()) {
      assertEquals(0, restorer.smallFaceModelSize());
      RestoreResult plain = restorer.restore(photo.toBufferedImage(), faces, off);
      RestoreResult forced = restorer.restore(photo.toBufferedImage(), faces,
          off.toBuilder().smallFaceModelForAll(true).build());
      for (int i = 0; i < faces.size(); i++) {
        assertEquals(512, forced.faces().get(i).modelSize());
        assertEquals(plain.faces().get(i).alignment(), forced.faces().get(i).alignment());
      }
      RgbaImage a = RgbaImage.fromBufferedImage(plain.image());
      RgbaImage b = RgbaImage.fromBufferedImage(forced.image());
      int differing = 0;
      for (int y = 0; y < a.height(); y++) {
        for (int x = 0; x < a.width(); x++) {
          differing += a.argb(x, y) == b.argb(x, y) ? 0 : 1;
        }
      }
      assertEquals(0, differing, "pixels that differ");
    }
  }

  @Test
  void build_smallModelNotSmaller_failsNamingBothSizes() {
    ModelException e = assertThrows(ModelException.class,
        () -> restorer(new JavaTestBackend(), "identity 256", "identity 256", 0));
    assertTrue(e.getMessage().contains("256 px crops, not fewer than the generator"), e.getMessage());
  }

  @Test
  void withSmallFaceModel_rejectsAThresholdBelowOne() {
    GeneratorStage stage = GeneratorStage.of(Path.of("large.onnx"));
    assertThrows(IllegalArgumentException.class, () -> stage.withSmallFaceModel(ModelSource.of(Path.of("s.onnx")), 0));
  }

  /** A real photo, blurred so that bilinear and bicubic reads agree. */
  private static RgbaImage smoothPhoto() throws IOException {
    RgbaImage photo = RgbaImage.fromBufferedImage(ImageIO.read(SharedData.image("grace_hopper.jpg").toFile()));
    FloatImage blurred = GaussianBlur.blur(TestImages.planar(photo), 2.0, 6);
    return TestImages.toRgba(blurred);
  }

  /** The mean absolute difference over the output pixels that map into the crop's central half. */
  private static double meanError(RgbaImage out, RgbaImage expected, SimilarityTransform toCrop, int size,
      int upscale) {
    double sum = 0;
    int n = 0;
    for (int y = 0; y < out.height(); y++) {
      for (int x = 0; x < out.width(); x++) {
        Point q = toCrop.apply(new Point((x + 0.5) / upscale - 0.5, (y + 0.5) / upscale - 0.5));
        if (q.x() < size / 4.0 || q.x() > size * 0.75 || q.y() < size / 4.0 || q.y() > size * 0.75) {
          continue;
        }
        for (int c = 1; c <= 3; c++) {
          sum += Math.abs(TestImages.channel(out.argb(x, y), c) - TestImages.channel(expected.argb(x, y), c));
          n++;
        }
      }
    }
    assertTrue(n > 300, "too few pixels measured: " + n);
    return sum / n;
  }
}
