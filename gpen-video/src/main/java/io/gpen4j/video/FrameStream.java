package io.gpen4j.video;

import io.gpen4j.video.internal.pipeline.FramePipeline;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.time.Duration;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A live stream of frames restored in order, with faces tracked from frame to frame: a camera, a
 * screen capture, frames decoded by your own code. Open one with {@link VideoRestorer#openStream}.
 *
 * <pre>{@code
 * try (FrameStream stream = videoRestorer.openStream(VideoOptions.DEFAULTS)) {
 *   for (Frame f : camera) {
 *     RestoredFrame out = stream.restore(f.image(), f.timestampMicros());
 *     show(out.image());
 *   }
 * }
 * }</pre>
 *
 * <p>For throughput, keep several frames in flight: {@link #submit} frames as they come and
 * {@link #next()} the restored ones; results come back in submission order. {@code submit} waits
 * while {@link VideoOptions#maxFramesInFlight()} frames are pending, so memory stays bounded.
 *
 * <p>Thread-safety: one thread may submit while another takes; two threads must not submit at
 * once (frame order would be undefined), nor take at once. Ownership: the stream reads a submitted
 * image on its own threads until that frame is returned, so do not change it before; the returned
 * images are new and the caller's, also for a frame without faces (a copy of the submitted one),
 * so a camera buffer reused for the next frame never changes a returned image. Close the stream to stop its threads; it does not close the
 * {@link io.gpen4j.FaceRestorer}.
 */
public final class FrameStream implements AutoCloseable {
  private final FramePipeline pipeline;
  /**
   * The submitted images in order, so that {@link #next()} can tell when the pipeline handed one
   * back as it is (a frame without faces is not repainted) and copy it, as the contract promises.
   */
  private final Deque<BufferedImage> submitted = new ConcurrentLinkedDeque<>();
  private long lastTimestamp = Long.MIN_VALUE;
  private volatile boolean closed;

  FrameStream(FramePipeline pipeline) {
    this.pipeline = pipeline;
  }

  /**
   * Hands a frame to the stream, waiting while K frames are pending.
   *
   * @param frame the frame; not modified, and not to be modified until it is returned
   * @param timestampMicros its presentation time in microseconds, not below the previous frame's
   * @throws IllegalArgumentException if the timestamp goes back
   * @throws VideoCancelledException if the thread is interrupted while waiting
   * @throws IllegalStateException if the stream is closed
   */
  public void submit(BufferedImage frame, long timestampMicros) {
    Objects.requireNonNull(frame, "frame");
    ensureOpen();
    if (timestampMicros < lastTimestamp) {
      throw new IllegalArgumentException("timestamps must not go back: " + timestampMicros + " after " + lastTimestamp);
    }
    lastTimestamp = timestampMicros;
    // Queued before the pipeline may finish it, so next() on another thread always finds it.
    submitted.addLast(frame);
    boolean accepted = false;
    try {
      pipeline.submit(frame, timestampMicros, Duration.ZERO);
      accepted = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VideoCancelledException("interrupted while waiting for room in the stream", e);
    } finally {
      if (!accepted) {
        submitted.pollLast();
      }
    }
  }

  /**
   * Returns the oldest pending frame, restored, waiting until it is done; with no frame pending,
   * waits for the next one to be submitted (by another thread: on the submitting thread, check
   * {@link #pending()} first).
   *
   * @return the frame
   * @throws IllegalStateException if the stream is closed
   * @throws VideoException if restoring the frame failed
   * @throws VideoCancelledException if the thread is interrupted while waiting
   */
  public RestoredFrame next() {
    ensureOpen();
    try {
      RestoredFrame out = pipeline.take();
      BufferedImage in = submitted.pollFirst();
      if (out != null && out.image() == in) {
        // A frame without faces comes back untouched; the caller may reuse its own buffer for the
        // next frame, so it gets a copy, as for every other frame.
        return new RestoredFrame(copy(in), out.timestampMicros(), out.faces(), out.timings(), out.trackIds());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VideoCancelledException("interrupted while waiting for a restored frame", e);
    }
  }

  /**
   * Restores one frame and returns it: {@link #submit} then {@link #next()}. With frames pending,
   * it returns the oldest of them, not this one.
   *
   * @param frame the frame; not modified
   * @param timestampMicros its presentation time in microseconds, not below the previous frame's
   * @return the oldest pending frame, restored (this one when none was pending)
   * @throws IllegalArgumentException if the timestamp goes back
   * @throws VideoException if restoring failed
   * @throws VideoCancelledException if the thread is interrupted
   * @throws IllegalStateException if the stream is closed
   */
  public RestoredFrame restore(BufferedImage frame, long timestampMicros) {
    submit(frame, timestampMicros);
    return next();
  }

  /** Returns how many frames were submitted and not yet returned. @return the count, at most K */
  public int pending() {
    return pipeline.inFlight();
  }

  /** Returns the most frames that were pending at once. @return at most K */
  public int peakPending() {
    return pipeline.peakInFlight();
  }

  /** Stops the stream's threads and drops pending frames. Idempotent; never throws. */
  @Override
  public void close() {
    closed = true;
    pipeline.close();
  }

  private static BufferedImage copy(BufferedImage image) {
    ColorModel model = image.getColorModel();
    return new BufferedImage(model, image.copyData(null), model.isAlphaPremultiplied(), null);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("FrameStream is closed");
    }
  }
}
