package io.gpen4j.internal.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of files and byte streams, as lowercase hex. */
public final class Sha256 {
  private static final int BUFFER = 1 << 20;

  private Sha256() {}

  /**
   * Returns a fresh SHA-256 digest.
   *
   * @return the digest
   */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256 (MessageDigest's Javadoc).
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /**
   * Hashes a whole file.
   *
   * @param file the file
   * @return the hash, 64 lowercase hex digits
   * @throws IOException if the file cannot be read
   */
  public static String of(Path file) throws IOException {
    MessageDigest digest = newDigest();
    update(digest, file, Long.MAX_VALUE);
    return hex(digest);
  }

  /**
   * Feeds the first {@code length} bytes of a file (or all of it, if shorter) to a digest.
   *
   * @param digest the digest to update
   * @param file the file
   * @param length how many bytes at most
   * @return the bytes read
   * @throws IOException if the file cannot be read
   */
  public static long update(MessageDigest digest, Path file, long length) throws IOException {
    byte[] buffer = new byte[BUFFER];
    long total = 0;
    try (InputStream in = Files.newInputStream(file)) {
      while (total < length) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, length - total));
        if (n < 0) {
          break;
        }
        digest.update(buffer, 0, n);
        total += n;
      }
    }
    return total;
  }

  /**
   * Finishes a digest and writes it as hex.
   *
   * @param digest the digest; reset afterwards
   * @return 64 lowercase hex digits
   */
  public static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * Hashes bytes.
   *
   * @param bytes the data
   * @return 64 lowercase hex digits
   */
  public static String of(byte[] bytes) {
    MessageDigest digest = newDigest();
    digest.update(bytes);
    return hex(digest);
  }
}
