package io.gpen4j.internal.io;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Names well-known image formats that no installed reader decodes, from their first bytes, so a
 * refusal says "HEIC" rather than only printing the bytes. Signatures: ISO/IEC 23008-12 (HEIF) and
 * AVIF put an {@code ftyp} box first whose major brand names the format; JPEG XL starts with
 * {@code FF 0A} (a bare code stream) or the 12-byte {@code JXL } box.
 */
final class UnreadableFormat {
  private static final Set<String> HEIF_BRANDS = Set.of("heic", "heix", "hevc", "hevx", "heim", "heis", "hevm",
      "hevs", "mif1", "msf1");
  private static final Set<String> AVIF_BRANDS = Set.of("avif", "avis");
  private static final byte[] JXL_BOX = {0, 0, 0, 0x0C, 'J', 'X', 'L', ' ', 0x0D, 0x0A, (byte) 0x87, 0x0A};

  private UnreadableFormat() {}

  /**
   * Names the format of a file no reader took.
   *
   * @param head the file's first bytes (at least 12 to recognise anything)
   * @return what to call the format and what to do, or empty when it is not one of the known ones
   */
  static Optional<String> describe(byte[] head) {
    if (head.length >= 12 && "ftyp".equals(ascii(head, 4))) {
      String brand = ascii(head, 8);
      if (HEIF_BRANDS.contains(brand)) {
        return Optional.of("HEIC/HEIF (an iPhone or Android camera photo) is not supported: Java has no "
            + "decoder for it; convert it to JPEG or PNG first (for example with heif-convert)");
      }
      if (AVIF_BRANDS.contains(brand)) {
        return Optional.of("AVIF is not supported: Java has no decoder for it; convert it to JPEG or PNG first");
      }
    }
    if ((head.length >= 2 && (head[0] & 0xFF) == 0xFF && head[1] == 0x0A)
        || (head.length >= 12 && Arrays.equals(head, 0, 12, JXL_BOX, 0, 12))) {
      return Optional.of("JPEG XL is not supported: Java has no decoder for it; convert it to JPEG or PNG first");
    }
    return Optional.empty();
  }

  private static String ascii(byte[] b, int offset) {
    return new String(b, offset, 4, StandardCharsets.ISO_8859_1);
  }
}
