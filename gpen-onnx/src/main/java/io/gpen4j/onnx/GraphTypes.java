package io.gpen4j.onnx;

import io.gpen4j.onnxformat.OnnxFields.Attribute;
import io.gpen4j.onnxformat.OnnxFields.DataType;
import io.gpen4j.onnxformat.OnnxFields.Graph;
import io.gpen4j.onnxformat.OnnxFields.Tensor;
import io.gpen4j.onnxformat.OnnxNode;
import io.gpen4j.onnxformat.OnnxValueInfo;
import io.gpen4j.onnxformat.ProtoMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The element type (a TensorProto.DataType value) of every tensor in a graph, as far as the
 * graph declares it or simple rules infer it. Declared types (inputs, outputs, value_info,
 * initializers, constants) win; an undeclared node output takes the type its operator gives:
 * Cast's {@code to}, int64 for Shape-like operators, bool for comparisons, otherwise the type of
 * its first input, which is right for the arithmetic, convolution and data-movement operators
 * of image models. Not a full ONNX type inference; {@link #of} returns 0 for unknown.
 */
final class GraphTypes {
  private static final Set<String> INT64_OUTPUT = Set.of("Shape", "Size", "NonZero", "ArgMax", "ArgMin");
  private static final Set<String> BOOL_OUTPUT = Set.of(
      "Equal", "Less", "LessOrEqual", "Greater", "GreaterOrEqual", "Not", "And", "Or", "Xor",
      "IsNaN", "IsInf");

  private final Map<String, Integer> types;

  private GraphTypes(Map<String, Integer> types) {
    this.types = types;
  }

  static GraphTypes infer(ProtoMessage graph, List<OnnxNode> nodes) {
    Map<String, Integer> declared = new HashMap<>();
    for (int field : new int[] {Graph.INPUT, Graph.OUTPUT, Graph.VALUE_INFO}) {
      for (ProtoMessage vi : graph.messages(field)) {
        OnnxValueInfo v = OnnxValueInfo.of(vi);
        if (v.isTensor()) {
          declared.put(v.name(), v.elemType());
        }
      }
    }
    for (ProtoMessage init : graph.messages(Graph.INITIALIZER)) {
      declared.put(init.string(Tensor.NAME), (int) init.varint(Tensor.DATA_TYPE, 0));
    }
    Map<String, Integer> types = new HashMap<>(declared);
    for (OnnxNode node : nodes) {
      for (int i = 0; i < node.outputs().size(); i++) {
        String out = node.outputs().get(i);
        if (!out.isEmpty() && !declared.containsKey(out)) {
          types.put(out, outputType(node, i, types));
        }
      }
    }
    return new GraphTypes(types);
  }

  private static int outputType(OnnxNode node, int index, Map<String, Integer> known) {
    String op = node.opType();
    Optional<ProtoMessage> dtype = node.attribute("dtype");
    if (op.equals("Cast")) {
      return node.attribute("to").map(a -> (int) a.varint(Attribute.I, 0)).orElse(0);
    }
    if (op.equals("Constant")) {
      return constantType(node);
    }
    if (op.equals("ConstantOfShape")) {
      return node.attribute("value")
          .flatMap(a -> a.message(Attribute.T))
          .map(t -> (int) t.varint(Tensor.DATA_TYPE, 0))
          .orElse(DataType.FLOAT);
    }
    if (INT64_OUTPUT.contains(op) || ((op.equals("TopK") || op.equals("MaxPool")) && index == 1)) {
      return DataType.INT64;
    }
    if (BOOL_OUTPUT.contains(op)) {
      return DataType.BOOL;
    }
    if (dtype.isPresent()) {
      return (int) dtype.get().varint(Attribute.I, 0);
    }
    if (op.startsWith("Random") && !op.endsWith("Like")) {
      return DataType.FLOAT;
    }
    if ((op.equals("Where") || op.equals("CastLike")) && node.inputs().size() > 1) {
      return known.getOrDefault(node.inputs().get(1), 0);
    }
    for (String in : node.inputs()) {
      if (!in.isEmpty()) {
        return known.getOrDefault(in, 0);
      }
    }
    return 0;
  }

  private static int constantType(OnnxNode node) {
    for (ProtoMessage a : node.attributes()) {
      switch (a.string(Attribute.NAME)) {
        case "value":
          return a.message(Attribute.T).map(t -> (int) t.varint(Tensor.DATA_TYPE, 0)).orElse(0);
        case "value_float":
        case "value_floats":
          return DataType.FLOAT;
        case "value_int":
        case "value_ints":
          return DataType.INT64;
        default:
          break;
      }
    }
    return 0;
  }

  /** Returns the element type of a tensor, 0 if unknown. */
  int of(String name) {
    return types.getOrDefault(name, 0);
  }

  boolean isFloat(String name) {
    return of(name) == DataType.FLOAT;
  }
}
