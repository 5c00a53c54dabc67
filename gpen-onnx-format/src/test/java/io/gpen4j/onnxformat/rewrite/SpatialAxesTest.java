package io.gpen4j.onnxformat.rewrite;

import static io.gpen4j.onnxformat.testing.OfficialStyleGraphs.longs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtException;
import io.gpen4j.onnxformat.OnnxFields.DataType;
import io.gpen4j.onnxformat.OnnxFields.Graph;
import io.gpen4j.onnxformat.OnnxFields.Model;
import io.gpen4j.onnxformat.OnnxValueInfo;
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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Freeing an image model's height and width: YuNet 2023mar, exported at 640 x 640, computes the
 * same outputs at that size once freed and runs at others with one row per cell; a graph whose
 * nodes name the size keeps it.
 */
final class SpatialAxesTest {
  private static final int C = 4;
  private static final int S = 16;

  @Test
  void free_yunet_sameOutputsAtTheDeclaredSize_runsAtOthers() throws IOException, OrtException {
    byte[] exported = Files.readAllBytes(SharedData.yunet());
    ProtoMessage freed = SpatialAxes.free(ProtoMessage.parse(exported)).orElseThrow();
    ProtoMessage graph = freed.message(Model.GRAPH).orElseThrow();
    assertEquals(List.of(1L, 3L, -1L, -1L), OnnxValueInfo.of(graph.messages(Graph.INPUT).get(0)).dims());
    assertTrue(graph.messages(Graph.VALUE_INFO).isEmpty(), "shapes inferred at 640 x 640 kept");
    byte[] bytes = freed.toByteArray();
    float[] image = OfficialStyleGraphs.randomInput(5, 3 * 640 * 640);
    for (int k = 0; k < image.length; k++) {
      image[k] = (image[k] * 0.25f + 0.5f) * 255; // pixel values, as the detector feeds them
    }
    long[] shape = {1, 3, 640, 640};
    for (String head : List.of("cls_8", "bbox_16", "kps_32")) {
      float[] a = ConstantKernelRewriteTest.run(exported, Map.of("input", image), Map.of("input", shape), head);
      float[] b = ConstantKernelRewriteTest.run(bytes, Map.of("input", image), Map.of("input", shape), head);
      assertEquals(0.0, ConstantKernelRewriteTest.maxAbsDiff(a, b), 1e-6, head);
    }
    float[] wide = new float[3 * 640 * 960];
    float[] cls = ConstantKernelRewriteTest.run(bytes, Map.of("input", wide), Map.of("input", new long[] {1, 3, 640, 960}),
        "cls_8");
    assertEquals((960 / 8) * (640 / 8), cls.length, "one score per stride-8 cell of a 960 x 640 input");
  }

  /** A head-like graph (conv, relu, NCHW to NHWC, flatten to [1, -1, C]) is freed and runs at another size. */
  @Test
  void free_headLikeGraph_runsAtAnotherSize() throws OrtException {
    ProtoMessage freed = SpatialAxes.free(graph("head")).orElseThrow(() -> new AssertionError("head kept its size"));
    int h = 24;
    int w = 40;
    float[] out = ConstantKernelRewriteTest.run(freed.toByteArray(),
        Map.of("x", OfficialStyleGraphs.randomInput(3, 3 * h * w)), Map.of("x", new long[] {1, 3, h, w}));
    assertEquals(h * w * C, out.length);
  }

  @ParameterizedTest
  @ValueSource(strings = {"reshape-names-size", "shape-of-image", "flatten", "slice", "concat-on-width", "not-an-image"})
  void free_graphThatNamesItsSize_keepsIt(String variant) {
    assertFalse(SpatialAxes.free(graph(variant)).isPresent(), variant);
  }

  /** x [1,3,S,S] -> conv to C -> relu -> transpose to NHWC -> a last part that {@code variant} picks. */
  private static ProtoMessage graph(String variant) {
    Random r = new Random(7);
    ModelBuilder b = new ModelBuilder("spatial")
        .input("x", DataType.FLOAT, variant.equals("not-an-image") ? new long[] {1, 3 * S * S} : new long[] {1, 3, S, S})
        .output("y", DataType.FLOAT, 1, S * S, C)
        .initializer(FloatTensors.floatTensor("w", new long[] {C, 3, 3, 3}, OfficialStyleGraphs.gaussian(r, C * 27)))
        .initializer(longs("flat", 1, -1, C))
        .initializer(longs("sized", 1, S, S, C))
        .initializer(longs("starts", 0))
        .initializer(longs("ends", S / 2))
        .initializer(longs("axes", 2));
    String image = "x";
    if (variant.equals("not-an-image")) {
      b.initializer(longs("to_image", 1, 3, S, S)).node("Reshape", List.of("x", "to_image"), List.of("x4"));
      image = "x4";
    }
    b.node("Conv", List.of(image, "w"), List.of("c"), ModelBuilder.intsAttr("pads", 1, 1, 1, 1))
        .node("Relu", List.of("c"), List.of("r"));
    switch (variant) {
      case "reshape-names-size" -> b.node("Transpose", List.of("r"), List.of("t"), ModelBuilder.intsAttr("perm", 0, 2, 3, 1))
          .node("Reshape", List.of("t", "sized"), List.of("y"));
      case "shape-of-image" -> b.node("Shape", List.of("r"), List.of("s"))
          .node("Reshape", List.of("r", "s"), List.of("y"));
      case "flatten" -> b.node("Flatten", List.of("r"), List.of("y"));
      case "slice" -> b.node("Slice", List.of("r", "starts", "ends", "axes"), List.of("y"));
      case "concat-on-width" -> b.node("Concat", List.of("r", "r"), List.of("y"), ModelBuilder.intAttr("axis", 3));
      default -> b.node("Transpose", List.of("r"), List.of("t"), ModelBuilder.intsAttr("perm", 0, 2, 3, 1))
          .node("Reshape", List.of("t", "flat"), List.of("y"));
    }
    return b.build();
  }
}
