package io.gpen4j.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.ModelException;
import io.gpen4j.onnx.OnnxBackend;
import io.gpen4j.onnxformat.OnnxFields.DataType;
import io.gpen4j.onnxformat.OnnxFields.Graph;
import io.gpen4j.onnxformat.OnnxFields.Model;
import io.gpen4j.onnxformat.OnnxFields.Shape;
import io.gpen4j.onnxformat.OnnxFields.Tensor;
import io.gpen4j.onnxformat.OnnxFields.Type;
import io.gpen4j.onnxformat.OnnxFields.ValueInfo;
import io.gpen4j.onnxformat.ProtoMessage;
import io.gpen4j.spi.ElementType;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.spi.TensorInfo;
import io.gpen4j.testing.CheckedInModels;
import io.gpen4j.testing.SharedData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

final class OnnxSignatureTest {
  @BeforeAll
  static void loadDjlOnnxRuntimeFirst() {
    // DJL must create ONNX Runtime's environment before the onnx backend does (see EngineLoader).
    EngineLoader.load(DjlEngine.ONNX_RUNTIME);
  }

  @TempDir
  Path tmp;

  static Stream<Path> models() {
    return Stream.of(
        CheckedInModels.path("identity-256.onnx"),
        CheckedInModels.path("identity-dynamic.onnx"),
        CheckedInModels.path("wrong-rank.onnx"),
        CheckedInModels.path("conv-small.onnx"),
        CheckedInModels.path("resize-conv.onnx"),
        SharedData.yunet(),
        SharedData.scrfd(),
        SharedData.retinaface(),
        SharedData.randomGpen256());
  }

  @ParameterizedTest
  @MethodSource("models")
  void readAndComplete_model_describesWhatOnnxRuntimeDescribes(Path model) {
    String name = model.getFileName().toString();
    ModelSignature read = OrtShapeInference.complete(OnnxSignature.read(model, name), model, name);
    // The file as it is: loaded by default, an official-style export is rewritten (and takes a batch).
    SessionSettings asIs = SessionSettings.builder().rewriteOfficialExports(false).build();
    try (ModelSession ort = new OnnxBackend().open(ModelSource.of(model), asIs)) {
      assertEquals(ort.inputs(), read.inputs(), model.getFileName() + " inputs");
      assertEquals(ort.outputs(), read.outputs(), model.getFileName() + " outputs");
    }
    assertFalse(read.halfWeights(), model.getFileName() + " holds float32 weights");
  }

  private static ProtoMessage valueInfo(String name, int elemType, long... dims) {
    ProtoMessage.Builder shape = ProtoMessage.builder();
    for (long d : dims) {
      shape.addMessage(Shape.DIM, ProtoMessage.builder().addVarint(Shape.DIM_VALUE, d).build());
    }
    ProtoMessage tensor = ProtoMessage.builder()
        .addVarint(Type.TENSOR_ELEM_TYPE, elemType)
        .addMessage(Type.TENSOR_SHAPE, shape.build())
        .build();
    return ProtoMessage.builder()
        .addString(ValueInfo.NAME, name)
        .addMessage(ValueInfo.TYPE, ProtoMessage.builder().addMessage(Type.TENSOR_TYPE, tensor).build())
        .build();
  }

  @Test
  void parse_float16WeightListedAsInput_isLeftOutAndMarksHalfWeights() {
    ProtoMessage weight = ProtoMessage.builder()
        .addVarint(Tensor.DIMS, 1)
        .addVarint(Tensor.DATA_TYPE, DataType.FLOAT16)
        .addString(Tensor.NAME, "w")
        .addBytes(Tensor.RAW_DATA, new byte[] {0, 0x3C})
        .build();
    ProtoMessage graph = ProtoMessage.builder()
        .addMessage(Graph.INPUT, valueInfo("x", DataType.FLOAT16, 1, 4))
        .addMessage(Graph.INPUT, valueInfo("w", DataType.FLOAT16, 1))
        .addMessage(Graph.OUTPUT, valueInfo("y", DataType.FLOAT, 1, 4))
        .addMessage(Graph.INITIALIZER, weight)
        .build();
    byte[] model = ProtoMessage.builder().addVarint(Model.IR_VERSION, 7).addMessage(Model.GRAPH, graph)
        .build().toByteArray();
    ModelSignature s = OnnxSignature.parse(ByteBuffer.wrap(model));
    assertEquals(List.of(new TensorInfo("x", new long[] {1, 4}, ElementType.FLOAT16)), s.inputs());
    assertEquals(List.of(new TensorInfo("y", new long[] {1, 4}, ElementType.FLOAT32)), s.outputs());
    assertTrue(s.halfWeights());
  }

  @Test
  void parse_modelWithoutGraph_throwsModelException() {
    byte[] model = ProtoMessage.builder().addVarint(Model.IR_VERSION, 7).build().toByteArray();
    ModelException e = assertThrows(ModelException.class, () -> OnnxSignature.parse(ByteBuffer.wrap(model)));
    assertEquals("no graph in the model", e.getMessage());
  }

  @Test
  void read_staticGpen_declaresEveryDimension() {
    ModelSignature read = OnnxSignature.read(SharedData.randomGpen256(), "gpen");
    assertEquals("[1,3,256,256]", read.inputs().get(0).shapeText());
    assertEquals("[1,3,256,256]", read.outputs().get(0).shapeText());
  }

  @Test
  void read_missingFile_throwsModelExceptionNamingPath() {
    Path missing = tmp.resolve("missing.onnx");
    ModelException e = assertThrows(ModelException.class, () -> OnnxSignature.read(missing, "missing"));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
  }

  @RepeatedTest(20)
  void read_truncatedModel_failsNamingFileOrKeepsWholeGraph(RepetitionInfo info) throws IOException {
    byte[] whole = Files.readAllBytes(CheckedInModels.path("conv-small.onnx"));
    int cut = new Random(info.getCurrentRepetition()).nextInt(whole.length - 1) + 1;
    Path file = tmp.resolve("cut.onnx");
    Files.write(file, Arrays.copyOf(whole, cut));
    // A cut after the graph (in the opset list that follows it) leaves the graph whole.
    ModelSignature full = OnnxSignature.read(CheckedInModels.path("conv-small.onnx"), "conv-small.onnx");
    try {
      assertEquals(full, OnnxSignature.read(file, "cut.onnx"), "a cut at " + cut + " changed the graph");
    } catch (ModelException e) {
      assertTrue(e.getMessage().contains("cut.onnx"), e.getMessage());
    }
  }

  @RepeatedTest(20)
  void read_randomBytes_throwsModelException(RepetitionInfo info) throws IOException {
    byte[] bytes = new byte[512];
    new Random(info.getCurrentRepetition()).nextBytes(bytes);
    Path file = tmp.resolve("junk.onnx");
    Files.write(file, bytes);
    ModelException e = assertThrows(ModelException.class, () -> OnnxSignature.read(file, "junk.onnx"));
    assertTrue(e.getMessage().contains("junk.onnx"), e.getMessage());
  }
}
