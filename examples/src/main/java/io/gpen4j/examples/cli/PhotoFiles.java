package io.gpen4j.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Tells which files in a folder are photos to restore. A real album holds other files too (notes,
 * {@code Thumbs.db}, XMP sidecars, videos): those are skipped and counted, not failed. A file is
 * taken when its name says it is an image (so a corrupt or unsupported one, a truncated JPEG or a
 * HEIC, still fails with a message) or when its first bytes are an image signature (a photo saved
 * without an extension).
 */
final class PhotoFiles {
  /** Image types by name, including those the decoder refuses with a message of their own. */
  private static final Set<String> IMAGE_EXTENSIONS = Set.of(
      "jpg", "jpeg", "jpe", "jfif", "png", "bmp", "dib", "webp", "gif", "tif", "tiff",
      "heic", "heif", "avif", "jxl", "jp2");

  private PhotoFiles() {}

  /**
   * Returns whether a file found in a folder is taken as a photo.
   *
   * @param file a regular file
   * @return true for an image by name or by content; true also when it cannot be read, so the
   *     restore reports why
   */
  static boolean isPhoto(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    if (dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))) {
      return true;
    }
    byte[] head = new byte[12];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      return true;
    }
    return hasImageSignature(Arrays.copyOf(head, n));
  }

  /** JPEG, PNG, BMP, WebP, GIF and TIFF signatures. */
  static boolean hasImageSignature(byte[] h) {
    return starts(h, 0xFF, 0xD8, 0xFF)
        || starts(h, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)
        || starts(h, 'B', 'M') && h.length >= 6
        || starts(h, 'R', 'I', 'F', 'F') && h.length >= 12 && h[8] == 'W' && h[9] == 'E' && h[10] == 'B' && h[11] == 'P'
        || starts(h, 'G', 'I', 'F', '8')
        || starts(h, 'I', 'I', 42, 0)
        || starts(h, 'M', 'M', 0, 42);
  }

  private static boolean starts(byte[] h, int... signature) {
    if (h.length < signature.length) {
      return false;
    }
    for (int i = 0; i < signature.length; i++) {
      if ((h[i] & 0xFF) != signature[i]) {
        return false;
      }
    }
    return true;
  }
}
