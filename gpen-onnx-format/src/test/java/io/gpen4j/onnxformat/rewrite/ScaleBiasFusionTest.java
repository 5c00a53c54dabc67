package io.gpen4j.onnxformat.rewrite;

import static io.gpen4j.onnxformat.rewrite.ConstantKernelRewriteTest.maxAbsDiff;
import static io.gpen4j.onnxformat.rewrite.ConstantKernelRewriteTest.opHistogram;
import static io.gpen4j.onnxformat.rewrite.ConstantKernelRewriteTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import io.gpen4j.onnxformat.OnnxFields.DataType;
import io.gpen4j.onnxformat.ProtoMessage;
import io.gpen4j.onnxformat.testing.ModelBuilder;
import io.gpen4j.onnxformat.testing.OfficialStyleGraphs;
import io.gpen4j.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class ScaleBiasFusionTest {
  /**
   * A styled convolution's head as GPEN exports it: {@code y = Conv(x, w)} (or a ConvTranspose),
   * its run-time demodulation {@code d} ({@code [1, out, 1, 1]}, from an input), the encoder feature
   * {@code e} times a constant noise weight, concatenated, plus a constant bias, then LeakyRelu.
   * With {@code scaledTwice} the demodulated tensor is also a graph output (so not fusable).
   */
  private static byte[] head(long seed, int in, int out, int feature, int size, boolean transposed,
      boolean scaledTwice) {
    Random r = new Random(seed);
    int ySize = transposed ? 2 * size + 1 : size;
    ModelBuilder b = new ModelBuilder("head")
        .input("x", DataType.FLOAT, 1, in, size, size)
        .input("d", DataType.FLOAT, 1, out)
        .input("e", DataType.FLOAT, 1, feature, ySize, ySize)
        .initializer(FloatTensors.floatTensor("w", transposed ? new long[] {in, out, 3, 3} : new long[] {out, in, 3, 3},
            OfficialStyleGraphs.gaussian(r, out * in * 9)))
        .initializer(FloatTensors.floatTensor("noise_weight", new long[] {1}, new float[] {(float) r.nextGaussian()}))
        .initializer(FloatTensors.floatTensor("bias", new long[] {1, out + feature, 1, 1},
            OfficialStyleGraphs.gaussian(r, out + feature)))
        .initializer(OfficialStyleGraphs.longs("d_shape", -1, out, 1, 1))
        .node("Reshape", List.of("d", "d_shape"), List.of("d4"));
    if (transposed) {
      b.node("ConvTranspose", List.of("x", "w"), List.of("y"), ModelBuilder.intsAttr("strides", 2, 2),
          ModelBuilder.intsAttr("kernel_shape", 3, 3));
    } else {
      b.node("Conv", List.of("x", "w"), List.of("y"), ModelBuilder.intsAttr("kernel_shape", 3, 3),
          ModelBuilder.intsAttr("pads", 1, 1, 1, 1));
    }
    b.node("Mul", List.of("y", "d4"), List.of("demodulated"))
        .node("Mul", List.of("e", "noise_weight"), List.of("noise"))
        .node("Concat", List.of("demodulated", "noise"), List.of("joined"), ModelBuilder.intAttr("axis", 1))
        .node("Add", List.of("joined", "bias"), List.of("biased"))
        .node("LeakyRelu", List.of("biased"), List.of("act"), ModelBuilder.floatAttr("alpha", 0.2f))
        .output("act", DataType.FLOAT, 1, out + feature, ySize, ySize);
    if (scaledTwice) {
      b.output("demodulated", DataType.FLOAT, 1, out, ySize, ySize);
    }
    return b.toByteArray();
  }

  @ParameterizedTest(name = "seed {0}: {1}->{2} ch + {3} feature ch, {4}px, transposed {5}")
  @CsvSource({"1, 4, 3, 3, 5, false", "2, 3, 5, 2, 4, true", "3, 2, 8, 8, 6, false", "4, 6, 4, 1, 3, true"})
  void rewrite_styledHead_isOneBatchNormalizationAndOutputsMatch(long seed, int in, int out, int feature, int size,
      boolean transposed) throws OrtException {
    byte[] original = head(seed, in, out, feature, size, transposed, false);
    ConstantKernelRewrite.Result r = ConstantKernelRewrite.rewrite(ProtoMessage.parse(original), null, false, true);
    assertEquals(1, r.scaleBias());
    Map<String, Integer> ops = opHistogram(r.model());
    assertEquals(1, ops.get("BatchNormalization"), ops.toString());
    assertFalse(ops.containsKey("Mul") || ops.containsKey("Add"), ops.toString());
    byte[] rewritten = r.model().toByteArray();
    int ySize = transposed ? 2 * size + 1 : size;
    Map<String, long[]> shapes = Map.of("x", new long[] {1, in, size, size}, "d", new long[] {1, out},
        "e", new long[] {1, feature, ySize, ySize});
    for (long s = seed; s < seed + 2; s++) {
      Random rnd = new Random(s * 31);
      Map<String, float[]> inputs = Map.of("x", OfficialStyleGraphs.gaussian(rnd, in * size * size),
          "d", OfficialStyleGraphs.gaussian(rnd, out), "e", OfficialStyleGraphs.gaussian(rnd, feature * ySize * ySize));
      double diff = maxAbsDiff(run(original, inputs, shapes), run(rewritten, inputs, shapes));
      assertTrue(diff <= 1e-5, "input seed " + s + ": max abs difference " + diff);
    }
  }

  @Test
  void rewrite_demodulatedTensorAlsoReadElsewhere_isLeftAlone() {
    ConstantKernelRewrite.Result r =
        ConstantKernelRewrite.rewrite(ProtoMessage.parse(head(5, 2, 2, 2, 3, false, true)), null, false, true);
    assertFalse(r.changed());
  }

  @Test
  void rewrite_withoutTheOption_leavesTheHeadAlone() {
    ConstantKernelRewrite.Result r =
        ConstantKernelRewrite.rewrite(ProtoMessage.parse(head(6, 2, 2, 2, 3, false, false)));
    assertFalse(r.changed());
  }

  /**
   * The real generator: the official export rewritten into constant-kernel form with every styled
   * convolution's head fused, against the file as exported, on one face.
   */
  @Test
  void rewrite_officialExport256_fusesEveryStyledHeadAndMatchesTheExportedGraph() throws IOException, OrtException {
    byte[] original = Files.readAllBytes(SharedData.require(ConstantKernelRewriteTest.OFFICIAL_256));
    ConstantKernelRewrite.Result r = ConstantKernelRewrite.rewrite(ProtoMessage.parse(original), null, false, true);
    // conv1 and the six stride-1 styled convolutions of the 256 generator; in this form the six
    // up-samplings scale before their blur, so their heads are left as they are (the converter's
    // export scales after the blur: all 13 there).
    assertEquals(7, r.scaleBias());
    Map<String, float[]> in = Map.of("input", OfficialStyleGraphs.randomInput(29, 3 * 256 * 256));
    Map<String, long[]> shape = Map.of("input", new long[] {1, 3, 256, 256});
    byte[] plain = ConstantKernelRewrite.rewrite(ProtoMessage.parse(original)).model().toByteArray();
    float[] fusedOut = run(r.model().toByteArray(), in, shape);
    double diff = maxAbsDiff(run(original, in, shape), fusedOut);
    assertTrue(diff <= 1e-5, "max abs difference to the export " + diff);
    double toLoaded = maxAbsDiff(run(plain, in, shape), fusedOut);
    assertTrue(toLoaded <= 1e-5, "max abs difference to the constant-kernel form " + toLoaded);
  }
}
