package io.gpen4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.internal.image.FloatImage;
import io.gpen4j.internal.pipeline.FaceEnhancer;
import io.gpen4j.spi.ElementType;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.spi.Tensor;
import io.gpen4j.spi.TensorInfo;
import io.gpen4j.testing.Prerequisites;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports the real GPEN-BFR-256 architecture with random weights through
 * {@code models/convert/convert.py} and checks the file in ONNX Runtime against PyTorch's output.
 *
 * <p>Needs a Python with Debian's {@code python3-torch} and {@code python3-onnx}: skipped on a
 * developer's machine without them, failed under {@code CI=true} ({@code .ci/run} installs them).
 */
final class ConverterExportTest {
  /** GPEN-BFR-256's parameter count, shared/design/REFERENCE.md §2. */
  private static final long GPEN_BFR_256_PARAMETERS = 18_879_010L;
  private static final int SIZE = 256;
  /** ONNX Runtime vs PyTorch, both float32: different convolution algorithms, same maths. */
  private static final float FP32_MAX_ABS_DIFFERENCE = 1e-3f;
  /** A float16 graph vs the float32 PyTorch model; outputs lie in about [-1.5, 1.5]. */
  private static final float FP16_MAX_ABS_DIFFERENCE = 5e-2f;

  @TempDir static Path probeDir;
  private static Optional<String> python;

  @BeforeAll
  static void findPython() {
    python = ConverterScript.findPython(probeDir);
  }

  private static String requirePython() {
    Prerequisites.require(python.isPresent(), "no python with torch and onnx (apt-get install python3-torch "
        + "python3-onnx python3-numpy, or point -Dgpen4j.python at one)");
    return python.get();
  }

  @Test
  void randomWeightExport_gpenBfr256_hasReferenceParameterCountAndMatchesPyTorchInOnnxRuntime(@TempDir Path dir) {
    String py = requirePython();
    Path onnx = dir.resolve("GPEN-BFR-256-randw.onnx");

    ConverterScript.Result result = ConverterScript.convert(py,
        List.of("--preset", "GPEN-BFR-256", "--random-weights", "--seed", "0", "--onnx", onnx.toString(), "--check"),
        dir);

    assertEquals(0, result.exitCode(), result.output());
    assertEquals(GPEN_BFR_256_PARAMETERS, result.parameterCount(), result.output());
    try (ModelSession session = new OnnxBackend().open(ModelSource.of(onnx), SessionSettings.DEFAULTS)) {
      assertEquals(List.of("input"), session.inputs().stream().map(TensorInfo::name).toList());
      assertEquals(List.of("output"), session.outputs().stream().map(TensorInfo::name).toList());
      // A free batch: several faces per call.
      assertArrayEquals(new long[] {-1, 3, SIZE, SIZE}, session.inputs().get(0).shape());
      assertArrayEquals(new long[] {-1, 3, SIZE, SIZE}, session.outputs().get(0).shape());

      float[] input = ConverterScript.readFloats(Path.of(onnx + ".check-input.bin"));
      float[] expected = ConverterScript.readFloats(Path.of(onnx + ".check-output.bin"));
      float[] actual = session.run(Map.of("input", Tensor.wrap(input.clone(), 1, 3, SIZE, SIZE))).get("output").toArray();
      assertClose(expected, actual, FP32_MAX_ABS_DIFFERENCE, "ONNX Runtime vs PyTorch");

      FaceEnhancer enhancer = new FaceEnhancer(session, onnx.getFileName().toString());
      assertEquals(SIZE, enhancer.size());
      float[] pixels = new float[input.length];
      for (int i = 0; i < input.length; i++) {
        pixels[i] = (input[i] + 1f) * 127.5f;
      }
      FloatImage restored = enhancer.enhance(FloatImage.wrap(SIZE, SIZE, 3, pixels));
      assertNotNull(restored, "the enhancer rejected the output as not finite");
      float[] expectedPixels = new float[expected.length];
      for (int i = 0; i < expected.length; i++) {
        expectedPixels[i] = (Math.max(-1f, Math.min(1f, expected[i])) + 1f) * 127.5f;
      }
      // The crop round trip [-1,1] -> [0,255] -> [-1,1] adds float rounding on top of the model's.
      assertClose(expectedPixels, restored.data(), 127.5f * FP32_MAX_ABS_DIFFERENCE + 0.01f, "enhanced crop");

      // A batch of three (the checked input, its mirror image, its negative) gives what three
      // calls give.
      int n = input.length;
      float[] three = new float[3 * n];
      for (int i = 0; i < n; i++) {
        three[i] = input[i];
        three[n + i] = input[n - 1 - i];
        three[2 * n + i] = -input[i];
      }
      float[] batched = session.run(Map.of("input", Tensor.wrap(three.clone(), 3, 3, SIZE, SIZE))).get("output").toArray();
      for (int b = 0; b < 3; b++) {
        float[] one = Arrays.copyOfRange(three, b * n, (b + 1) * n);
        float[] single = session.run(Map.of("input", Tensor.wrap(one, 1, 3, SIZE, SIZE))).get("output").toArray();
        assertClose(single, Arrays.copyOfRange(batched, b * n, (b + 1) * n), FP32_MAX_ABS_DIFFERENCE,
            "batch of 3, face " + b + ", vs one call");
      }
    }
  }

  @Test
  void fp16Export_gpenBfr256_runsInOnnxRuntimeCloseToFloat32PyTorch(@TempDir Path dir) {
    String py = requirePython();
    Path onnx = dir.resolve("GPEN-BFR-256-randw-fp16.onnx");

    ConverterScript.Result result = ConverterScript.convert(py,
        List.of("--preset", "GPEN-BFR-256", "--random-weights", "--fp16", "--onnx", onnx.toString(), "--check"),
        dir);

    assertEquals(0, result.exitCode(), result.output());
    try (ModelSession session = new OnnxBackend().open(ModelSource.of(onnx), SessionSettings.DEFAULTS)) {
      assertEquals(ElementType.FLOAT32, session.inputs().get(0).elementType());
      assertEquals(ElementType.FLOAT32, session.outputs().get(0).elementType());
      float[] input = ConverterScript.readFloats(Path.of(onnx + ".check-input.bin"));
      float[] expected = ConverterScript.readFloats(Path.of(onnx + ".check-output.bin"));
      float[] actual = session.run(Map.of("input", Tensor.wrap(input, 1, 3, SIZE, SIZE))).get("output").toArray();
      assertClose(expected, actual, FP16_MAX_ABS_DIFFERENCE, "float16 ONNX Runtime vs float32 PyTorch");
    }
  }

  @Test
  void converterPythonUnitTests_pass(@TempDir Path dir) {
    String py = requirePython();
    Path folder = ConverterScript.script().getParent();

    ConverterScript.Result result = ConverterScript.run(
        List.of(py, "-m", "unittest", "discover", "-s", folder.toString(), "-p", "test_*.py"), dir, 600);

    assertEquals(0, result.exitCode(), result.output());
    assertTrue(result.output().contains("OK"), result.output());
  }

  private static void assertClose(float[] expected, float[] actual, float tolerance, String what) {
    assertEquals(expected.length, actual.length, what + ": value count");
    double worst = 0;
    int worstAt = -1;
    for (int i = 0; i < expected.length; i++) {
      double d = Math.abs((double) expected[i] - actual[i]);
      if (Double.isNaN(d) || d > worst) {
        worst = d;
        worstAt = i;
        if (Double.isNaN(d)) {
          break;
        }
      }
    }
    System.out.printf("%s: max abs difference %.3g%n", what, worst);
    final int at = worstAt;
    final double max = worst;
    assertTrue(max <= tolerance, () -> what + ": max abs difference " + max + " at index " + at
        + " (expected " + expected[at] + ", got " + actual[at] + ") exceeds " + tolerance);
  }
}
