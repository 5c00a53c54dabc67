package io.gpen4j.video;

/**
 * Receives each frame a {@link LiveStream} restores, as soon as it is restored: how a server pushes
 * frames to a client without polling. Called on the stream's own thread, one frame at a time, in
 * capture order; the next frame is not restored until the call returns, so a slow listener lowers
 * the frame rate (and more frames are dropped) but never builds a queue.
 *
 * <p>A listener that throws stops the stream: {@link LiveStream#poll} and {@link LiveStream#offer}
 * then throw a {@link VideoException} with the listener's exception as the cause, and {@link
 * #onFailure} is not called for it.
 */
public interface LiveFrameListener {
  /** A listener that ignores every frame. */
  LiveFrameListener NONE = frame -> {};

  /**
   * Called when a frame is restored.
   *
   * @param frame the restored frame, its capture time and latency; the image is the listener's
   *     to keep (it is also what {@link LiveStream#poll} would return)
   */
  void onFrame(LiveFrame frame);

  /**
   * Called once when restoring fails and the stream stops (the face restorer failed on a frame).
   * Does nothing by default.
   *
   * @param failure what failed
   */
  default void onFailure(VideoException failure) {}
}
