package io.gpen4j.onnxformat;

import io.gpen4j.ModelException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads protobuf wire format (https://protobuf.dev/programming-guides/encoding/) from a window of
 * a buffer: varints, fixed-width values and length-delimited payloads, which it hands out as
 * slices without copying. Reads use absolute indexes, so the buffer's position is never moved.
 * Not thread-safe; one reader per parse.
 */
final class ProtoReader {
  private final ByteBuffer data;
  private final int end;
  private int pos;

  /** Reads {@code data} from its position to its limit. */
  ProtoReader(ByteBuffer data) {
    this.data = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    this.pos = data.position();
    this.end = data.limit();
  }

  boolean hasMore() {
    return pos < end;
  }

  long readVarint() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= end) {
        throw malformed("varint runs past the end of its message");
      }
      byte b = data.get(pos++);
      result |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return result;
      }
    }
    throw malformed("varint longer than 10 bytes");
  }

  int readFixed32() {
    require(4);
    int v = data.getInt(pos);
    pos += 4;
    return v;
  }

  long readFixed64() {
    require(8);
    long v = data.getLong(pos);
    pos += 8;
    return v;
  }

  /** Reads the next field, its payload left in place as a slice. */
  ProtoField readField() {
    int at = pos;
    long key = readVarint();
    long number = key >>> 3;
    int wireType = (int) (key & 7);
    if (number <= 0 || number > ProtoField.MAX_NUMBER) {
      throw malformed("invalid field number " + number + " at byte " + at);
    }
    int n = (int) number;
    switch (wireType) {
      case ProtoField.VARINT:
        return ProtoField.varint(n, readVarint());
      case ProtoField.FIXED64:
        return ProtoField.fixed64(n, readFixed64());
      case ProtoField.FIXED32:
        return ProtoField.fixed32(n, readFixed32());
      case ProtoField.LEN:
        long length = readVarint();
        if (length < 0 || length > end - pos) {
          throw malformed("field " + n + " at byte " + at + " declares " + length
              + " bytes but only " + (end - pos) + " remain");
        }
        ProtoField f = ProtoField.bytes(n, data.slice(pos, (int) length));
        pos += (int) length;
        return f;
      default:
        throw malformed("unsupported wire type " + wireType + " for field " + n + " at byte " + at);
    }
  }

  private void require(int bytes) {
    if (end - pos < bytes) {
      throw malformed("fixed-width value runs past the end of its message");
    }
  }

  static ModelException malformed(String problem) {
    return new ModelException("malformed protobuf: " + problem);
  }
}
