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
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
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

final class GainFoldTest {
  /**
   * {@code a = LeakyRelu(x) * gain} read by a styled 3x3 convolution, a styled stride-2 transposed
   * convolution, a 1x1 convolution with a bias, a Mul by a constant scalar (GPEN's noise weight)
   * concatenated to the 3x3 convolution's output and, when {@code alsoConcat}, a Concat (which the
   * fold cannot follow), random weights.
   */
  private static byte[] gained(long seed, int in, int out, int size, float gain, boolean alsoConcat) {
    Random r = new Random(seed);
    ModelBuilder b = new ModelBuilder("gain")
        .input("x", DataType.FLOAT, 1, in, size, size)
        .input("s", DataType.FLOAT, 1, in)
        .initializer(FloatTensors.floatTensor("gain", new long[0], new float[] {gain}))
        .initializer(FloatTensors.floatTensor("w3", new long[] {out, in, 3, 3}, OfficialStyleGraphs.gaussian(r, out * in * 9)))
        .initializer(FloatTensors.floatTensor("wt", new long[] {in, out, 3, 3}, OfficialStyleGraphs.gaussian(r, in * out * 9)))
        .initializer(FloatTensors.floatTensor("w1", new long[] {out, in, 1, 1}, OfficialStyleGraphs.gaussian(r, out * in)))
        .initializer(FloatTensors.floatTensor("b1", new long[] {out}, OfficialStyleGraphs.gaussian(r, out)))
        .initializer(FloatTensors.floatTensor("noise_weight", new long[] {1}, new float[] {(float) r.nextGaussian()}))
        .initializer(OfficialStyleGraphs.longs("s_shape", -1, in, 1, 1))
        .node("LeakyRelu", List.of("x"), List.of("act"), ModelBuilder.floatAttr("alpha", 0.2f))
        .node("Mul", List.of("gain", "act"), List.of("a"))
        .node("Reshape", List.of("s", "s_shape"), List.of("s4"))
        .node("Mul", List.of("a", "s4"), List.of("styled"))
        .node("Conv", List.of("styled", "w3"), List.of("y3"), ModelBuilder.intsAttr("kernel_shape", 3, 3),
            ModelBuilder.intsAttr("pads", 1, 1, 1, 1))
        .node("ConvTranspose", List.of("styled", "wt"), List.of("yt"), ModelBuilder.intsAttr("strides", 2, 2),
            ModelBuilder.intsAttr("kernel_shape", 3, 3))
        .node("Conv", List.of("a", "w1", "b1"), List.of("y1"), ModelBuilder.intsAttr("kernel_shape", 1, 1))
        .node("Mul", List.of("a", "noise_weight"), List.of("noise"))
        .node("Concat", List.of("y3", "noise"), List.of("joined"), ModelBuilder.intAttr("axis", 1))
        .output("joined", DataType.FLOAT, 1, out + in, size, size)
        .output("yt", DataType.FLOAT, 1, out, 2 * size + 1, 2 * size + 1)
        .output("y1", DataType.FLOAT, 1, out, size, size);
    if (alsoConcat) {
      b.node("Concat", List.of("a", "x"), List.of("c"), ModelBuilder.intAttr("axis", 1))
          .output("c", DataType.FLOAT, 1, 2 * in, size, size);
    }
    return b.toByteArray();
  }

  @ParameterizedTest(name = "seed {0}: {1}->{2} ch, {3}px, gain {4}")
  @CsvSource({"1, 4, 3, 5, 1.4142135", "2, 3, 5, 4, -0.5", "3, 2, 2, 6, 3.0", "4, 6, 4, 3, 0.25"})
  void rewrite_gainBeforeConvolutions_isFoldedAndOutputsMatch(long seed, int in, int out, int size, float gain)
      throws OrtException {
    byte[] original = gained(seed, in, out, size, gain, false);
    ConstantKernelRewrite.Result r = ConstantKernelRewrite.rewrite(ProtoMessage.parse(original), null, true);
    assertEquals(1, r.gains());
    // The style's and the noise weight's Muls are left.
    assertEquals(2, opHistogram(r.model()).get("Mul"), opHistogram(r.model()).toString());
    byte[] rewritten = r.model().toByteArray();
    Map<String, long[]> shapes = Map.of("x", new long[] {1, in, size, size}, "s", new long[] {1, in});
    for (long s = seed; s < seed + 2; s++) {
      Random rnd = new Random(s * 17);
      Map<String, float[]> inputs = Map.of("x", OfficialStyleGraphs.gaussian(rnd, in * size * size),
          "s", OfficialStyleGraphs.gaussian(rnd, in));
      for (String output : List.of("joined", "yt", "y1")) {
        double diff = maxAbsDiff(run(original, inputs, shapes, output), run(rewritten, inputs, shapes, output));
        assertTrue(diff <= 1e-5, output + ", input seed " + s + ": max abs difference " + diff);
      }
    }
  }

  @Test
  void rewrite_gainAlsoReadByConcat_isLeftAlone() {
    ConstantKernelRewrite.Result r = ConstantKernelRewrite.rewrite(ProtoMessage.parse(gained(5, 2, 2, 3, 2f, true)), null, true);
    assertFalse(r.changed());
  }

  /**
   * The load path leaves a constant-kernel model (a converter export) as it is: folding its gains
   * alone is not worth a rewritten copy of the file.
   */
  @Test
  void prepare_constantKernelModelWithGain_isLoadedAsItIs(@TempDir Path dir) throws IOException {
    Path model = dir.resolve("gain.onnx");
    Files.write(model, gained(6, 3, 4, 5, 1.4142135f, false));
    ConstantKernelForm.Prepared p = new ConstantKernelForm(new ModelCache(), ModelSource.of(model))
        .prepare(SessionSettings.builder().cacheDirectory(dir.resolve("cache")).build(), false);
    assertFalse(p.rewritten(), p.toString());
    assertEquals(model, p.path());
  }

  /**
   * The real generator: the official export rewritten into constant-kernel form and its gains
   * folded in one pass, against the file as exported.
   */
  @Test
  void rewrite_officialExport256_foldsItsGainsAndMatchesTheExportedGraph() throws IOException, OrtException {
    byte[] original = Files.readAllBytes(SharedData.require(ConstantKernelRewriteTest.OFFICIAL_256));
    ConstantKernelRewrite.Result r = ConstantKernelRewrite.rewrite(ProtoMessage.parse(original), null, true);
    // conv1 and the twelve styled convolutions of the 256 generator, and six encoder features
    // read by a convolution and two noise-weight Muls.
    assertEquals(19, r.gains());
    Map<String, float[]> in = Map.of("input", OfficialStyleGraphs.randomInput(23, 3 * 256 * 256));
    Map<String, long[]> shape = Map.of("input", new long[] {1, 3, 256, 256});
    double diff = maxAbsDiff(run(original, in, shape), run(r.model().toByteArray(), in, shape));
    assertTrue(diff <= 1e-5, "max abs difference " + diff);
  }
}
