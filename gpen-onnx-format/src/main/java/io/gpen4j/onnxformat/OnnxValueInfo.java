package io.gpen4j.onnxformat;

import io.gpen4j.ModelException;
import io.gpen4j.onnxformat.OnnxFields.Shape;
import io.gpen4j.onnxformat.OnnxFields.Type;
import io.gpen4j.onnxformat.OnnxFields.ValueInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A ValueInfoProto (a graph input, output or intermediate value) with its tensor type decoded.
 *
 * @param name the value's name
 * @param elemType the TensorProto.DataType of its elements ({@link OnnxFields.DataType}); 0 when
 *     the value is not a tensor or declares no type
 * @param dims the dimensions; -1 for a symbolic ({@code dim_param}) or unset one; empty when the
 *     value declares no shape
 */
public record OnnxValueInfo(String name, int elemType, List<Long> dims) {
  /**
   * Copies the dimensions.
   *
   * @throws NullPointerException if a component is null
   */
  public OnnxValueInfo {
    Objects.requireNonNull(name, "name");
    dims = List.copyOf(dims);
  }

  /**
   * Decodes a ValueInfoProto.
   *
   * @param valueInfo the message
   * @return the decoded value
   * @throws ModelException if the message is malformed
   */
  public static OnnxValueInfo of(ProtoMessage valueInfo) {
    String name = valueInfo.string(ValueInfo.NAME);
    ProtoMessage tensor = valueInfo.message(ValueInfo.TYPE).flatMap(t -> t.message(Type.TENSOR_TYPE)).orElse(null);
    if (tensor == null) {
      return new OnnxValueInfo(name, 0, List.of());
    }
    List<Long> dims = new ArrayList<>();
    Optional<ProtoMessage> shape = tensor.message(Type.TENSOR_SHAPE);
    for (ProtoMessage dim : shape.isPresent() ? shape.get().messages(Shape.DIM) : List.<ProtoMessage>of()) {
      long value = dim.varint(Shape.DIM_VALUE, -1);
      dims.add(value > 0 ? value : -1);
    }
    return new OnnxValueInfo(name, (int) tensor.varint(Type.TENSOR_ELEM_TYPE, 0), dims);
  }

  /** Returns whether the value is a tensor of a declared element type. @return elemType != 0 */
  public boolean isTensor() {
    return elemType != 0;
  }

  /** Returns the dimensions as an array. @return a new array, -1 for free dimensions */
  public long[] shape() {
    return dims.stream().mapToLong(Long::longValue).toArray();
  }
}
