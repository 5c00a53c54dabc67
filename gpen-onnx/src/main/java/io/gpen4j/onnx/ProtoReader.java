package io.gpen4j.onnx;

import io.gpen4j.ModelException;

/**
 * Reads protobuf wire format (https://protobuf.dev/programming-guides/encoding/) from a byte
 * array: varints, fixed-width values and length-delimited payloads. Not thread-safe; one reader
 * per parse.
 */
final class ProtoReader {
  private final byte[] data;
  private final int end;
  private int pos;

  ProtoReader(byte[] data, int offset, int length) {
    this.data = data;
    this.pos = offset;
    this.end = offset + length;
  }

  boolean hasMore() {
    return pos < end;
  }

  int position() {
    return pos;
  }

  long readVarint() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= end) {
        throw malformed("varint runs past the end of its message");
      }
      byte b = data[pos++];
      result |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return result;
      }
    }
    throw malformed("varint longer than 10 bytes");
  }

  int readFixed32() {
    require(4);
    int v = (data[pos] & 0xFF)
        | (data[pos + 1] & 0xFF) << 8
        | (data[pos + 2] & 0xFF) << 16
        | (data[pos + 3] & 0xFF) << 24;
    pos += 4;
    return v;
  }

  long readFixed64() {
    long lo = readFixed32() & 0xFFFFFFFFL;
    long hi = readFixed32() & 0xFFFFFFFFL;
    return lo | hi << 32;
  }

  /** Reads the next field, its payload left in place as a slice. */
  ProtoField readField() {
    int at = pos;
    long key = readVarint();
    int number = (int) (key >>> 3);
    int wireType = (int) (key & 7);
    if (number <= 0 || key >>> 3 > 0x1FFFFFFF) {
      throw malformed("invalid field number " + (key >>> 3) + " at byte " + at);
    }
    switch (wireType) {
      case ProtoField.VARINT:
        return ProtoField.varint(number, readVarint());
      case ProtoField.FIXED64:
        return new ProtoField(number, wireType, readFixed64(), null, 0, 0);
      case ProtoField.FIXED32:
        return ProtoField.fixed32(number, readFixed32());
      case ProtoField.LEN:
        long length = readVarint();
        if (length < 0 || length > end - pos) {
          throw malformed("field " + number + " at byte " + at + " declares " + length
              + " bytes but only " + (end - pos) + " remain");
        }
        ProtoField f = new ProtoField(number, wireType, 0, data, pos, (int) length);
        pos += (int) length;
        return f;
      default:
        throw malformed("unsupported wire type " + wireType + " for field " + number + " at byte " + at);
    }
  }

  private void require(int bytes) {
    if (end - pos < bytes) {
      throw malformed("fixed-width value runs past the end of its message");
    }
  }

  private static ModelException malformed(String problem) {
    return new ModelException("malformed protobuf: " + problem);
  }
}
