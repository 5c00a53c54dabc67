package io.gpen4j.onnx;

import io.gpen4j.onnxformat.testing.ModelBuilder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.DetectedFace;
import io.gpen4j.DetectorType;
import io.gpen4j.FaceDetector;
import io.gpen4j.FaceRestorer;
import io.gpen4j.ModelException;
import io.gpen4j.RestoreResult;
import io.gpen4j.RestoredFace;
import io.gpen4j.internal.detect.FaceDetectors;
import io.gpen4j.onnxformat.OnnxFields.DataType;
import io.gpen4j.onnxformat.OnnxFields.Model;
import io.gpen4j.onnxformat.OnnxFields.OpsetId;
import io.gpen4j.onnxformat.ProtoMessage;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.testing.ImageMetrics;
import io.gpen4j.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Broken and misbehaving models through the public API on ONNX Runtime: each broken file fails
 * {@code build()} with {@link ModelException} naming the file; a generator that returns NaN or
 * infinity never reaches the picture (the original face is kept and reported); a detector whose
 * faces lie outside the image changes nothing.
 */
final class OnnxBadModelReliabilityTest {
  @TempDir Path tmp;

  private static FaceRestorer.Builder builder(Path generator) {
    return FaceRestorer.builder()
        .backend("onnx")
        .generator(generator)
        .detector(DetectorType.YUNET, SharedData.yunet());
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path file = tmp.resolve(name);
    Files.write(file, bytes);
    return file;
  }

  private static void assertNamesFile(Exception e, Path file) {
    assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
  }

  @ParameterizedTest(name = "kept {0} of 1000")
  @ValueSource(ints = {1, 100, 500, 900, 999})
  void build_truncatedGenerator_failsWithModelExceptionNamingTheFile(int permille) throws IOException {
    byte[] whole = TestModels.conv256(1);
    Path cut = write("cut-" + permille + ".onnx", Arrays.copyOf(whole, Math.max(1, whole.length * permille / 1000)));
    ModelException e = assertThrows(ModelException.class, () -> builder(cut).build().close());
    assertNamesFile(e, cut);
  }

  @Test
  void build_truncatedDetector_failsWithModelExceptionNamingTheFile() throws IOException {
    byte[] yunet = Files.readAllBytes(SharedData.yunet());
    Path cut = write("yunet-cut.onnx", Arrays.copyOf(yunet, yunet.length / 2));
    ModelException e = assertThrows(ModelException.class, () -> FaceRestorer.builder()
        .backend("onnx")
        .generator(TestModels.path(TestModels.IDENTITY_256))
        .detector(DetectorType.YUNET, cut)
        .build()
        .close());
    assertNamesFile(e, cut);
  }

  @ParameterizedTest(name = "opset {0}")
  @ValueSource(longs = {999, 0})
  void build_generatorWithUnsupportedOpset_failsWithModelExceptionNamingTheFile(long opset) throws IOException {
    Path model = write("opset-" + opset + ".onnx", withOpset(TestModels.conv256(1), opset));
    ModelException e = assertThrows(ModelException.class, () -> builder(model).build().close());
    assertNamesFile(e, model);
  }

  @Test
  void build_generatorWithUnknownOperator_failsWithModelExceptionNamingTheFile() throws IOException {
    Path model = write("unknown-op.onnx", new ModelBuilder("unknown_op")
        .input("input", DataType.FLOAT, 1, 3, 256, 256)
        .output("output", DataType.FLOAT, 1, 3, 256, 256)
        .node("GpenMagicSharpen", List.of("input"), List.of("output"))
        .toByteArray());
    ModelException e = assertThrows(ModelException.class, () -> builder(model).build().close());
    assertNamesFile(e, model);
    assertTrue(e.getMessage().contains("GpenMagicSharpen"), e.getMessage());
  }

  @Test
  void build_generatorOfWrongInputRank_failsNamingExpectedAndActualShapes() {
    Path wrongRank = TestModels.path(TestModels.WRONG_RANK);
    ModelException e = assertThrows(ModelException.class, () -> builder(wrongRank).build().close());
    assertNamesFile(e, wrongRank);
    assertTrue(e.getMessage().contains("[1,3,S,S]") && e.getMessage().contains("[1,256]"), e.getMessage());
  }

  @ParameterizedTest(name = "output = input * {0}")
  @ValueSource(floats = {Float.NaN, Float.POSITIVE_INFINITY})
  void restore_generatorReturnsNaNOrInfinity_keepsTheOriginalFaceAndReportsIt(float factor) throws IOException {
    Path generator = write("bad-output.onnx", TestModels.scaled(256, factor));
    Path input = SharedData.image("astronaut.png");
    Path output = tmp.resolve("restored.png");
    try (FaceRestorer restorer = builder(generator).build()) {
      RestoreResult result = restorer.restore(input, output);

      assertEquals(1, result.faces().size(), "YuNet finds the astronaut");
      assertFalse(result.faces().get(0).enhanced(), "an unusable output must be reported");
      BufferedImage original = ImageIO.read(input.toFile());
      assertEquals(0, ImageMetrics.differingPixels(original, ImageIO.read(output.toFile())),
          "nothing of the generator's output may reach the written image");
    }
  }

  @Test
  void restore_realDetectionsMovedOutsideTheImage_areDroppedAndChangeNothing() throws IOException {
    BufferedImage input = ImageIO.read(SharedData.image("grace_hopper.jpg").toFile());
    try (ModelSession session = new OnnxBackend().open(ModelSource.of(SharedData.yunet()), SessionSettings.DEFAULTS)) {
      FaceDetector yunet = FaceDetectors.create(DetectorType.YUNET, session, 0.7);
      int[] found = {0};
      FaceDetector shifted = image -> {
        List<DetectedFace> real = yunet.detect(image);
        found[0] = real.size();
        double dx = image.getWidth() + 10;
        return real.stream()
            .map(f -> new DetectedFace(
                new io.gpen4j.BoundingBox(f.box().x() + dx, f.box().y(), f.box().width(), f.box().height()),
                f.landmarks().transform(io.gpen4j.SimilarityTransform.of(1, 0, dx, 0)), f.score()))
            .toList();
      };
      try (FaceRestorer restorer = FaceRestorer.builder()
          .backend("onnx")
          .generator(TestModels.path(TestModels.CONV_256))
          .faceDetector(shifted)
          .build()) {
        RestoreResult result = restorer.restore(input);
        assertTrue(found[0] >= 1, "YuNet must find Grace Hopper for the test to mean anything");
        assertEquals(List.<RestoredFace>of(), result.faces());
        assertEquals(0, ImageMetrics.differingPixels(input, result.image()));
      }
    }
  }

  /** The same model with its default-domain opset import replaced. */
  private static byte[] withOpset(byte[] model, long opset) {
    ProtoMessage parsed = ProtoMessage.parse(model);
    return parsed.toBuilder()
        .remove(Model.OPSET_IMPORT)
        .addMessage(Model.OPSET_IMPORT, ProtoMessage.builder()
            .addString(OpsetId.DOMAIN, "")
            .addVarint(OpsetId.VERSION, opset)
            .build())
        .build()
        .toByteArray();
  }
}
