package io.gpen4j.onnxformat;

import io.gpen4j.ModelException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A protobuf message as an ordered list of wire fields, with no schema attached. Code that knows
 * the schema ({@link OnnxFields}) reads the fields it needs and rebuilds the message with the
 * fields it changes; every other field, known or not, is written back byte-for-byte.
 *
 * <p>Design: parsing reads one level of fields and keeps length-delimited payloads as slices of
 * the input, so parsing a 300 MB model allocates a few kilobytes; nested messages are parsed when
 * asked for ({@link #message}, {@link ProtoField#asMessage}), again without copying. The input may
 * be a memory-mapped file: weights are then never read into the heap. Immutable and thread-safe
 * as long as the input bytes do not change.
 */
public final class ProtoMessage {
  private final List<ProtoField> fields;

  private ProtoMessage(List<ProtoField> fields) {
    this.fields = fields;
  }

  /**
   * Parses a whole array as one message, without copying it.
   *
   * @param data the encoded message; must not change while the message is in use
   * @return the message
   * @throws ModelException if the bytes are not a well-formed protobuf message
   */
  public static ProtoMessage parse(byte[] data) {
    return parse(ByteBuffer.wrap(data));
  }

  /**
   * Parses a buffer's remaining bytes as one message, without copying them; payloads stay slices
   * of {@code data}. The buffer's position is not changed.
   *
   * @param data the encoded message, such as a memory-mapped file; must not change while the
   *     message is in use
   * @return the message
   * @throws ModelException if the bytes are not a well-formed protobuf message
   */
  public static ProtoMessage parse(ByteBuffer data) {
    Objects.requireNonNull(data, "data");
    ProtoReader reader = new ProtoReader(data);
    List<ProtoField> list = new ArrayList<>();
    while (reader.hasMore()) {
      list.add(reader.readField());
    }
    return new ProtoMessage(List.copyOf(list));
  }

  /** Returns a builder of a new, empty message. @return the builder */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder that starts with this message's fields. @return the builder */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.fields.addAll(fields);
    return b;
  }

  /** Returns every field in wire order. @return an immutable list */
  public List<ProtoField> fields() {
    return fields;
  }

  /**
   * Returns every occurrence of a field, in wire order.
   *
   * @param number the field number
   * @return the occurrences; empty if none
   */
  public List<ProtoField> fields(int number) {
    List<ProtoField> list = new ArrayList<>();
    for (ProtoField f : fields) {
      if (f.number() == number) {
        list.add(f);
      }
    }
    return list;
  }

  /**
   * Returns the last occurrence of a singular field, as protobuf parsers do.
   *
   * @param number the field number
   * @return the field, or empty if absent
   */
  public Optional<ProtoField> field(int number) {
    for (int i = fields.size() - 1; i >= 0; i--) {
      if (fields.get(i).number() == number) {
        return Optional.of(fields.get(i));
      }
    }
    return Optional.empty();
  }

  /**
   * Returns whether a field occurs.
   *
   * @param number the field number
   * @return true if it occurs at least once
   */
  public boolean has(int number) {
    return field(number).isPresent();
  }

  /**
   * Returns a singular string field.
   *
   * @param number the field number
   * @return the text; empty (protobuf's default) if absent
   * @throws ModelException if the field is not length-delimited
   */
  public String string(int number) {
    return field(number).map(ProtoField::asString).orElse("");
  }

  /**
   * Returns a singular varint field.
   *
   * @param number the field number
   * @param absent the value to return if the field is absent
   * @return the value
   */
  public long varint(int number, long absent) {
    return field(number).map(ProtoField::scalar).orElse(absent);
  }

  /**
   * Returns a singular message field.
   *
   * @param number the field number
   * @return the parsed message, or empty if absent
   * @throws ModelException if the field is not a well-formed message
   */
  public Optional<ProtoMessage> message(int number) {
    return field(number).map(ProtoField::asMessage);
  }

  /**
   * Returns a repeated message field.
   *
   * @param number the field number
   * @return the parsed messages in wire order
   * @throws ModelException if an occurrence is not a well-formed message
   */
  public List<ProtoMessage> messages(int number) {
    List<ProtoMessage> list = new ArrayList<>();
    for (ProtoField f : fields(number)) {
      list.add(f.asMessage());
    }
    return list;
  }

  /**
   * Returns a repeated string field.
   *
   * @param number the field number
   * @return the texts in wire order
   * @throws ModelException if an occurrence is not length-delimited
   */
  public List<String> strings(int number) {
    List<String> list = new ArrayList<>();
    for (ProtoField f : fields(number)) {
      list.add(f.asString());
    }
    return list;
  }

  /**
   * Reads a repeated varint field written either packed or one value per field.
   *
   * @param number the field number
   * @return the values in wire order
   * @throws ModelException if a packed occurrence is malformed
   */
  public long[] longs(int number) {
    long[] out = new long[8];
    int n = 0;
    for (ProtoField f : fields(number)) {
      if (f.isLengthDelimited()) {
        ProtoReader r = new ProtoReader(f.payload());
        while (r.hasMore()) {
          out = grow(out, n);
          out[n++] = r.readVarint();
        }
      } else {
        out = grow(out, n);
        out[n++] = f.scalar();
      }
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * Reads a repeated float field written either packed or one value per field.
   *
   * @param number the field number
   * @return the values in wire order
   * @throws ModelException if an occurrence is neither a fixed32 value nor a whole number of them
   */
  public float[] floats(int number) {
    int count = 0;
    for (ProtoField f : fields(number)) {
      count += f.isLengthDelimited() ? f.length() / 4 : 1;
    }
    float[] out = new float[count];
    int n = 0;
    for (ProtoField f : fields(number)) {
      if (f.isLengthDelimited()) {
        if (f.length() % 4 != 0) {
          throw ProtoReader.malformed("packed float field " + number + " has " + f.length() + " bytes");
        }
        ProtoReader r = new ProtoReader(f.payload());
        while (r.hasMore()) {
          out[n++] = Float.intBitsToFloat(r.readFixed32());
        }
      } else {
        out[n++] = f.asFloat();
      }
    }
    return out;
  }

  private static long[] grow(long[] a, int n) {
    return n < a.length ? a : Arrays.copyOf(a, a.length * 2);
  }

  /**
   * Encodes the message.
   *
   * @return the wire bytes
   * @throws IllegalStateException if the message would exceed 2 GB, protobuf's limit
   */
  public byte[] toByteArray() {
    long size = 0;
    for (ProtoField f : fields) {
      size += 16 + f.length();
    }
    ProtoWriter w = new ProtoWriter((int) Math.min(size, Integer.MAX_VALUE - 8));
    for (ProtoField f : fields) {
      w.writeField(f);
    }
    return w.toByteArray();
  }

  /**
   * Encodes the message into a stream, field by field, without building the whole encoding in
   * memory first (a large model is then held once, in its fields, not three times).
   *
   * @param out where to write; not closed
   * @throws IOException if writing fails
   */
  public void writeTo(OutputStream out) throws IOException {
    for (ProtoField f : fields) {
      ProtoWriter w = new ProtoWriter(24);
      w.writeFieldHeader(f);
      out.write(w.toByteArray());
      if (f.isLengthDelimited()) {
        ByteBuffer payload = f.payload();
        if (payload.hasArray()) {
          out.write(payload.array(), payload.arrayOffset() + payload.position(), payload.remaining());
        } else {
          byte[] chunk = new byte[Math.min(1 << 16, payload.remaining())];
          while (payload.hasRemaining()) {
            int n = Math.min(chunk.length, payload.remaining());
            payload.get(chunk, 0, n);
            out.write(chunk, 0, n);
          }
        }
      }
    }
  }

  /**
   * Returns the length of this message's encoding, without encoding it.
   *
   * @return the number of bytes {@link #writeTo} writes
   */
  public long encodedSize() {
    long size = 0;
    for (ProtoField f : fields) {
      size += ProtoWriter.varintSize((long) f.number() << 3 | f.wireType());
      size += switch (f.wireType()) {
        case ProtoField.VARINT -> ProtoWriter.varintSize(f.scalar());
        case ProtoField.FIXED32 -> 4;
        case ProtoField.FIXED64 -> 8;
        default -> ProtoWriter.varintSize(f.length()) + (long) f.length();
      };
    }
    return size;
  }

  /**
   * Writes this message as a length-delimited field of an enclosing message, streaming it: the
   * same bytes as writing {@code ProtoField.message(number, this)}, without encoding the nested
   * message into an array first (a rewritten graph of a large model is then never copied).
   *
   * @param number the field number in the enclosing message
   * @param out where to write; not closed
   * @throws IOException if writing fails
   */
  public void writeAsField(int number, OutputStream out) throws IOException {
    writeLengthDelimitedHeader(number, encodedSize(), out);
    writeTo(out);
  }

  /**
   * Returns the encoded size of a length-delimited field: tag, length and payload.
   *
   * @param number the field number
   * @param length the payload's length in bytes
   * @return the size in bytes
   */
  public static long lengthDelimitedFieldSize(int number, long length) {
    requireNumber(number);
    return ProtoWriter.varintSize((long) number << 3 | ProtoField.LEN) + ProtoWriter.varintSize(length) + length;
  }

  /**
   * Writes the tag and length of a length-delimited field whose payload the caller then streams,
   * such as a message assembled while it is written; the payload must be exactly {@code length}
   * bytes.
   *
   * @param number the field number
   * @param length the payload's length in bytes
   * @param out where to write; not closed
   * @throws IOException if writing fails
   */
  public static void writeLengthDelimitedHeader(int number, long length, OutputStream out) throws IOException {
    requireNumber(number);
    if (length < 0) {
      throw new IllegalArgumentException("negative length " + length);
    }
    ProtoWriter w = new ProtoWriter(24);
    w.writeVarint((long) number << 3 | ProtoField.LEN);
    w.writeVarint(length);
    out.write(w.toByteArray());
  }

  private static void requireNumber(int number) {
    if (number <= 0 || number > ProtoField.MAX_NUMBER) {
      throw new IllegalArgumentException("invalid protobuf field number " + number);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProtoMessage m && fields.equals(m.fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  @Override
  public String toString() {
    return "ProtoMessage" + fields;
  }

  /** Collects fields in order for a new message. Not thread-safe. */
  public static final class Builder {
    private final List<ProtoField> fields = new ArrayList<>();

    private Builder() {}

    /**
     * Appends a field.
     *
     * @param field the field
     * @return this builder
     */
    public Builder add(ProtoField field) {
      fields.add(Objects.requireNonNull(field, "field"));
      return this;
    }

    /**
     * Appends a varint field.
     *
     * @param number the field number
     * @param value the value
     * @return this builder
     */
    public Builder addVarint(int number, long value) {
      return add(ProtoField.varint(number, value));
    }

    /**
     * Appends a string field.
     *
     * @param number the field number
     * @param value the text
     * @return this builder
     */
    public Builder addString(int number, String value) {
      return add(ProtoField.string(number, value));
    }

    /**
     * Appends a message field.
     *
     * @param number the field number
     * @param value the message
     * @return this builder
     */
    public Builder addMessage(int number, ProtoMessage value) {
      return add(ProtoField.message(number, value));
    }

    /**
     * Appends a bytes field, without copying the array.
     *
     * @param number the field number
     * @param value the bytes; handed over, must not change afterwards
     * @return this builder
     */
    public Builder addBytes(int number, byte[] value) {
      return add(ProtoField.bytes(number, value));
    }

    /**
     * Removes every occurrence of a field.
     *
     * @param number the field number
     * @return this builder
     */
    public Builder remove(int number) {
      fields.removeIf(f -> f.number() == number);
      return this;
    }

    /**
     * Replaces every occurrence of a singular field with one value, where the first one was (or
     * at the end if there was none).
     *
     * @param field the new value
     * @return this builder
     */
    public Builder set(ProtoField field) {
      int at = -1;
      for (int i = 0; i < fields.size(); i++) {
        if (fields.get(i).number() == field.number()) {
          at = at < 0 ? i : at;
        }
      }
      remove(field.number());
      fields.add(at < 0 ? fields.size() : Math.min(at, fields.size()), field);
      return this;
    }

    /** Returns the message; the builder stays usable. @return the message */
    public ProtoMessage build() {
      return new ProtoMessage(List.copyOf(fields));
    }
  }
}
