package io.gpen4j.onnxformat.testing;

import io.gpen4j.onnxformat.OnnxFields.Attribute;
import io.gpen4j.onnxformat.OnnxFields.Graph;
import io.gpen4j.onnxformat.OnnxFields.Model;
import io.gpen4j.onnxformat.OnnxFields.Node;
import io.gpen4j.onnxformat.OnnxFields.OpsetId;
import io.gpen4j.onnxformat.OnnxFields.Shape;
import io.gpen4j.onnxformat.OnnxFields.Type;
import io.gpen4j.onnxformat.OnnxFields.ValueInfo;
import io.gpen4j.onnxformat.OnnxNode;
import io.gpen4j.onnxformat.ProtoField;
import io.gpen4j.onnxformat.ProtoMessage;
import java.util.List;

/**
 * Writes small ONNX models with the project's protobuf writer, for tests and the checked-in test
 * models. Not thread-safe.
 */
public final class ModelBuilder {
  public static final int OPSET = 13;
  public static final int IR_VERSION = 7;

  private final ProtoMessage.Builder graph = ProtoMessage.builder();

  public ModelBuilder(String graphName) {
    graph.addString(Graph.NAME, graphName);
  }

  /** Adds a graph input; a negative dimension is left free (a dim_param). */
  public ModelBuilder input(String name, int elemType, long... dims) {
    graph.addMessage(Graph.INPUT, valueInfoProto(name, elemType, dims));
    return this;
  }

  public ModelBuilder output(String name, int elemType, long... dims) {
    graph.addMessage(Graph.OUTPUT, valueInfoProto(name, elemType, dims));
    return this;
  }

  public ModelBuilder valueInfo(String name, int elemType, long... dims) {
    graph.addMessage(Graph.VALUE_INFO, valueInfoProto(name, elemType, dims));
    return this;
  }

  public ModelBuilder initializer(ProtoMessage tensor) {
    graph.addMessage(Graph.INITIALIZER, tensor);
    return this;
  }

  public ModelBuilder node(String opType, List<String> inputs, List<String> outputs, ProtoMessage... attributes) {
    ProtoMessage.Builder n = ProtoMessage.builder();
    inputs.forEach(i -> n.addString(Node.INPUT, i));
    outputs.forEach(o -> n.addString(Node.OUTPUT, o));
    n.addString(Node.NAME, opType + "_" + outputs.get(0));
    n.addString(Node.OP_TYPE, opType);
    for (ProtoMessage a : attributes) {
      n.addMessage(Node.ATTRIBUTE, a);
    }
    graph.addMessage(Graph.NODE, n.build());
    return this;
  }

  public ProtoMessage build() {
    return ProtoMessage.builder()
        .addVarint(Model.IR_VERSION, IR_VERSION)
        .addString(Model.PRODUCER_NAME, "gpen4j-test-models")
        .addMessage(Model.GRAPH, graph.build())
        .addMessage(Model.OPSET_IMPORT, ProtoMessage.builder()
            .addString(OpsetId.DOMAIN, "")
            .addVarint(OpsetId.VERSION, OPSET)
            .build())
        .build();
  }

  public byte[] toByteArray() {
    return build().toByteArray();
  }

  public static ProtoMessage intAttr(String name, long value) {
    return OnnxNode.intAttribute(name, value);
  }

  public static ProtoMessage floatAttr(String name, float value) {
    return ProtoMessage.builder()
        .addString(Attribute.NAME, name)
        .add(ProtoField.fixed32(Attribute.F, Float.floatToRawIntBits(value)))
        .addVarint(Attribute.TYPE, Attribute.TYPE_FLOAT)
        .build();
  }

  public static ProtoMessage intsAttr(String name, long... values) {
    return OnnxNode.intsAttribute(name, values);
  }

  public static ProtoMessage stringAttr(String name, String value) {
    return ProtoMessage.builder()
        .addString(Attribute.NAME, name)
        .addString(4, value)
        .addVarint(Attribute.TYPE, 3)
        .build();
  }

  public static ProtoMessage tensorAttr(String name, ProtoMessage tensor) {
    return ProtoMessage.builder()
        .addString(Attribute.NAME, name)
        .addMessage(Attribute.T, tensor)
        .addVarint(Attribute.TYPE, Attribute.TYPE_TENSOR)
        .build();
  }

  private static ProtoMessage valueInfoProto(String name, int elemType, long... dims) {
    ProtoMessage.Builder shape = ProtoMessage.builder();
    for (int i = 0; i < dims.length; i++) {
      ProtoMessage dim = dims[i] >= 0
          ? ProtoMessage.builder().addVarint(Shape.DIM_VALUE, dims[i]).build()
          : ProtoMessage.builder().addString(Shape.DIM_PARAM, name + "_d" + i).build();
      shape.addMessage(Shape.DIM, dim);
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
}
