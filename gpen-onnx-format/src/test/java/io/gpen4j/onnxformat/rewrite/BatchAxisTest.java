package io.gpen4j.onnxformat.rewrite;

import static io.gpen4j.onnxformat.testing.OfficialStyleGraphs.longs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import io.gpen4j.onnxformat.OnnxFields.DataType;
import io.gpen4j.onnxformat.OnnxFields.Graph;
import io.gpen4j.onnxformat.OnnxFields.Model;
import io.gpen4j.onnxformat.OnnxFields.Shape;
import io.gpen4j.onnxformat.OnnxFields.Type;
import io.gpen4j.onnxformat.OnnxFields.ValueInfo;
import io.gpen4j.onnxformat.OnnxNode;
import io.gpen4j.onnxformat.ProtoField;
import io.gpen4j.onnxformat.ProtoMessage;
import io.gpen4j.onnxformat.testing.ModelBuilder;
import io.gpen4j.onnxformat.testing.OfficialStyleGraphs;
import java.util.Arrays;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which graphs declared for one sample treat the samples of their first axis apart: a small
 * generator-like graph that does (with its flatten traced for one sample or not) is freed and,
 * run on three samples at once, gives each sample's own output; each way of mixing or moving the
 * first axis keeps the graph as it is.
 */
final class BatchAxisTest {
  private static final int C = 16;
  private static final int S = 8;

  /**
   * x [1,C,S,S] -> conv -> * style (a Gemm of the pooled input, reshaped to [-1,C,1,1]) -> concat
   * with x on axis 1 -> leaky relu -> conv back to C channels -> the shape of x, computed, for a
   * last reshape. {@code variant} replaces one part with a form that mixes or pins samples.
   */
  private static ModelBuilder generatorLike(String variant) {
    Random r = new Random(3);
    ModelBuilder b = new ModelBuilder("batch_axis")
        .input("x", DataType.FLOAT, variant.equals("declared-batch-2") ? 2 : 1, C, S, S)
        .output("y", DataType.FLOAT, 1, C, S, S)
        .initializer(FloatTensors.floatTensor("w1", new long[] {C, C, 3, 3}, OfficialStyleGraphs.gaussian(r, C * C * 9)))
        .initializer(FloatTensors.floatTensor("w2", new long[] {C, 2 * C, 1, 1}, OfficialStyleGraphs.gaussian(r, 2 * C * C)))
        .initializer(FloatTensors.floatTensor("affine", new long[] {C, C}, OfficialStyleGraphs.gaussian(r, C * C)))
        .initializer(FloatTensors.floatTensor("const_part", new long[] {1, C, S, S}, new float[C * S * S]))
        .initializer(longs("flat", variant.equals("reshape-pinned") ? 1 : variant.equals("reshape-first-axis-c") ? C : -1, C))
        .initializer(longs("nchw", -1, C, 1, 1))
        .initializer(longs("zero", 0))
        .node("Conv", List.of("x", "w1"), List.of("c1"), ModelBuilder.intsAttr("pads", 1, 1, 1, 1))
        .node("GlobalAveragePool", List.of("x"), List.of("pooled"))
        .node("Reshape", List.of("pooled", "flat"), List.of("pooled_flat"));
    if (variant.equals("gemm-samples-on-the-right")) {
      b.node("Gemm", List.of("affine", "pooled_flat"), List.of("style"), ModelBuilder.intAttr("transB", 1));
    } else {
      b.node("Gemm", List.of("pooled_flat", "affine"), List.of("style"));
    }
    b.node("Reshape", List.of("style", "nchw"), List.of("style4"))
        .node("Mul", List.of("c1", "style4"), List.of("styled"));
    switch (variant) {
      case "gather-first-axis" -> b.node("Gather", List.of("styled", "zero"), List.of("picked"))
          .node("Concat", List.of("picked", "x"), List.of("both"), ModelBuilder.intAttr("axis", 1));
      case "concat-constant-part" -> b.node("Identity", List.of("styled"), List.of("picked"))
          .node("Concat", List.of("picked", "const_part"), List.of("both"), ModelBuilder.intAttr("axis", 1));
      case "transpose-first-axis" -> b.node("Transpose", List.of("styled"), List.of("picked"),
              ModelBuilder.intsAttr("perm", 1, 0, 2, 3))
          .node("Concat", List.of("picked", "x"), List.of("both"), ModelBuilder.intAttr("axis", 1));
      case "unknown-operator" -> b.node("Einsum", List.of("styled"), List.of("picked"),
              ModelBuilder.stringAttr("equation", "nchw->nchw"))
          .node("Concat", List.of("picked", "x"), List.of("both"), ModelBuilder.intAttr("axis", 1));
      default -> b.node("Concat", List.of("styled", "x"), List.of("both"), ModelBuilder.intAttr("axis", 1));
    }
    return b.node("LeakyRelu", List.of("both"), List.of("act"), ModelBuilder.floatAttr("alpha", 0.2f))
        .node("Conv", List.of("act", "w2"), List.of("c2"))
        .node("Shape", List.of("x"), List.of("x_shape"))
        .node("Reshape", List.of("c2", "x_shape"), List.of("y"))
        .valueInfo("c2", DataType.FLOAT, 1, C, S, S);
  }

  private static Optional<List<OnnxNode>> release(ProtoMessage graph, GraphAdditions additions) {
    List<OnnxNode> nodes = graph.messages(Graph.NODE).stream().map(OnnxNode::of).toList();
    return BatchAxis.release(graph, nodes, new GraphConstants(graph, nodes)::longs, additions);
  }

  /**
   * A graph that keeps samples apart, freed, gives each of three samples run at once what the
   * graph as declared gives it alone; a flatten to {@code [1, C]} is released to {@code [0, C]}.
   */
  @ParameterizedTest
  @ValueSource(strings = {"per-sample", "reshape-pinned"})
  void perSampleGraph_freed_runsThreeSamplesAtOnceAsOneByOne(String variant) throws OrtException {
    ProtoMessage model = generatorLike(variant).build();
    ProtoMessage graph = model.message(Model.GRAPH).orElseThrow();
    GraphAdditions additions = new GraphAdditions(new HashSet<>(), "test/");
    List<OnnxNode> released = release(graph, additions).orElseThrow(() -> new AssertionError(variant + " kept"));
    assertEquals(variant.equals("reshape-pinned") ? 1 : 0, additions.initializers().size(), "released reshapes");
    ProtoMessage.Builder g = graph.toBuilder().remove(Graph.NODE);
    released.forEach(n -> g.addMessage(Graph.NODE, n.proto()));
    additions.initializers().forEach(t -> g.addMessage(Graph.INITIALIZER, t));
    ProtoMessage freedGraph = BatchAxis.free(g.build());
    assertEquals(BatchAxis.NAME, firstDim(freedGraph.messages(Graph.INPUT).get(0)).string(Shape.DIM_PARAM));
    assertEquals(BatchAxis.NAME, firstDim(freedGraph.messages(Graph.OUTPUT).get(0)).string(Shape.DIM_PARAM));
    assertTrue(freedGraph.messages(Graph.VALUE_INFO).isEmpty(), "one sample's intermediate shapes kept");
    byte[] freed = model.toBuilder().set(ProtoField.message(Model.GRAPH, freedGraph)).build().toByteArray();

    int per = C * S * S;
    float[] three = OfficialStyleGraphs.randomInput(11, 3 * per);
    float[] together = ConstantKernelRewriteTest.run(freed, Map.of("x", three), Map.of("x", new long[] {3, C, S, S}));
    for (int k = 0; k < 3; k++) {
      float[] one = ConstantKernelRewriteTest.run(model.toByteArray(),
          Map.of("x", Arrays.copyOfRange(three, k * per, (k + 1) * per)), Map.of("x", new long[] {1, C, S, S}));
      double diff = ConstantKernelRewriteTest.maxAbsDiff(one, Arrays.copyOfRange(together, k * per, (k + 1) * per));
      assertTrue(diff <= 1e-5, variant + ", sample " + k + ": max abs difference " + diff);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"reshape-first-axis-c", "gemm-samples-on-the-right", "gather-first-axis", "concat-constant-part",
      "transpose-first-axis", "unknown-operator", "declared-batch-2"})
  void graphThatMixesOrPinsSamples_isNotPerSample(String variant) {
    ProtoMessage graph = generatorLike(variant).build().message(Model.GRAPH).orElseThrow();
    assertFalse(release(graph, new GraphAdditions(new HashSet<>(), "test/")).isPresent(), variant);
  }

  private static ProtoMessage firstDim(ProtoMessage valueInfo) {
    return valueInfo.message(ValueInfo.TYPE).flatMap(t -> t.message(Type.TENSOR_TYPE))
        .flatMap(t -> t.message(Type.TENSOR_SHAPE)).orElseThrow().messages(Shape.DIM).get(0);
  }
}
