package io.gpen4j.onnxformat.rewrite;

import io.gpen4j.onnxformat.OnnxFields.DataType;
import io.gpen4j.onnxformat.OnnxFields.Tensor;
import io.gpen4j.onnxformat.ProtoField;
import io.gpen4j.onnxformat.ProtoMessage;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * The value of a graph tensor known before the model runs: its dimensions and its elements, held
 * as doubles so integer shapes and float weights share the index arithmetic of
 * {@link GraphConstants}. Only float32, int32 and int64 tensors are represented.
 *
 * @param dims the dimensions
 * @param dataType the ONNX element type ({@link DataType})
 * @param values the elements in row-major order
 */
record ConstantTensor(long[] dims, int dataType, double[] values) {
  ConstantTensor {
    dims = dims.clone();
    if (Arrays.stream(dims).reduce(1, Math::multiplyExact) != values.length) {
      throw new IllegalArgumentException("dims " + Arrays.toString(dims) + " do not hold " + values.length + " values");
    }
  }

  /** Decodes a TensorProto, or returns empty for an element type this class does not hold. */
  static Optional<ConstantTensor> of(ProtoMessage tensor) {
    long[] dims = tensor.longs(Tensor.DIMS);
    int type = (int) tensor.varint(Tensor.DATA_TYPE, 0);
    if (tensor.varint(Tensor.DATA_LOCATION, 0) == Tensor.LOCATION_EXTERNAL) {
      return Optional.empty();
    }
    if (type == DataType.FLOAT) {
      float[] f = FloatTensors.floats(tensor);
      double[] v = new double[f.length];
      for (int i = 0; i < f.length; i++) {
        v[i] = f[i];
      }
      return Optional.of(new ConstantTensor(dims, type, v));
    }
    if (type == DataType.INT64 || type == DataType.INT32) {
      Optional<ProtoField> raw = tensor.field(Tensor.RAW_DATA);
      long[] l;
      if (raw.isPresent() && type == DataType.INT64) {
        LongBuffer lb = raw.get().payload().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
        l = new long[lb.remaining()];
        lb.get(l);
      } else if (raw.isPresent()) {
        var ib = raw.get().payload().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
        l = new long[ib.remaining()];
        for (int i = 0; i < l.length; i++) {
          l[i] = ib.get(i);
        }
      } else {
        l = tensor.longs(type == DataType.INT64 ? Tensor.INT64_DATA : Tensor.INT32_DATA);
      }
      return Optional.of(new ConstantTensor(dims, type, Arrays.stream(l).asDoubleStream().toArray()));
    }
    return Optional.empty();
  }

  @Override
  public long[] dims() {
    return dims.clone();
  }

  int rank() {
    return dims.length;
  }

  /** The elements as longs (truncated). */
  long[] longs() {
    long[] out = new long[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (long) values[i];
    }
    return out;
  }

  /** The elements as floats. */
  float[] floats() {
    float[] out = new float[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  boolean isInteger() {
    return dataType != DataType.FLOAT;
  }

  /** Row-major strides of these dims. */
  long[] strides() {
    long[] s = new long[dims.length];
    long acc = 1;
    for (int i = dims.length - 1; i >= 0; i--) {
      s[i] = acc;
      acc *= dims[i];
    }
    return s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConstantTensor t && t.dataType == dataType && Arrays.equals(t.dims, dims)
        && Arrays.equals(t.values, values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(dims) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "ConstantTensor" + Arrays.toString(dims) + "(type " + dataType + ")";
  }
}
