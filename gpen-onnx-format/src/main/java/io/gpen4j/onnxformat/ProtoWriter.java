package io.gpen4j.onnxformat;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Writes protobuf wire format (https://protobuf.dev/programming-guides/encoding/) into a growing
 * byte array. Not thread-safe; one writer per message.
 */
final class ProtoWriter {
  private byte[] buf;
  private int size;

  ProtoWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  void writeField(ProtoField f) {
    writeFieldHeader(f);
    if (f.isLengthDelimited()) {
      writeBytes(f.payload());
    }
  }

  /** Writes a field's tag and, for a scalar, its value; for a length-delimited one, its length. */
  void writeFieldHeader(ProtoField f) {
    writeVarint((long) f.number() << 3 | f.wireType());
    switch (f.wireType()) {
      case ProtoField.VARINT:
        writeVarint(f.scalar());
        break;
      case ProtoField.FIXED32:
        writeFixed32((int) f.scalar());
        break;
      case ProtoField.FIXED64:
        writeFixed32((int) f.scalar());
        writeFixed32((int) (f.scalar() >>> 32));
        break;
      default:
        writeVarint(f.length());
    }
  }

  /** The number of bytes {@link #writeVarint} writes for a value. */
  static int varintSize(long v) {
    int n = 1;
    while ((v & ~0x7FL) != 0) {
      n++;
      v >>>= 7;
    }
    return n;
  }

  void writeVarint(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
  }

  void writeFixed32(int v) {
    ensure(4);
    buf[size++] = (byte) v;
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) (v >>> 16);
    buf[size++] = (byte) (v >>> 24);
  }

  /** Writes a buffer's remaining bytes, leaving its position where it was. */
  void writeBytes(ByteBuffer src) {
    int length = src.remaining();
    ensure(length);
    src.get(src.position(), buf, size, length);
    size += length;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  private void ensure(int more) {
    if (buf.length - size < more) {
      long wanted = Math.max((long) buf.length * 2, (long) size + more);
      if (wanted > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("protobuf message over 2 GB: " + wanted + " bytes");
      }
      buf = Arrays.copyOf(buf, (int) wanted);
    }
  }
}
