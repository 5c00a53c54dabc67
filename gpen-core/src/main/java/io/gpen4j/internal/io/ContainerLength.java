package io.gpen4j.internal.io;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Compares the lengths a container declares with the bytes present, so that a cut-off file is
 * reported as truncated, cheaply and before any pixel is decoded.
 *
 * <p>Why: TwelveMonkeys' WebP reader decodes a cut-off bitstream without an exception or warning,
 * and the JDK's PNG reader fails on one with messages such as "Invalid chunk length" that do not
 * say what happened. Both containers declare their lengths: a WebP file is a RIFF container whose
 * header gives the length of everything after it (WebP container spec, "RIFF Header"), and every
 * PNG chunk starts with its data length (PNG spec, section 5.3). BMP, GIF and TIFF readers fail
 * with an {@link java.io.EOFException}; JPEG readers warn (see {@link ReadWarnings}).
 *
 * <p>Thread-safe: stateless.
 */
final class ContainerLength {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private ContainerLength() {}

  /**
   * Checks a whole file.
   *
   * @param bytes the file
   * @param format the format ImageIO recognised, lower case
   * @return a description of the shortfall if the file is shorter than it declares, else empty
   */
  static Optional<String> truncation(byte[] bytes, String format) {
    return switch (format) {
      case "webp" -> riff(bytes);
      case "png" -> png(bytes);
      default -> Optional.empty();
    };
  }

  private static Optional<String> riff(byte[] bytes) {
    if (bytes.length < 12 || !startsWith(bytes, new byte[] {'R', 'I', 'F', 'F'})) {
      return Optional.empty();
    }
    long declared = 8 + uint32(bytes, 4, false);
    if (bytes.length < declared) {
      return Optional.of(
          "the RIFF header declares " + declared + " bytes but the file has " + bytes.length);
    }
    return Optional.empty();
  }

  /** Walks the chunks up to IEND, which the JDK's PNG reader also insists on. */
  private static Optional<String> png(byte[] bytes) {
    if (!startsWith(bytes, PNG_SIGNATURE)) {
      return Optional.empty();
    }
    long pos = PNG_SIGNATURE.length;
    while (pos + 8 <= bytes.length) {
      long length = uint32(bytes, (int) pos, true);
      String type = new String(bytes, (int) pos + 4, 4, StandardCharsets.ISO_8859_1);
      if (type.equals("IEND")) {
        return Optional.empty();
      }
      long end = pos + 12 + length;
      if (end > bytes.length) {
        return Optional.of(
            "chunk "
                + type
                + " at byte "
                + pos
                + " declares "
                + length
                + " data bytes but the file ends at byte "
                + bytes.length);
      }
      pos = end;
    }
    return Optional.of(
        pos < bytes.length
            ? "the file ends inside a chunk header at byte " + pos
            : "the file ends before the IEND chunk, at byte " + pos);
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static long uint32(byte[] b, int at, boolean bigEndian) {
    long b0 = b[at] & 0xFFL;
    long b1 = b[at + 1] & 0xFFL;
    long b2 = b[at + 2] & 0xFFL;
    long b3 = b[at + 3] & 0xFFL;
    return bigEndian ? b0 << 24 | b1 << 16 | b2 << 8 | b3 : b3 << 24 | b2 << 16 | b1 << 8 | b0;
  }
}
