package io.gpen4j.models;

import java.net.URI;
import java.nio.file.Path;

/**
 * Hears how a model download goes: for a progress bar or a log. Every method has an empty default,
 * so implement only what you need.
 *
 * <p>Calls may come from an HTTP client thread rather than the thread that asked for the model;
 * implementations must be thread-safe and return quickly (they run between reads from the network).
 */
public interface DownloadListener {
  /** A listener that ignores every event. */
  DownloadListener NONE = new DownloadListener() {};

  /**
   * Called when a download from one location starts (again, on a retry).
   *
   * @param model the model being downloaded
   * @param uri where it is downloaded from
   * @param resumedFrom the bytes already on disk from an earlier attempt, 0 for a fresh download
   * @param totalBytes the expected size of the whole file, or -1 when unknown
   */
  default void started(ModelSpec model, URI uri, long resumedFrom, long totalBytes) {}

  /**
   * Called as bytes arrive.
   *
   * @param model the model being downloaded
   * @param bytesSoFar the bytes of the file on disk so far, including resumed ones
   * @param totalBytes the expected size of the whole file, or -1 when unknown
   */
  default void progressed(ModelSpec model, long bytesSoFar, long totalBytes) {}

  /**
   * Called when one attempt fails; the download then retries, tries the next location, or gives up
   * with a {@link ModelDownloadException}.
   *
   * @param model the model being downloaded
   * @param uri where the attempt downloaded from
   * @param reason what went wrong, for display
   */
  default void attemptFailed(ModelSpec model, URI uri, String reason) {}

  /**
   * Called when the file is verified and in place.
   *
   * @param model the model downloaded
   * @param file the final file
   */
  default void finished(ModelSpec model, Path file) {}
}
