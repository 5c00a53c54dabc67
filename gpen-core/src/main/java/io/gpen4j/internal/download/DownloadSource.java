package io.gpen4j.internal.download;

import java.net.URI;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One place a file can be downloaded from, with what it must deliver there.
 *
 * @param uri the http(s) address
 * @param sha256 the SHA-256 of the file served there, lowercase hex
 * @param sizeBytes its size, when known
 */
public record DownloadSource(URI uri, String sha256, OptionalLong sizeBytes) {
  /**
   * Checks the values.
   *
   * @throws NullPointerException if a value is null
   */
  public DownloadSource {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(sizeBytes, "sizeBytes");
  }
}
