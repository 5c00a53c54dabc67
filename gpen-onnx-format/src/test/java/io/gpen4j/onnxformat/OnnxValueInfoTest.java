package io.gpen4j.onnxformat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.gpen4j.onnxformat.OnnxFields.DataType;
import io.gpen4j.onnxformat.OnnxFields.Graph;
import io.gpen4j.onnxformat.OnnxFields.Model;
import io.gpen4j.onnxformat.OnnxFields.Shape;
import io.gpen4j.onnxformat.OnnxFields.Type;
import io.gpen4j.onnxformat.OnnxFields.ValueInfo;
import io.gpen4j.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

final class OnnxValueInfoTest {
  @Test
  void of_gpen256Input_isFloat32WithEveryDimension() throws IOException {
    ProtoMessage graph = ProtoMessage.parse(Files.readAllBytes(SharedData.randomGpen256()))
        .message(Model.GRAPH).orElseThrow();
    OnnxValueInfo input = OnnxValueInfo.of(graph.messages(Graph.INPUT).get(0));
    assertEquals(new OnnxValueInfo("input", DataType.FLOAT, List.of(1L, 3L, 256L, 256L)), input);
    assertArrayEquals(new long[] {1, 3, 256, 256}, input.shape());
  }

  @Test
  void of_symbolicAndUnsetDimensions_areMinusOne() {
    ProtoMessage shape = ProtoMessage.builder()
        .addMessage(Shape.DIM, ProtoMessage.builder().addVarint(Shape.DIM_VALUE, 1).build())
        .addMessage(Shape.DIM, ProtoMessage.builder().addString(Shape.DIM_PARAM, "height").build())
        .addMessage(Shape.DIM, ProtoMessage.builder().build())
        .build();
    ProtoMessage tensor = ProtoMessage.builder()
        .addVarint(Type.TENSOR_ELEM_TYPE, DataType.FLOAT16)
        .addMessage(Type.TENSOR_SHAPE, shape)
        .build();
    ProtoMessage vi = ProtoMessage.builder()
        .addString(ValueInfo.NAME, "x")
        .addMessage(ValueInfo.TYPE, ProtoMessage.builder().addMessage(Type.TENSOR_TYPE, tensor).build())
        .build();
    assertEquals(new OnnxValueInfo("x", DataType.FLOAT16, List.of(1L, -1L, -1L)), OnnxValueInfo.of(vi));
  }

  @Test
  void of_valueWithoutType_isNotATensor() {
    OnnxValueInfo v = OnnxValueInfo.of(ProtoMessage.builder().addString(ValueInfo.NAME, "seq").build());
    assertFalse(v.isTensor());
    assertEquals(List.of(), v.dims());
  }
}
