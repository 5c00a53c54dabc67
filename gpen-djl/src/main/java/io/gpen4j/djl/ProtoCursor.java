package io.gpen4j.djl;

import java.nio.ByteBuffer;

/**
 * Reads protocol buffers' wire format (https://protobuf.dev/programming-guides/encoding/) from a
 * window of a buffer: field keys, varints, fixed-width values and length-delimited payloads,
 * which it hands out as sub-cursors without copying. Not thread-safe; one per parse.
 *
 * <p>Malformed input (a varint longer than ten bytes, a length past the end, a group or an unknown
 * wire type) throws {@link IllegalArgumentException} with the offset, which the caller turns into
 * a model error naming the file.
 */
final class ProtoCursor {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LENGTH_DELIMITED = 2;
  static final int FIXED32 = 5;

  private final ByteBuffer buffer;
  private final int end;
  private int position;

  ProtoCursor(ByteBuffer buffer) {
    this(buffer, buffer.position(), buffer.limit());
  }

  private ProtoCursor(ByteBuffer buffer, int start, int end) {
    this.buffer = buffer;
    this.position = start;
    this.end = end;
  }

  boolean hasMore() {
    return position < end;
  }

  /** Reads a field key. @return the key: field number in the high bits, wire type in the low 3 */
  int readKey() {
    long key = readVarint();
    if (key <= 0 || key > Integer.MAX_VALUE) {
      throw malformed("invalid field key " + key);
    }
    return (int) key;
  }

  long readVarint() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (position >= end) {
        throw malformed("varint runs past the end");
      }
      byte b = buffer.get(position++);
      result |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return result;
      }
    }
    throw malformed("varint longer than 10 bytes");
  }

  /** Reads a length-delimited payload. @return a cursor over exactly that payload */
  ProtoCursor readMessage() {
    int length = readLength();
    ProtoCursor sub = new ProtoCursor(buffer, position, position + length);
    position += length;
    return sub;
  }

  String readString() {
    int length = readLength();
    byte[] bytes = new byte[length];
    buffer.get(position, bytes);
    position += length;
    return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Skips a field's value. @param wireType the low three bits of the field's key */
  void skip(int wireType) {
    switch (wireType) {
      case VARINT:
        readVarint();
        break;
      case FIXED64:
        advance(8);
        break;
      case LENGTH_DELIMITED:
        advance(readLength());
        break;
      case FIXED32:
        advance(4);
        break;
      default:
        throw malformed("unsupported wire type " + wireType);
    }
  }

  private int readLength() {
    long length = readVarint();
    if (length < 0 || length > end - position) {
      throw malformed("length " + length + " runs past the end (" + (end - position) + " bytes left)");
    }
    return (int) length;
  }

  private void advance(int bytes) {
    if (bytes > end - position) {
      throw malformed("field runs past the end");
    }
    position += bytes;
  }

  private IllegalArgumentException malformed(String problem) {
    return new IllegalArgumentException(problem + " at byte " + position);
  }
}
