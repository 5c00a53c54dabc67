package io.gpen4j.spi;

import java.util.Locale;

/**
 * The type of the elements a model stores in one of its inputs or outputs, as a backend reports
 * it in {@link TensorInfo#elementType()}. Callers exchange float32 {@link Tensor}s whatever this
 * type is: a backend converts float16 at its boundary, and rejects the other types for inputs and
 * outputs it must feed or read.
 *
 * <p>The constants are ONNX's tensor element types ({@code TensorProto.DataType} in
 * {@code onnx.proto}), which ONNX Runtime and DJL use as well; {@link #onnxDataType()} and
 * {@link #onnxName()} give ONNX's number and name, {@link #fromOnnxDataType(int)} and
 * {@link #fromOnnxName(String)} the reverse.
 */
public enum ElementType {
  /** IEEE 754 binary32, {@code float}; ONNX's FLOAT. */
  FLOAT32(1, "FLOAT"),
  /** Unsigned 8-bit integer. */
  UINT8(2, "UINT8"),
  /** Signed 8-bit integer. */
  INT8(3, "INT8"),
  /** Unsigned 16-bit integer. */
  UINT16(4, "UINT16"),
  /** Signed 16-bit integer. */
  INT16(5, "INT16"),
  /** Signed 32-bit integer. */
  INT32(6, "INT32"),
  /** Signed 64-bit integer. */
  INT64(7, "INT64"),
  /** Text. */
  STRING(8, "STRING"),
  /** Boolean. */
  BOOL(9, "BOOL"),
  /** IEEE 754 binary16, half precision. */
  FLOAT16(10, "FLOAT16"),
  /** IEEE 754 binary64, {@code double}; ONNX's DOUBLE. */
  FLOAT64(11, "DOUBLE"),
  /** Unsigned 32-bit integer. */
  UINT32(12, "UINT32"),
  /** Unsigned 64-bit integer. */
  UINT64(13, "UINT64"),
  /** bfloat16: binary32's exponent with a 7-bit mantissa. */
  BFLOAT16(16, "BFLOAT16"),
  /** A type this enum does not name (complex numbers, 8- and 4-bit floats, ...). */
  OTHER(0, "UNDEFINED");

  /** The prefix of ONNX Runtime's names for element types ({@code ONNXTensorElementDataType}). */
  private static final String ORT_PREFIX = "ONNX_TENSOR_ELEMENT_DATA_TYPE_";

  private final int onnxDataType;
  private final String onnxName;

  ElementType(int onnxDataType, String onnxName) {
    this.onnxDataType = onnxDataType;
    this.onnxName = onnxName;
  }

  /**
   * Returns ONNX's number for this type.
   *
   * @return the {@code TensorProto.DataType} value; 0 (ONNX's UNDEFINED) for {@link #OTHER}
   */
  public int onnxDataType() {
    return onnxDataType;
  }

  /**
   * Returns ONNX's name for this type.
   *
   * @return the {@code TensorProto.DataType} name, such as {@code FLOAT} or {@code FLOAT16};
   *     {@code UNDEFINED} for {@link #OTHER}
   */
  public String onnxName() {
    return onnxName;
  }

  /**
   * Returns the type with an ONNX name, as {@code onnx.proto} spells it ({@code FLOAT},
   * {@code DOUBLE}, {@code FLOAT16}, ...) or as ONNX Runtime does, with the prefix
   * {@code ONNX_TENSOR_ELEMENT_DATA_TYPE_} (the constants of its Java {@code OnnxTensorType},
   * whose numbers are not ONNX's).
   *
   * @param onnxName the name
   * @return the type, or {@link #OTHER} for a name this enum does not name
   * @throws NullPointerException if {@code onnxName} is null
   */
  public static ElementType fromOnnxName(String onnxName) {
    String name = onnxName.startsWith(ORT_PREFIX) ? onnxName.substring(ORT_PREFIX.length()) : onnxName;
    for (ElementType t : values()) {
      if (t.onnxName.equals(name) && t != OTHER) {
        return t;
      }
    }
    return OTHER;
  }

  /**
   * Returns the type with an ONNX number.
   *
   * @param onnxDataType a {@code TensorProto.DataType} value
   * @return the type, or {@link #OTHER} for a number this enum does not name
   */
  public static ElementType fromOnnxDataType(int onnxDataType) {
    for (ElementType t : values()) {
      if (t.onnxDataType == onnxDataType && t != OTHER) {
        return t;
      }
    }
    return OTHER;
  }

  /**
   * Returns whether callers can exchange float32 tensors with an input or output of this type:
   * float32 itself, or float16, which backends convert.
   *
   * @return true for {@link #FLOAT32} and {@link #FLOAT16}
   */
  public boolean isFloatExchangeable() {
    return this == FLOAT32 || this == FLOAT16;
  }

  /**
   * Returns the lower-case name used in messages, such as {@code float32}.
   *
   * @return the name
   */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
