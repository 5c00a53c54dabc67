package io.gpen4j.onnxformat.rewrite;

import io.gpen4j.ModelException;
import io.gpen4j.onnxformat.OnnxFields.DataType;
import io.gpen4j.onnxformat.OnnxFields.Tensor;
import io.gpen4j.onnxformat.ProtoField;
import io.gpen4j.onnxformat.ProtoMessage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Reads and writes the values of float32 TensorProtos (initializers and constant attributes), for
 * the rewrite and for the ONNX Runtime backend's FP16 conversion.
 */
public final class FloatTensors {
  private FloatTensors() {}

  /**
   * Builds a float32 TensorProto with its values in {@code raw_data}.
   *
   * @param name the tensor's name, or null for an unnamed tensor (a constant attribute)
   * @param dims the dimensions
   * @param values the values in row-major order
   * @return the tensor
   */
  public static ProtoMessage floatTensor(String name, long[] dims, float[] values) {
    ProtoMessage.Builder t = ProtoMessage.builder();
    for (long d : dims) {
      t.addVarint(Tensor.DIMS, d);
    }
    t.addVarint(Tensor.DATA_TYPE, DataType.FLOAT);
    if (name != null) {
      t.addString(Tensor.NAME, name);
    }
    ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    raw.asFloatBuffer().put(values);
    return t.addBytes(Tensor.RAW_DATA, raw.array()).build();
  }

  /**
   * Returns a float32 tensor's values, from {@code raw_data} or {@code float_data}.
   *
   * @param tensor a TensorProto
   * @return the values
   * @throws IllegalArgumentException if the tensor is not float32
   * @throws ModelException if its values are external or its raw data is not whole floats
   */
  public static float[] floats(ProtoMessage tensor) {
    String name = tensor.string(Tensor.NAME);
    if (tensor.varint(Tensor.DATA_TYPE, 0) != DataType.FLOAT) {
      throw new IllegalArgumentException("tensor '" + name + "' is not float32");
    }
    if (tensor.varint(Tensor.DATA_LOCATION, 0) == Tensor.LOCATION_EXTERNAL) {
      throw new ModelException("tensor '" + name + "' keeps its values in an external file, "
          + "which FP16 conversion does not support");
    }
    var raw = tensor.field(Tensor.RAW_DATA);
    if (raw.isPresent()) {
      ProtoField f = raw.get();
      if (f.length() % 4 != 0) {
        throw new ModelException("tensor '" + name + "' has " + f.length()
            + " bytes of raw data, not a whole number of float32 values");
      }
      FloatBuffer fb = f.payload().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
      float[] out = new float[fb.remaining()];
      fb.get(out);
      return out;
    }
    return tensor.floats(Tensor.FLOAT_DATA);
  }
}
