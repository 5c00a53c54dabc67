package io.gpen4j.internal.download;

import java.net.URI;
import java.nio.file.Path;

/**
 * What {@link HttpDownloader} reports while it works, called on the downloading thread or the
 * HTTP client's. The caller adapts it to its own listener.
 */
public interface DownloadProgress {
  /**
   * An attempt got a response and starts writing.
   *
   * @param uri the source
   * @param resumedFrom the byte the transfer starts at: 0, or the size of a part file resumed
   * @param totalBytes the file's full size, or -1 when unknown
   */
  void started(URI uri, long resumedFrom, long totalBytes);

  /**
   * Bytes arrived.
   *
   * @param bytesSoFar the bytes of the file now on disk
   * @param totalBytes the file's full size, or -1 when unknown
   */
  void progressed(long bytesSoFar, long totalBytes);

  /**
   * An attempt failed; another may follow.
   *
   * @param uri the source
   * @param reason why, for people
   */
  void attemptFailed(URI uri, String reason);

  /**
   * The verified file is in place.
   *
   * @param file the file
   */
  void finished(Path file);
}
