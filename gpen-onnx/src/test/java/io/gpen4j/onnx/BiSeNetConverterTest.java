package io.gpen4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.DetectorType;
import io.gpen4j.FaceMask;
import io.gpen4j.FaceRestorer;
import io.gpen4j.RestoreOptions;
import io.gpen4j.RestoreResult;
import io.gpen4j.RestoredFace;
import io.gpen4j.models.ParserFamily;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.spi.Tensor;
import io.gpen4j.testing.Prerequisites;
import io.gpen4j.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports BiSeNet (ResNet-18, facexlib's architecture) with random weights through
 * {@code convert.py --arch bisenet}, checks it in ONNX Runtime against PyTorch, and runs it as the
 * face parser of a whole restoration on a real photo. Needs Debian's python3-torch and
 * python3-onnx: skipped without them on a developer's machine, failed under {@code CI=true}.
 */
final class BiSeNetConverterTest {
  /** Random-weight logits reach about +-80; float32 convolutions in two runtimes. */
  private static final float MAX_ABS_DIFFERENCE = 2e-2f;

  @Test
  void randomWeightBiSeNet_matchesPyTorchAndPastesAPhotosFaces(@TempDir Path dir) throws IOException {
    Optional<String> python = ConverterScript.findPython(dir);
    Prerequisites.require(python.isPresent(), "no python with torch and onnx (apt-get install python3-torch "
        + "python3-onnx python3-numpy, or point -Dgpen4j.python at one)");
    Path onnx = dir.resolve("bisenet-randw.onnx");

    ConverterScript.Result result = ConverterScript.convert(python.get(),
        List.of("--arch", "bisenet", "--random-weights", "--seed", "0", "--onnx", onnx.toString(), "--check"), dir);

    assertEquals(0, result.exitCode(), result.output());
    try (ModelSession session = new OnnxBackend().open(ModelSource.of(onnx), SessionSettings.DEFAULTS)) {
      assertArrayEquals(new long[] {1, 3, 512, 512}, session.inputs().get(0).shape());
      assertArrayEquals(new long[] {1, 19, 512, 512}, session.outputs().get(0).shape());
      float[] input = ConverterScript.readFloats(Path.of(onnx + ".check-input.bin"));
      float[] expected = ConverterScript.readFloats(Path.of(onnx + ".check-output.bin"));
      float[] actual = session.run(Map.of("input", Tensor.wrap(input, 1, 3, 512, 512))).get("output").toArray();
      assertEquals(expected.length, actual.length);
      float worst = 0;
      for (int i = 0; i < expected.length; i++) {
        worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
      }
      assertTrue(worst <= MAX_ABS_DIFFERENCE, "ONNX Runtime vs PyTorch: max abs difference " + worst);
    }

    BufferedImage photo = ImageIO.read(SharedData.image("astronaut.png").toFile());
    try (FaceRestorer restorer = FaceRestorer.builder()
        .backend("onnx")
        .generator(TestModels.path(TestModels.CONV_256))
        .detector(DetectorType.YUNET, SharedData.yunet())
        .faceParser(onnx, ParserFamily.BISENET)
        .build()) {
      RestoreResult restored = restorer.restore(photo, RestoreOptions.builder().faceMask(FaceMask.PARSING).build());
      assertTrue(restored.faces().size() >= 1, "no face found");
      for (RestoredFace f : restored.faces()) {
        assertTrue(f.enhanced(), "face at " + f.box() + " not enhanced");
      }
      assertEquals(photo.getWidth(), restored.image().getWidth());
      assertEquals(photo.getHeight(), restored.image().getHeight());
    }
  }
}
