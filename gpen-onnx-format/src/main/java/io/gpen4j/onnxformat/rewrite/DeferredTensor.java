package io.gpen4j.onnxformat.rewrite;

import io.gpen4j.onnxformat.OnnxFields.DataType;
import io.gpen4j.onnxformat.OnnxFields.Tensor;
import io.gpen4j.onnxformat.ProtoMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A float32 initializer a rewrite adds whose values are computed only when it is written, then
 * dropped: a rewritten kernel of a large model is then held once, briefly, instead of all of them
 * until the whole model is written. Its encoded size is known before its values are.
 *
 * @param name the tensor name
 * @param dims the dimensions
 * @param values computes the elements in row-major order; called once per write
 */
record DeferredTensor(String name, long[] dims, Supplier<float[]> values) {
  DeferredTensor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(values, "values");
    dims = dims.clone();
  }

  @Override
  public long[] dims() {
    return dims.clone();
  }

  /** The number of elements. */
  long count() {
    return Arrays.stream(dims).reduce(1, Math::multiplyExact);
  }

  /** The tensor with its values computed, as {@link TensorData#floatTensor} writes it. */
  ProtoMessage build() {
    float[] v = values.get();
    if (v.length != count()) {
      throw new IllegalStateException("tensor '" + name + "' of dims " + Arrays.toString(dims)
          + " was computed with " + v.length + " values");
    }
    return FloatTensors.floatTensor(name, dims, v);
  }

  /** The size of this tensor written as field {@code number} of its graph, without computing it. */
  long encodedSizeAsField(int number) {
    ProtoMessage.Builder header = ProtoMessage.builder();
    for (long d : dims) {
      header.addVarint(Tensor.DIMS, d);
    }
    header.addVarint(Tensor.DATA_TYPE, DataType.FLOAT).addString(Tensor.NAME, name);
    long size = header.build().encodedSize() + ProtoMessage.lengthDelimitedFieldSize(Tensor.RAW_DATA, 4 * count());
    return ProtoMessage.lengthDelimitedFieldSize(number, size);
  }

  /** Computes the values and writes the tensor as field {@code number} of its graph. */
  void writeAsField(int number, OutputStream out) throws IOException {
    build().writeAsField(number, out);
  }
}
