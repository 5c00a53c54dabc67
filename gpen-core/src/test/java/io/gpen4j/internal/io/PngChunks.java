package io.gpen4j.internal.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** Edits PNG files chunk by chunk (PNG spec, section 5.3), recomputing each chunk's CRC. */
final class PngChunks {
  private static final int SIGNATURE_LENGTH = 8;

  private PngChunks() {}

  /** Rewrites the IHDR width and height, keeping everything else, with a correct CRC. */
  static byte[] withHeaderSize(byte[] png, int width, int height) {
    byte[] copy = png.clone();
    int ihdr = SIGNATURE_LENGTH;
    if (!"IHDR".equals(new String(copy, ihdr + 4, 4, StandardCharsets.US_ASCII))) {
      throw new IllegalArgumentException("IHDR is not the first chunk");
    }
    ByteBuffer buf = ByteBuffer.wrap(copy);
    buf.putInt(ihdr + 8, width);
    buf.putInt(ihdr + 12, height);
    buf.putInt(ihdr + 8 + 13, crc(copy, ihdr + 4, 4 + 13));
    return copy;
  }

  /** Inserts a chunk right after IHDR, where ancillary chunks such as eXIf may go. */
  static byte[] withChunkAfterHeader(byte[] png, String type, byte[] data) {
    int afterIhdr = SIGNATURE_LENGTH + 4 + 4 + 13 + 4;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(png, 0, afterIhdr);
    out.writeBytes(chunk(type, data));
    out.write(png, afterIhdr, png.length - afterIhdr);
    return out.toByteArray();
  }

  /** Encodes one chunk: length, type, data, CRC over type and data. */
  static byte[] chunk(String type, byte[] data) {
    byte[] chunk = new byte[12 + data.length];
    ByteBuffer buf = ByteBuffer.wrap(chunk);
    buf.putInt(data.length);
    buf.put(type.getBytes(StandardCharsets.US_ASCII));
    buf.put(data);
    buf.putInt(crc(chunk, 4, 4 + data.length));
    return chunk;
  }

  /**
   * A minimal big-endian TIFF/EXIF block: one IFD0 holding only the orientation tag (0x0112,
   * SHORT), as a PNG eXIf chunk or a WebP EXIF chunk carries it.
   */
  static byte[] exifOrientation(int orientation) {
    ByteBuffer b = ByteBuffer.allocate(8 + 2 + 12 + 4);
    b.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8); // header, IFD0 at 8
    b.putShort((short) 1); // one entry
    b.putShort((short) 0x0112).putShort((short) 3).putInt(1); // Orientation, SHORT, count 1
    b.putShort((short) orientation).putShort((short) 0); // value, left-justified
    b.putInt(0); // no next IFD
    return b.array();
  }

  private static int crc(byte[] bytes, int offset, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }
}
