package io.gpen4j.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A protobuf message as an ordered list of wire fields, with no schema attached. Code that knows
 * the schema ({@link OnnxFields}) reads the fields it needs and rebuilds the message with the
 * fields it changes; every other field, known or not, is written back byte-for-byte. Immutable.
 */
final class ProtoMessage {
  private final List<ProtoField> fields;

  private ProtoMessage(List<ProtoField> fields) {
    this.fields = fields;
  }

  /** Parses a whole array as one message. */
  static ProtoMessage parse(byte[] data) {
    return parse(data, 0, data.length);
  }

  /** Parses a slice as one message; payloads stay slices of {@code data}, which must not change. */
  static ProtoMessage parse(byte[] data, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, data.length);
    ProtoReader reader = new ProtoReader(data, offset, length);
    List<ProtoField> list = new ArrayList<>();
    while (reader.hasMore()) {
      list.add(reader.readField());
    }
    return new ProtoMessage(List.copyOf(list));
  }

  static Builder builder() {
    return new Builder();
  }

  Builder toBuilder() {
    Builder b = new Builder();
    b.fields.addAll(fields);
    return b;
  }

  List<ProtoField> fields() {
    return fields;
  }

  List<ProtoField> fields(int number) {
    List<ProtoField> list = new ArrayList<>();
    for (ProtoField f : fields) {
      if (f.number() == number) {
        list.add(f);
      }
    }
    return list;
  }

  /** Returns the last occurrence of a singular field, as protobuf parsers do. */
  Optional<ProtoField> field(int number) {
    for (int i = fields.size() - 1; i >= 0; i--) {
      if (fields.get(i).number() == number) {
        return Optional.of(fields.get(i));
      }
    }
    return Optional.empty();
  }

  boolean has(int number) {
    return field(number).isPresent();
  }

  String string(int number) {
    return field(number).map(ProtoField::asString).orElse("");
  }

  long varint(int number, long absent) {
    return field(number).map(ProtoField::scalar).orElse(absent);
  }

  Optional<ProtoMessage> message(int number) {
    return field(number).map(ProtoField::asMessage);
  }

  List<ProtoMessage> messages(int number) {
    List<ProtoMessage> list = new ArrayList<>();
    for (ProtoField f : fields(number)) {
      list.add(f.asMessage());
    }
    return list;
  }

  List<String> strings(int number) {
    List<String> list = new ArrayList<>();
    for (ProtoField f : fields(number)) {
      list.add(f.asString());
    }
    return list;
  }

  /** Reads a repeated varint field written either packed or one value per field. */
  long[] longs(int number) {
    long[] out = new long[8];
    int n = 0;
    for (ProtoField f : fields(number)) {
      if (f.isLengthDelimited()) {
        ProtoReader r = new ProtoReader(f.data(), f.offset(), f.length());
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

  /** Reads a repeated float field written either packed or one value per field. */
  float[] floats(int number) {
    int count = 0;
    for (ProtoField f : fields(number)) {
      count += f.isLengthDelimited() ? f.length() / 4 : 1;
    }
    float[] out = new float[count];
    int n = 0;
    for (ProtoField f : fields(number)) {
      if (f.isLengthDelimited()) {
        if (f.length() % 4 != 0) {
          throw new io.gpen4j.ModelException(
              "malformed protobuf: packed float field " + number + " has " + f.length() + " bytes");
        }
        ProtoReader r = new ProtoReader(f.data(), f.offset(), f.length());
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

  byte[] toByteArray() {
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

  /** Collects fields in order. Not thread-safe. */
  static final class Builder {
    private final List<ProtoField> fields = new ArrayList<>();

    private Builder() {}

    Builder add(ProtoField field) {
      fields.add(Objects.requireNonNull(field, "field"));
      return this;
    }

    Builder addVarint(int number, long value) {
      return add(ProtoField.varint(number, value));
    }

    Builder addString(int number, String value) {
      return add(ProtoField.string(number, value));
    }

    Builder addMessage(int number, ProtoMessage value) {
      return add(ProtoField.message(number, value));
    }

    Builder addBytes(int number, byte[] value) {
      return add(ProtoField.bytes(number, value));
    }

    /** Removes every occurrence of a field. */
    Builder remove(int number) {
      fields.removeIf(f -> f.number() == number);
      return this;
    }

    /** Replaces every occurrence of a singular field with one value, where the first one was. */
    Builder set(ProtoField field) {
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

    ProtoMessage build() {
      return new ProtoMessage(List.copyOf(fields));
    }
  }
}
