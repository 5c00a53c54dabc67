package io.gpen4j.onnx;

import io.gpen4j.onnxformat.testing.ModelBuilder;
import io.gpen4j.onnxformat.rewrite.FloatTensors;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.platform.Fp16Conversions;
import io.gpen4j.ModelException;
import io.gpen4j.onnxformat.OnnxFields.Attribute;
import io.gpen4j.onnxformat.OnnxFields.DataType;
import io.gpen4j.onnxformat.OnnxFields.Graph;
import io.gpen4j.onnxformat.OnnxFields.Model;
import io.gpen4j.onnxformat.OnnxFields.Tensor;
import io.gpen4j.onnxformat.OnnxNode;
import io.gpen4j.onnxformat.OnnxValueInfo;
import io.gpen4j.onnxformat.ProtoMessage;
import io.gpen4j.spi.ElementType;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.Precision;
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

final class Fp16ConverterTest {
  private static final SessionSettings FP32 = SessionSettings.builder().intraOpThreads(1).build();
  private static final SessionSettings FP16 = FP32.toBuilder().precision(Precision.FP16).build();

  @TempDir
  Path tmp;

  private static int elemType(ProtoMessage valueInfo) {
    return OnnxValueInfo.of(valueInfo).elemType();
  }

  private static ProtoMessage graphOf(ProtoMessage model) {
    return model.message(Model.GRAPH).orElseThrow();
  }

  private static ProtoMessage convert(String testModel) {
    Fp16Converter.Result r = Fp16Converter.convert(ProtoMessage.parse(TestModels.all().get(testModel)));
    assertTrue(r.changed(), testModel + " was not converted");
    return r.model();
  }

  private static io.gpen4j.spi.Tensor random(long seed, long... shape) {
    int n = 1;
    for (long d : shape) {
      n *= (int) d;
    }
    Random r = new Random(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextFloat() * 2 - 1;
    }
    return io.gpen4j.spi.Tensor.wrap(v, shape);
  }

  private float[] runModel(Path model, SessionSettings settings, io.gpen4j.spi.Tensor x) {
    try (ModelSession s = new OnnxBackend().open(ModelSource.of(model), settings)) {
      assertEquals(ElementType.FLOAT32, s.inputs().get(0).elementType());
      assertEquals(ElementType.FLOAT32, s.outputs().get(0).elementType());
      return s.run(Map.of("input", x)).get("output").toArray();
    }
  }

  /** Largest |a - b| relative to the largest |a|: float16 keeps about 3 decimal digits. */
  private static double relativeError(float[] a, float[] b) {
    double maxDiff = 0;
    double maxAbs = 0;
    for (int i = 0; i < a.length; i++) {
      assertTrue(Float.isFinite(b[i]), "non-finite FP16 output at " + i);
      maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
      maxAbs = Math.max(maxAbs, Math.abs(a[i]));
    }
    return maxDiff / maxAbs;
  }

  @Test
  void convert_convModel_makesWeightsFloat16AndKeepsFloatIo() {
    ProtoMessage g = graphOf(convert(TestModels.CONV_SMALL));
    for (ProtoMessage init : g.messages(Graph.INITIALIZER)) {
      assertEquals(DataType.FLOAT16, init.varint(Tensor.DATA_TYPE, 0), init.string(Tensor.NAME));
    }
    assertEquals(DataType.FLOAT, elemType(g.messages(Graph.INPUT).get(0)));
    assertEquals(DataType.FLOAT, elemType(g.messages(Graph.OUTPUT).get(0)));
    assertEquals(DataType.FLOAT16, elemType(g.messages(Graph.VALUE_INFO).get(0)), "hidden");
    List<OnnxNode> nodes = g.messages(Graph.NODE).stream().map(OnnxNode::of).toList();
    OnnxNode first = nodes.get(0);
    assertEquals("Cast", first.opType());
    assertEquals(List.of("input"), first.inputs());
    assertEquals(DataType.FLOAT16, first.attribute("to").orElseThrow().varint(Attribute.I, 0));
    OnnxNode last = nodes.get(nodes.size() - 1);
    assertEquals("Cast", last.opType());
    assertEquals(List.of("output"), last.outputs());
    assertEquals(DataType.FLOAT, last.attribute("to").orElseThrow().varint(Attribute.I, 0));
  }

  @Test
  void convert_weights_areNearestFloat16OfOriginal() {
    ProtoMessage before = graphOf(ProtoMessage.parse(TestModels.all().get(TestModels.CONV_SMALL)));
    ProtoMessage after = graphOf(convert(TestModels.CONV_SMALL));
    float[] w = FloatTensors.floats(before.messages(Graph.INITIALIZER).get(0));
    float[] h = TensorData.float16s(after.messages(Graph.INITIALIZER).get(0));
    assertEquals(w.length, h.length);
    for (int i = 0; i < w.length; i++) {
      assertEquals(Fp16Conversions.fp16ToFloat(Fp16Conversions.floatToFp16(w[i])), h[i], 0f);
    }
  }

  @Test
  void convert_resizeScales_stayFloat32() {
    ProtoMessage g = graphOf(convert(TestModels.RESIZE_CONV));
    for (ProtoMessage init : g.messages(Graph.INITIALIZER)) {
      int expected = init.string(Tensor.NAME).equals("scales") ? DataType.FLOAT : DataType.FLOAT16;
      assertEquals(expected, init.varint(Tensor.DATA_TYPE, 0), init.string(Tensor.NAME));
    }
  }

  @Test
  void convert_twice_secondTimeChangesNothing() {
    ProtoMessage once = convert(TestModels.CONV_SMALL);
    Fp16Converter.Result twice = Fp16Converter.convert(once);
    assertFalse(twice.changed());
    assertArrayEquals(once.toByteArray(), twice.model().toByteArray());
  }

  @Test
  void convert_unknownFields_areKept() {
    ProtoMessage model = ProtoMessage.parse(TestModels.all().get(TestModels.CONV_SMALL))
        .toBuilder().addString(777, "unknown model field").build();
    ProtoMessage converted = Fp16Converter.convert(model).model();
    assertEquals("unknown model field", converted.string(777));
  }

  @Test
  void convert_subgraph_throwsModelException() {
    ProtoMessage body = new ModelBuilder("branch").build().message(Model.GRAPH).orElseThrow();
    ProtoMessage ifNode = new ModelBuilder("with_if")
        .input("input", DataType.BOOL)
        .output("output", DataType.FLOAT, 1)
        .node("If", List.of("input"), List.of("output"),
            ProtoMessage.builder().addString(Attribute.NAME, "then_branch").addMessage(Attribute.G, body)
                .addVarint(Attribute.TYPE, 5).build())
        .build();
    ModelException e = assertThrows(ModelException.class, () -> Fp16Converter.convert(ifNode));
    assertTrue(e.getMessage().contains("subgraph"), e.getMessage());
  }

  @Test
  void convert_shapeComputation_staysFloat32AndRuns() throws IOException {
    // sizes = int64(float(Shape(input)) * [1,1,2,2]); output = Resize(input, sizes) * w
    byte[] model = new ModelBuilder("shape_math")
        .input("input", DataType.FLOAT, 1, 3, 8, 8)
        .output("output", DataType.FLOAT, 1, 3, 16, 16)
        .initializer(FloatTensors.floatTensor("factor", new long[] {4}, new float[] {1, 1, 2, 2}))
        .initializer(FloatTensors.floatTensor("w", new long[0], new float[] {0.5f}))
        .node("Shape", List.of("input"), List.of("shape"))
        .node("Cast", List.of("shape"), List.of("shape_f"), ModelBuilder.intAttr("to", DataType.FLOAT))
        .node("Mul", List.of("shape_f", "factor"), List.of("sizes_f"))
        .node("Cast", List.of("sizes_f"), List.of("sizes"), ModelBuilder.intAttr("to", DataType.INT64))
        .node("Resize", List.of("input", "", "", "sizes"), List.of("up"), ModelBuilder.stringAttr("mode", "nearest"))
        .node("Mul", List.of("up", "w"), List.of("output"))
        .toByteArray();
    ProtoMessage g = graphOf(Fp16Converter.convert(ProtoMessage.parse(model)).model());
    for (ProtoMessage init : g.messages(Graph.INITIALIZER)) {
      int expected = init.string(Tensor.NAME).equals("factor") ? DataType.FLOAT : DataType.FLOAT16;
      assertEquals(expected, init.varint(Tensor.DATA_TYPE, 0), init.string(Tensor.NAME));
    }
    OnnxNode toFloat = g.messages(Graph.NODE).stream().map(OnnxNode::of)
        .filter(n -> n.outputs().equals(List.of("shape_f"))).findFirst().orElseThrow();
    assertEquals(DataType.FLOAT, toFloat.attribute("to").orElseThrow().varint(Attribute.I, 0));

    Path file = tmp.resolve("shape-math.onnx");
    Files.write(file, model);
    io.gpen4j.spi.Tensor x = random(3, 1, 3, 8, 8);
    float[] y32 = runModel(file, FP32, x);
    float[] y16 = runModel(file, FP16, x);
    assertEquals(3 * 16 * 16, y16.length);
    assertTrue(relativeError(y32, y16) < 2e-3, "relative error " + relativeError(y32, y16));
  }

  @Test
  void run_convModelInFp16_matchesFp32WithinFp16Tolerance() {
    Path model = TestModels.path(TestModels.CONV_SMALL);
    io.gpen4j.spi.Tensor x = random(1, 1, 3, 32, 32);
    double err = relativeError(runModel(model, FP32, x), runModel(model, FP16, x));
    assertTrue(err < 5e-3, "relative error " + err);
    assertTrue(err > 0, "FP16 output identical to FP32: the conversion did not take effect");
  }

  @Test
  void run_resizeModelInFp16_matchesFp32WithinFp16Tolerance() {
    Path model = TestModels.path(TestModels.RESIZE_CONV);
    io.gpen4j.spi.Tensor x = random(2, 1, 3, 16, 16);
    double err = relativeError(runModel(model, FP32, x), runModel(model, FP16, x));
    assertTrue(err < 5e-3, "relative error " + err);
  }

  @Test
  void run_randomGpen256InFp16_matchesFp32WithinFp16Tolerance() throws IOException {
    Path gpen = SharedData.randomGpen256();
    ProtoMessage g = graphOf(Fp16Converter.convert(ProtoMessage.parse(Files.readAllBytes(gpen))).model());
    for (ProtoMessage init : g.messages(Graph.INITIALIZER)) {
      assertTrue(init.varint(Tensor.DATA_TYPE, 0) != DataType.FLOAT, init.string(Tensor.NAME) + " still float32");
    }
    io.gpen4j.spi.Tensor x = random(4, 1, 3, 256, 256);
    SessionSettings threads2 = FP32.toBuilder().intraOpThreads(2).build();
    float[] y32 = runModel(gpen, threads2, x);
    float[] y16 = runModel(gpen, threads2.toBuilder().precision(Precision.FP16).build(), x);
    double err = relativeError(y32, y16);
    assertTrue(err < 0.05, "relative error " + err);
  }
}
