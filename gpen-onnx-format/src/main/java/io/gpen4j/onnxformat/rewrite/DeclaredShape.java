package io.gpen4j.onnxformat.rewrite;

import io.gpen4j.onnxformat.OnnxFields.Graph;
import io.gpen4j.onnxformat.OnnxFields.Shape;
import io.gpen4j.onnxformat.OnnxFields.Tensor;
import io.gpen4j.onnxformat.OnnxFields.Type;
import io.gpen4j.onnxformat.OnnxFields.ValueInfo;
import io.gpen4j.onnxformat.ProtoField;
import io.gpen4j.onnxformat.ProtoMessage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The declared shapes of a graph's inputs and outputs, read and rewritten with some axes freed:
 * what the rewrites that free an axis ({@link BatchAxis}, {@link SpatialAxes}) share. Stateless.
 */
final class DeclaredShape {
  private DeclaredShape() {}

  /** The dimensions a value info declares; empty when it declares no shape. */
  static List<ProtoMessage> dims(ProtoMessage valueInfo) {
    return valueInfo.message(ValueInfo.TYPE).flatMap(t -> t.message(Type.TENSOR_TYPE))
        .flatMap(t -> t.message(Type.TENSOR_SHAPE)).map(s -> s.messages(Shape.DIM)).orElse(List.of());
  }

  /**
   * The value info with each axis that {@code names} names turned into that symbolic dimension;
   * the other axes, and every other field, as they were.
   *
   * @param valueInfo a value info that declares a tensor shape
   * @param names the name of an axis by its index, or null to keep it
   */
  static ProtoMessage withNamedAxes(ProtoMessage valueInfo, IntFunction<String> names) {
    ProtoMessage type = valueInfo.message(ValueInfo.TYPE).orElseThrow();
    ProtoMessage tensor = type.message(Type.TENSOR_TYPE).orElseThrow();
    ProtoMessage shape = tensor.message(Type.TENSOR_SHAPE).orElseThrow();
    ProtoMessage.Builder s = ProtoMessage.builder();
    int axis = 0;
    for (ProtoField d : shape.fields()) {
      if (d.number() != Shape.DIM) {
        s.add(d);
        continue;
      }
      String name = names.apply(axis++);
      s.add(name == null ? d
          : ProtoField.message(Shape.DIM, ProtoMessage.builder().addString(Shape.DIM_PARAM, name).build()));
    }
    ProtoMessage newTensor = tensor.toBuilder().set(ProtoField.message(Type.TENSOR_SHAPE, s.build())).build();
    ProtoMessage newType = type.toBuilder().set(ProtoField.message(Type.TENSOR_TYPE, newTensor)).build();
    return valueInfo.toBuilder().set(ProtoField.message(ValueInfo.TYPE, newType)).build();
  }

  /** The names of a graph's initializers (a graph input among them is a weight, not data). */
  static Set<String> initializerNames(ProtoMessage graph) {
    Set<String> names = new HashSet<>();
    graph.messages(Graph.INITIALIZER).forEach(t -> names.add(t.string(Tensor.NAME)));
    return names;
  }
}
