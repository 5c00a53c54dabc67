package io.gpen4j.onnx;

import ai.onnxruntime.platform.Fp16Conversions;
import io.gpen4j.onnxformat.OnnxFields.DataType;
import io.gpen4j.onnxformat.OnnxFields.Tensor;
import io.gpen4j.onnxformat.ProtoField;
import io.gpen4j.onnxformat.ProtoMessage;
import io.gpen4j.onnxformat.rewrite.FloatTensors;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;

/**
 * Float16 values of TensorProtos, for the FP16 conversion (float32 ones: {@link FloatTensors}).
 *
 * <p>Float16 bits come from ONNX Runtime's {@link Fp16Conversions} (round to nearest, ties to
 * even), with one change made for weights, as onnxconverter-common makes it: finite values never
 * become infinite or zero. A weight beyond the float16 range clamps to +-65504 rather than
 * becoming infinity, and a non-zero value below the smallest float16 (2^-24) clamps to +-2^-24
 * rather than becoming zero, so that a small epsilon (1e-8 in a normalisation) does not turn
 * into a division by zero.
 */
final class TensorData {
  /** The largest finite float16, 65504. */
  static final float FLOAT16_MAX = 65504f;
  /** The smallest positive float16 (a subnormal), 2^-24. */
  static final float FLOAT16_MIN = 0x1p-24f;

  private TensorData() {}

  /** Returns the float16 bits of a weight: nearest, ties to even, clamped as the class says. */
  static short weightToFloat16(float value) {
    float abs = Math.abs(value);
    if (abs > FLOAT16_MAX && abs != Float.POSITIVE_INFINITY) {
      return Fp16Conversions.floatToFp16(Math.copySign(FLOAT16_MAX, value));
    }
    if (abs < FLOAT16_MIN && abs != 0f) {
      return Fp16Conversions.floatToFp16(Math.copySign(FLOAT16_MIN, value));
    }
    return Fp16Conversions.floatToFp16(value);
  }

  /**
   * Returns a copy of a float32 tensor as float16 ({@link #weightToFloat16}), its values in
   * {@code raw_data}; name, dims and every other field unchanged.
   */
  static ProtoMessage toFloat16(ProtoMessage tensor) {
    float[] values = FloatTensors.floats(tensor);
    byte[] raw = new byte[values.length * 2];
    for (int i = 0; i < values.length; i++) {
      short h = weightToFloat16(values[i]);
      raw[2 * i] = (byte) h;
      raw[2 * i + 1] = (byte) (h >>> 8);
    }
    ProtoMessage.Builder b = ProtoMessage.builder();
    boolean dataWritten = false;
    for (ProtoField f : tensor.fields()) {
      if (f.number() == Tensor.DATA_TYPE) {
        b.addVarint(Tensor.DATA_TYPE, DataType.FLOAT16);
      } else if (f.number() == Tensor.RAW_DATA || f.number() == Tensor.FLOAT_DATA) {
        if (!dataWritten) {
          b.addBytes(Tensor.RAW_DATA, raw);
          dataWritten = true;
        }
      } else {
        b.add(f);
      }
    }
    if (!dataWritten) {
      b.addBytes(Tensor.RAW_DATA, raw);
    }
    return b.build();
  }

  /** Returns a float16 tensor's values as floats, from {@code raw_data} or {@code int32_data}. */
  static float[] float16s(ProtoMessage tensor) {
    if (tensor.varint(Tensor.DATA_TYPE, 0) != DataType.FLOAT16) {
      throw new IllegalArgumentException("tensor '" + tensor.string(Tensor.NAME) + "' is not float16");
    }
    var raw = tensor.field(Tensor.RAW_DATA);
    if (raw.isPresent()) {
      ProtoField f = raw.get();
      ShortBuffer bits = f.payload().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
      float[] out = new float[bits.remaining()];
      for (int i = 0; i < out.length; i++) {
        out[i] = Fp16Conversions.fp16ToFloat(bits.get(i));
      }
      return out;
    }
    long[] bits = tensor.longs(Tensor.INT32_DATA);
    float[] out = new float[bits.length];
    for (int i = 0; i < bits.length; i++) {
      out[i] = Fp16Conversions.fp16ToFloat((short) bits[i]);
    }
    return out;
  }
}
