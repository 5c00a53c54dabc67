package io.gpen4j.onnxformat.rewrite;

import static io.gpen4j.onnxformat.rewrite.ConstantKernelRewriteTest.maxAbsDiff;
import static io.gpen4j.onnxformat.rewrite.ConstantKernelRewriteTest.opHistogram;
import static io.gpen4j.onnxformat.rewrite.ConstantKernelRewriteTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import io.gpen4j.onnxformat.OnnxFields.DataType;
import io.gpen4j.onnxformat.ProtoMessage;
import io.gpen4j.onnxformat.testing.ModelBuilder;
import io.gpen4j.onnxformat.testing.OfficialStyleGraphs;
import io.gpen4j.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class SubPixelUpsampleTest {
  /**
   * A transposed convolution (stride 2, kernel k), optionally a per-channel scale from a second
   * input, and a depthwise blur (kernel kb, padding q0 / q1), random weights.
   */
  private static byte[] upsampling(long seed, int in, int out, int k, int kb, int q0, int q1, int size, boolean scale) {
    Random r = new Random(seed);
    ModelBuilder b = new ModelBuilder("upsampling")
        .input("x", DataType.FLOAT, 1, in, size, size)
        .initializer(FloatTensors.floatTensor("w", new long[] {in, out, k, k}, OfficialStyleGraphs.gaussian(r, in * out * k * k)))
        .initializer(FloatTensors.floatTensor("blur", new long[] {out, 1, kb, kb}, OfficialStyleGraphs.gaussian(r, out * kb * kb)))
        .node("ConvTranspose", List.of("x", "w"), List.of("y"), ModelBuilder.intsAttr("strides", 2, 2),
            ModelBuilder.intsAttr("kernel_shape", k, k));
    String blurInput = "y";
    if (scale) {
      b.input("d", DataType.FLOAT, 1, out)
          .initializer(OfficialStyleGraphs.longs("d_shape", -1, out, 1, 1))
          .node("Reshape", List.of("d", "d_shape"), List.of("d4"))
          .node("Mul", List.of("y", "d4"), List.of("scaled"));
      blurInput = "scaled";
    }
    int outSize = 2 * (size - 1) + k + q0 + q1 - kb + 1;
    return b.node("Conv", List.of(blurInput, "blur"), List.of("z"), ModelBuilder.intAttr("group", out),
            ModelBuilder.intsAttr("kernel_shape", kb, kb), ModelBuilder.intsAttr("pads", q0, q0, q1, q1))
        .output("z", DataType.FLOAT, 1, out, outSize, outSize)
        .toByteArray();
  }

  @ParameterizedTest(name = "seed {0}: {1}->{2} ch, k {3}, blur {4} pads {5},{6}, {7}px, scale {8}, {9}")
  @CsvSource({
      "1, 4, 3, 3, 4, 1, 1, 5, true, FOLDED",
      "2, 4, 3, 3, 4, 1, 1, 5, true, TRANSPOSED_ONLY",
      "3, 3, 5, 3, 4, 1, 1, 4, false, FOLDED",
      "4, 3, 5, 3, 4, 1, 1, 4, false, TRANSPOSED_ONLY",
      "5, 2, 2, 3, 4, 2, 2, 3, true, FOLDED",
      "6, 2, 2, 3, 4, 2, 2, 3, false, TRANSPOSED_ONLY",
      "7, 2, 3, 2, 3, 1, 1, 6, true, FOLDED",
      "8, 2, 3, 2, 3, 1, 1, 6, true, TRANSPOSED_ONLY",
      "9, 3, 2, 4, 3, 1, 1, 4, false, FOLDED",
      "10, 3, 2, 1, 1, 0, 1, 5, false, FOLDED",
      "11, 4, 3, 3, 4, 1, 1, 5, true, FOUR_PHASE",
      "12, 3, 5, 3, 4, 1, 1, 4, false, FOUR_PHASE",
      "13, 2, 2, 3, 4, 2, 2, 3, true, FOUR_PHASE",
      "14, 2, 3, 2, 3, 1, 1, 6, true, FOUR_PHASE"})
  void rewrite_upsampling_matchesTheTransposedConvolutionAndBlur(long seed, int in, int out, int k, int kb, int q0,
      int q1, int size, boolean scale, SubPixelUpsample.Form form) throws OrtException {
    byte[] original = upsampling(seed, in, out, k, kb, q0, q1, size, scale);
    ConstantKernelRewrite.Result r = ConstantKernelRewrite.rewrite(ProtoMessage.parse(original), form);
    assertEquals(1, r.upsamplings());
    Map<String, Integer> ops = opHistogram(r.model());
    assertFalse(ops.containsKey("ConvTranspose"), ops.toString());
    assertEquals(1, ops.get("DepthToSpace"), ops.toString());
    // Folded: one convolution; transposed only: it and the blur; four phases: four and the blur.
    int convolutions = switch (form) {
      case FOLDED -> 1;
      case TRANSPOSED_ONLY -> 2;
      case FOUR_PHASE -> 5;
    };
    assertEquals(convolutions, ops.get("Conv"), ops.toString());
    byte[] rewritten = r.model().toByteArray();
    Map<String, long[]> shapes = Map.of("x", new long[] {1, in, size, size}, "d", new long[] {1, out});
    for (long s = seed; s < seed + 2; s++) {
      Random rnd = new Random(s * 31);
      Map<String, float[]> inputs = scale
          ? Map.of("x", OfficialStyleGraphs.gaussian(rnd, in * size * size), "d", OfficialStyleGraphs.gaussian(rnd, out))
          : Map.of("x", OfficialStyleGraphs.gaussian(rnd, in * size * size));
      Map<String, long[]> used = scale ? shapes : Map.of("x", shapes.get("x"));
      double diff = maxAbsDiff(run(original, inputs, used), run(rewritten, inputs, used));
      assertTrue(diff <= 1e-5, "input seed " + s + ": max abs difference " + diff);
    }
  }

  @Test
  void rewrite_oddSizedBlurOutput_isLeftAlone() {
    // Kernel 3, blur 3 padded 1: 2H + 1 outputs, which no 2x interleave gives.
    byte[] model = upsampling(11, 2, 2, 3, 3, 1, 1, 4, false);
    ConstantKernelRewrite.Result r = ConstantKernelRewrite.rewrite(ProtoMessage.parse(model), SubPixelUpsample.Form.FOLDED);
    assertFalse(r.changed());
    assertNull(SubPixelUpsample.phasePads(3, 3, 1, 1));
  }

  @Test
  void phasePads_gpenUpsampling_isA3x3WindowPaddedByOne() {
    // GPEN: 3x3 kernel, 4x4 blur padded 1 -> a 6-tap folded kernel, 3 taps per phase.
    assertArrayEquals(new int[] {3, 1, 1, 2}, SubPixelUpsample.phasePads(3, 4, 1, 1));
    // The transposed convolution alone, one leading zero: a 2-tap window padded 1 on both sides.
    assertArrayEquals(new int[] {2, 1, 1, -1}, SubPixelUpsample.phasePads(3, 1, 1, 0));
  }

  /**
   * The real generator: the official export rewritten into constant-kernel form and its six
   * up-samplings into sub-pixel convolutions in one pass, both forms, against the file as exported.
   */
  @Test
  void subPixelForm_officialExport256_matchesTheExportedGraph(@TempDir Path dir) throws IOException, OrtException {
    Path source = SharedData.require(ConstantKernelRewriteTest.OFFICIAL_256);
    Map<String, float[]> in = Map.of("input", OfficialStyleGraphs.randomInput(21, 3 * 256 * 256));
    Map<String, long[]> shape = Map.of("input", new long[] {1, 3, 256, 256});
    float[] expected = run(Files.readAllBytes(source), in, shape);
    for (boolean fold : new boolean[] {true, false}) {
      Path target = dir.resolve("sub-pixel-" + fold + ".onnx");
      assertEquals(6, SubPixelForm.write(source, target, fold));
      byte[] rewritten = Files.readAllBytes(target);
      Map<String, Integer> ops = opHistogram(ProtoMessage.parse(rewritten));
      assertEquals(6, ops.get("DepthToSpace"), ops.toString());
      // The six left are the RGB skip's depthwise up-samplings (3 channels), not matched.
      assertEquals(6, ops.get("ConvTranspose"), ops.toString());
      double diff = maxAbsDiff(expected, run(rewritten, in, shape));
      assertTrue(diff <= 1e-5, "blur folded " + fold + ": max abs difference " + diff);
    }
    Path fourPhase = dir.resolve("four-phase.onnx");
    assertEquals(6, SubPixelForm.writeFourPhase(source, fourPhase));
    double diff = maxAbsDiff(expected, run(Files.readAllBytes(fourPhase), in, shape));
    assertTrue(diff <= 1e-5, "four phases: max abs difference " + diff);
  }
}
