package io.gpen4j.models;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * One place a model file can be downloaded from, with the SHA-256 of the bytes served there.
 * Mirrors usually serve the model's own file; a mirror that serves another export of the same
 * network (the second GPEN-BFR-512 export) names its own hash and size.
 *
 * @param uri the HTTP(S) address of the file
 * @param sha256 the SHA-256 of the file served there, 64 lowercase hex digits
 * @param sizeBytes the file size, when known
 */
public record DownloadLocation(URI uri, String sha256, OptionalLong sizeBytes) {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /**
   * Validates the location and lowercases the hash.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the URI is not absolute http(s), the hash is not 64 hex
   *     digits, or the size is not positive
   */
  public DownloadLocation {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(sizeBytes, "sizeBytes");
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException("download URI must be absolute http(s): " + uri);
    }
    sha256 = sha256.toLowerCase(Locale.ROOT);
    if (!SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException(
          "sha256 must be 64 hex digits: '" + sha256 + "' for " + uri);
    }
    if (sizeBytes.isPresent() && sizeBytes.getAsLong() <= 0) {
      throw new IllegalArgumentException(
          "size must be positive: " + sizeBytes.getAsLong() + " for " + uri);
    }
  }

  /**
   * Returns whether {@code value} is a SHA-256 written as 64 hex digits (either case).
   *
   * @param value the text to check
   * @return true if it is one
   */
  static boolean isSha256(String value) {
    return value != null && SHA256.matcher(value.toLowerCase(Locale.ROOT)).matches();
  }
}
