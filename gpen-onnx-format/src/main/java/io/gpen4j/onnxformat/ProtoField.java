package io.gpen4j.onnxformat;

import io.gpen4j.ModelException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One field of a protobuf message as it appears on the wire: its number, its wire type and its
 * payload. A length-delimited payload is a read-only slice of the bytes it was read from, so a
 * field that is read and written back unchanged is copied byte-for-byte, whatever it means, and
 * a large payload (a weight tensor's {@code raw_data}) is never copied by reading it.
 *
 * <p>Immutable, as long as the bytes a message was parsed from do not change.
 *
 * @param number the field number, 1 to {@link #MAX_NUMBER}
 * @param wireType one of {@link #VARINT}, {@link #FIXED64}, {@link #LEN}, {@link #FIXED32}
 * @param scalar the value of a varint or fixed-width field; 0 for a length-delimited one
 * @param payload the bytes of a length-delimited field (position 0, limit its length); null
 *     otherwise
 */
public record ProtoField(int number, int wireType, long scalar, ByteBuffer payload) {
  /** Wire type of varints: int32, int64, uint32, uint64, sint32, sint64, bool, enum. */
  public static final int VARINT = 0;
  /** Wire type of fixed64, sfixed64 and double. */
  public static final int FIXED64 = 1;
  /** Wire type of length-delimited values: string, bytes, messages, packed repeated fields. */
  public static final int LEN = 2;
  /** Wire type of fixed32, sfixed32 and float. */
  public static final int FIXED32 = 5;
  /** The largest field number protobuf allows, 2^29 - 1. */
  public static final int MAX_NUMBER = 0x1FFFFFFF;

  /**
   * Validates the field and makes a length-delimited payload a read-only slice.
   *
   * @throws IllegalArgumentException if the number or wire type is invalid, or a payload is given
   *     for a field that is not length-delimited
   * @throws NullPointerException if a length-delimited field has no payload
   */
  public ProtoField {
    if (number <= 0 || number > MAX_NUMBER) {
      throw new IllegalArgumentException("invalid protobuf field number " + number);
    }
    if (wireType == LEN) {
      payload = Objects.requireNonNull(payload, "payload").slice().asReadOnlyBuffer();
    } else if (wireType != VARINT && wireType != FIXED64 && wireType != FIXED32) {
      throw new IllegalArgumentException("unsupported protobuf wire type " + wireType);
    } else if (payload != null) {
      throw new IllegalArgumentException("field " + number + " of wire type " + wireType + " has no payload");
    }
  }

  /**
   * Creates a varint field.
   *
   * @param number the field number
   * @param value the value, as protobuf encodes it (an enum's number, a bool as 0 or 1)
   * @return the field
   */
  public static ProtoField varint(int number, long value) {
    return new ProtoField(number, VARINT, value, null);
  }

  /**
   * Creates a fixed32 field.
   *
   * @param number the field number
   * @param value the 32 bits, such as {@code Float.floatToRawIntBits(f)}
   * @return the field
   */
  public static ProtoField fixed32(int number, int value) {
    return new ProtoField(number, FIXED32, value & 0xFFFFFFFFL, null);
  }

  /**
   * Creates a fixed64 field.
   *
   * @param number the field number
   * @param value the 64 bits, such as {@code Double.doubleToRawLongBits(d)}
   * @return the field
   */
  public static ProtoField fixed64(int number, long value) {
    return new ProtoField(number, FIXED64, value, null);
  }

  /**
   * Creates a length-delimited field holding a buffer's remaining bytes, without copying them.
   *
   * @param number the field number
   * @param payload the bytes; they must not change afterwards
   * @return the field
   */
  public static ProtoField bytes(int number, ByteBuffer payload) {
    return new ProtoField(number, LEN, 0, payload);
  }

  /**
   * Creates a length-delimited field holding an array, without copying it.
   *
   * @param number the field number
   * @param payload the bytes; the caller hands the array over and must not change it afterwards
   * @return the field
   */
  public static ProtoField bytes(int number, byte[] payload) {
    return bytes(number, ByteBuffer.wrap(payload));
  }

  /**
   * Creates a string field.
   *
   * @param number the field number
   * @param value the text, written as UTF-8
   * @return the field
   */
  public static ProtoField string(int number, String value) {
    return bytes(number, value.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Creates a field holding a nested message.
   *
   * @param number the field number
   * @param value the message
   * @return the field
   */
  public static ProtoField message(int number, ProtoMessage value) {
    return bytes(number, value.toByteArray());
  }

  /**
   * Returns the payload of a length-delimited field.
   *
   * @return a new read-only view at position 0 (so callers cannot disturb one another); null for
   *     other wire types
   */
  @Override
  public ByteBuffer payload() {
    return payload == null ? null : payload.duplicate();
  }

  /** Returns whether the field is length-delimited. @return true for {@link #LEN} */
  public boolean isLengthDelimited() {
    return wireType == LEN;
  }

  /** Returns the payload's length in bytes. @return the length; 0 unless length-delimited */
  public int length() {
    return payload == null ? 0 : payload.remaining();
  }

  /**
   * Parses the payload as a nested message.
   *
   * @return the message, its payloads slices of this one's
   * @throws ModelException if the field is not length-delimited or the payload is malformed
   */
  public ProtoMessage asMessage() {
    requireLen();
    return ProtoMessage.parse(payload);
  }

  /**
   * Decodes the payload as UTF-8 text.
   *
   * @return the text
   * @throws ModelException if the field is not length-delimited
   */
  public String asString() {
    requireLen();
    return StandardCharsets.UTF_8.decode(payload.duplicate()).toString();
  }

  /**
   * Copies the payload.
   *
   * @return a new array
   * @throws ModelException if the field is not length-delimited
   */
  public byte[] asBytes() {
    requireLen();
    byte[] out = new byte[payload.remaining()];
    payload.get(0, out);
    return out;
  }

  /**
   * Returns the payload of a fixed32 field as a float.
   *
   * @return the float
   * @throws ModelException if the field is not a fixed32 one
   */
  public float asFloat() {
    if (wireType != FIXED32) {
      throw ProtoReader.malformed("field " + number + " is not a fixed32 value");
    }
    return Float.intBitsToFloat((int) scalar);
  }

  // A field of the wrong wire type is a corrupt (or foreign) file, not a programming error.
  private void requireLen() {
    if (wireType != LEN) {
      throw ProtoReader.malformed("field " + number + " is not length-delimited");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProtoField f
        && number == f.number
        && wireType == f.wireType
        && scalar == f.scalar
        && Objects.equals(payload, f.payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(number, wireType, scalar, payload);
  }

  @Override
  public String toString() {
    return "field " + number + (wireType == LEN ? " (" + length() + " bytes)" : " = " + scalar);
  }
}
