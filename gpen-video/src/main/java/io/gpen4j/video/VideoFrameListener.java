package io.gpen4j.video;

/**
 * Receives each frame of a video after it is written, with what was done to it: its index and
 * timestamp, and per face its track id, box, landmarks, alignment transform and whether the
 * generator's output was pasted. Called on the thread that called {@link
 * VideoRestorer#restore(java.nio.file.Path, java.nio.file.Path, VideoOptions)}, in frame order,
 * before the {@link VideoProgressListener}.
 *
 * <p>A listener that throws stops the call as a progress listener's exception does. The frame's
 * image is already written: read it if needed, but do not keep it beyond the call (it is not
 * copied).
 */
@FunctionalInterface
public interface VideoFrameListener {
  /** A listener that ignores every frame. */
  VideoFrameListener NONE = (index, frame) -> {};

  /**
   * Called after a frame is written.
   *
   * @param index the frame's position in the output, from 0
   * @param frame the frame: timestamp (from the restored window's start), faces, track ids, timings
   */
  void onFrame(long index, RestoredFrame frame);
}
