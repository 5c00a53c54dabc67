package io.gpen4j;

/**
 * Receives progress while a {@link FaceRestorer#restore} call runs: once after detection (with
 * {@code facesDone == 0}) and once after each face is restored. It is called on the thread that
 * called {@code restore}, so a listener shared by concurrent calls must be thread-safe.
 *
 * <p>A listener that throws aborts the call: the exception propagates out of {@code restore} and
 * no output file is written. This is how a UI cancels a long restoration.
 */
@FunctionalInterface
public interface ProgressListener {
  /** A listener that ignores every event. */
  ProgressListener NONE = progress -> {};

  /**
   * Called when a stage of the call completes.
   *
   * @param progress the faces done and the faces in total
   */
  void onProgress(RestoreProgress progress);
}
