package io.gpen4j.video;

/**
 * Receives progress while a video is restored: once after each frame is written, on the thread that
 * called {@link VideoRestorer#restore(java.nio.file.Path, java.nio.file.Path, VideoOptions)}.
 *
 * <p>A listener that throws stops the call: the exception propagates, the pipeline is shut down,
 * and nothing is left at the output path. This is how a UI cancels a long video.
 */
@FunctionalInterface
public interface VideoProgressListener {
  /** A listener that ignores every event. */
  VideoProgressListener NONE = progress -> {};

  /**
   * Called after a frame is written.
   *
   * @param progress the frames done, the total when known, the rate
   */
  void onProgress(VideoProgress progress);
}
