package io.gpen4j.onnx;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One field of a protobuf message as it appears on the wire: its number, its wire type and its
 * payload. A length-delimited payload is a slice of the bytes it was read from, so a field that is
 * read and written back unchanged is copied byte-for-byte, whatever it means.
 *
 * @param number the field number
 * @param wireType one of {@link #VARINT}, {@link #FIXED64}, {@link #LEN}, {@link #FIXED32}
 * @param scalar the value of a varint or fixed field; 0 for a length-delimited one
 * @param data the array holding a length-delimited payload; null otherwise
 * @param offset where the payload starts in {@code data}
 * @param length the payload's length in bytes
 */
record ProtoField(int number, int wireType, long scalar, byte[] data, int offset, int length) {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LEN = 2;
  static final int FIXED32 = 5;

  ProtoField {
    if (number <= 0) {
      throw new IllegalArgumentException("invalid protobuf field number " + number);
    }
    if (wireType == LEN) {
      Objects.requireNonNull(data, "data");
      Objects.checkFromIndexSize(offset, length, data.length);
    } else if (wireType != VARINT && wireType != FIXED64 && wireType != FIXED32) {
      throw new IllegalArgumentException("unsupported protobuf wire type " + wireType);
    }
  }

  static ProtoField varint(int number, long value) {
    return new ProtoField(number, VARINT, value, null, 0, 0);
  }

  static ProtoField fixed32(int number, int value) {
    return new ProtoField(number, FIXED32, value & 0xFFFFFFFFL, null, 0, 0);
  }

  static ProtoField bytes(int number, byte[] payload) {
    return new ProtoField(number, LEN, 0, payload, 0, payload.length);
  }

  static ProtoField string(int number, String value) {
    return bytes(number, value.getBytes(StandardCharsets.UTF_8));
  }

  static ProtoField message(int number, ProtoMessage value) {
    return bytes(number, value.toByteArray());
  }

  boolean isLengthDelimited() {
    return wireType == LEN;
  }

  /** Parses the payload as a nested message. */
  ProtoMessage asMessage() {
    requireLen();
    return ProtoMessage.parse(data, offset, length);
  }

  String asString() {
    requireLen();
    return new String(data, offset, length, StandardCharsets.UTF_8);
  }

  byte[] asBytes() {
    requireLen();
    return Arrays.copyOfRange(data, offset, offset + length);
  }

  /** Returns the payload of a fixed32 field as a float. */
  float asFloat() {
    if (wireType != FIXED32) {
      throw new IllegalStateException("field " + number + " is not a fixed32 value");
    }
    return Float.intBitsToFloat((int) scalar);
  }

  private void requireLen() {
    if (wireType != LEN) {
      throw new IllegalStateException("field " + number + " is not length-delimited");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProtoField f
        && number == f.number
        && wireType == f.wireType
        && scalar == f.scalar
        && (wireType != LEN
            || Arrays.equals(data, offset, offset + length, f.data, f.offset, f.offset + f.length));
  }

  @Override
  public int hashCode() {
    int h = Objects.hash(number, wireType, scalar);
    for (int i = offset; wireType == LEN && i < offset + length; i++) {
      h = 31 * h + data[i];
    }
    return h;
  }

  @Override
  public String toString() {
    return "field " + number + (wireType == LEN ? " (" + length + " bytes)" : " = " + scalar);
  }
}
