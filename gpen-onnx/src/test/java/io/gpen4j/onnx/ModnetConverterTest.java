package io.gpen4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.Matte;
import io.gpen4j.MattingStage;
import io.gpen4j.PortraitMatter;
import io.gpen4j.models.MattingFamily;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.spi.Tensor;
import io.gpen4j.testing.Prerequisites;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports MODNet with random weights through {@code convert.py --arch modnet}, checks it in ONNX
 * Runtime against PyTorch, and runs it as a {@link PortraitMatter} on the check's 8-bit image, whose
 * size MODNet's rule keeps (96x512), so the stage's matte must be PyTorch's. Needs Debian's
 * python3-torch and python3-onnx: skipped without them on a developer's machine, failed under
 * {@code CI=true}.
 */
final class ModnetConverterTest {
  private static final int WIDTH = 96;
  private static final int HEIGHT = 512;
  /** A matte in [0, 1] from float32 convolutions in two runtimes. */
  private static final float MAX_ABS_DIFFERENCE = 1e-4f;

  @Test
  void randomWeightModnet_matchesPyTorch_andIsThePortraitMattersMatte(@TempDir Path dir) {
    Optional<String> python = ConverterScript.findPython(dir);
    Prerequisites.require(python.isPresent(), "no python with torch and onnx (apt-get install python3-torch "
        + "python3-onnx python3-numpy, or point -Dgpen4j.python at one)");
    Path onnx = dir.resolve("modnet-randw.onnx");

    ConverterScript.Result result = ConverterScript.convert(python.get(),
        List.of("--arch", "modnet", "--random-weights", "--seed", "0", "--onnx", onnx.toString(), "--check"), dir);

    assertEquals(0, result.exitCode(), result.output());
    assertEquals(6_487_075, result.parameterCount());
    float[] input = ConverterScript.readFloats(Path.of(onnx + ".check-input.bin"));
    float[] expected = ConverterScript.readFloats(Path.of(onnx + ".check-output.bin"));
    assertEquals(WIDTH * HEIGHT, expected.length);
    try (ModelSession session = new OnnxBackend().open(ModelSource.of(onnx), SessionSettings.DEFAULTS)) {
      assertArrayEquals(new long[] {-1, 3, -1, -1}, session.inputs().get(0).shape());
      assertArrayEquals(new long[] {-1, 1, -1, -1}, session.outputs().get(0).shape());
      float[] actual = session.run(Map.of("input", Tensor.wrap(input, 1, 3, HEIGHT, WIDTH))).get("output").toArray();
      assertClose(expected, actual, "ONNX Runtime vs PyTorch");
    }

    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    int plane = WIDTH * HEIGHT;
    for (int i = 0; i < plane; i++) {
      // The check input is an 8-bit image normalised as (v - 127.5) / 127.5: undo it exactly.
      int r = Math.round(input[i] * 127.5f + 127.5f);
      int g = Math.round(input[plane + i] * 127.5f + 127.5f);
      int b = Math.round(input[2 * plane + i] * 127.5f + 127.5f);
      image.setRGB(i % WIDTH, i / WIDTH, r << 16 | g << 8 | b);
    }
    try (PortraitMatter matter = PortraitMatter.builder(MattingStage.of(onnx, MattingFamily.MODNET))
        .backend("onnx").build()) {
      Matte matte = matter.matte(image);
      assertEquals(WIDTH, matte.width());
      assertEquals(HEIGHT, matte.height());
      assertClose(expected, matte.alpha(), "PortraitMatter vs PyTorch");
    }
  }

  private static void assertClose(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": value count");
    float worst = 0;
    for (int i = 0; i < expected.length; i++) {
      float d = Math.abs(expected[i] - actual[i]);
      worst = Float.isNaN(d) ? Float.NaN : Math.max(worst, d);
    }
    assertTrue(worst <= MAX_ABS_DIFFERENCE, what + ": max abs difference " + worst);
  }
}
