package io.gpen4j.video;

import io.gpen4j.Ticker;
import io.gpen4j.video.internal.live.LiveWindow;
import io.gpen4j.video.internal.live.QualityController;
import io.gpen4j.video.internal.pipeline.FramePipeline;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live stream of frames (a camera, a browser's frames over a socket) restored with bounded
 * latency: the latest frame wins. Open one with {@link VideoRestorer#openLiveStream}.
 *
 * <pre>{@code
 * try (LiveStream live = videoRestorer.openLiveStream(VideoOptions.DEFAULTS,
 *         LiveOptions.builder().targetFramesPerSecond(15).build())) {
 *   camera.onFrame(image -> live.offer(image, System.nanoTime()));   // never blocks
 *   while (running) {
 *     live.poll(Duration.ofSeconds(1)).ifPresent(f -> show(f.frame().image()));
 *   }
 *   LiveStats stats = live.stats();   // fps, latency p50/p95, dropped, the quality chosen
 * }
 * }</pre>
 *
 * <p>Policy: one frame is restored at a time and at most one waits; a frame offered while another
 * waits replaces it, and the replaced frame is dropped and counted ({@link LiveStats#dropped()}).
 * So when restoring is slower than the camera, frames are dropped instead of queued, and while
 * frames keep coming a frame's latency (capture to restored) stays under about one camera frame
 * interval (its wait to be picked) plus its own restore ({@link LiveFrame#restoreTime()}), however
 * long the stream runs; the last frame before a pause waits up to one restore instead. A {@link
 * FrameStream} instead returns every frame in order: right for files, where latency grows. Both
 * go through the same pipeline: detection, tracking and smoothing, restoring.
 *
 * <p>Results: each restored frame goes to the {@link LiveOptions#listener()} on the stream's
 * thread, and is kept for {@link #poll}, which returns the newest restored frame not returned
 * before (an older one not polled in time is skipped, never queued).
 *
 * <p>Thread-safety: thread-safe; typically a capture thread offers while another polls. Capture
 * times must not go back. Ownership: the stream takes the offered image and reads it on its own
 * threads, so do not change it after offering (a camera that reuses its buffer must offer a copy:
 * a dropped frame is never returned, so there is no point after which the buffer would be free).
 * Restored images are the caller's; a frame in which no face was restored is returned as the
 * offered image itself. Close the stream to stop its threads; it does not close the {@link
 * io.gpen4j.FaceRestorer}.
 */
public final class LiveStream implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LiveStream.class);

  private final FramePipeline pipeline;
  private final QualityController quality;
  private final LiveFrameListener listener;
  private final Ticker ticker;
  private final Thread worker;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition offeredOrClosed = lock.newCondition();
  private final Condition restoredOrStopped = lock.newCondition();
  // Guarded by lock:
  private final LiveWindow window;
  private Offered waiting;
  private LiveFrame latest;
  private VideoException failure;
  private boolean closed;
  private long lastCapture = Long.MIN_VALUE;
  private long offered;
  private long restored;
  private long dropped;

  LiveStream(FramePipeline pipeline, QualityController quality, LiveOptions options, String name) {
    this.pipeline = pipeline;
    this.quality = quality;
    this.listener = options.listener();
    this.ticker = options.ticker();
    this.window = new LiveWindow(options.statsWindowFrames());
    this.worker = new Thread(this::restoreLoop, "gpen-video-live-" + name);
    worker.setDaemon(true);
    worker.start();
  }

  /**
   * Hands a frame to the stream without waiting: it is restored next unless a newer frame is
   * offered first, in which case it is dropped (and counted).
   *
   * @param frame the frame; the stream's from now on, not to be changed
   * @param captureNanos when it was captured, on the stream's {@link LiveOptions#ticker()} ({@link
   *     System#nanoTime()} by default); not before the previous frame's. Latency is measured from
   *     it, and the tracker follows faces in this time.
   * @throws IllegalArgumentException if the capture time goes back
   * @throws VideoException if the stream stopped because restoring a frame failed (the cause)
   * @throws IllegalStateException if the stream is closed
   */
  public void offer(BufferedImage frame, long captureNanos) {
    Objects.requireNonNull(frame, "frame");
    lock.lock();
    try {
      ensureRunning();
      if (captureNanos < lastCapture) {
        throw new IllegalArgumentException("captureNanos must not go back: " + captureNanos + " after " + lastCapture);
      }
      lastCapture = captureNanos;
      offered++;
      window.offered(ticker.read());
      if (waiting != null) {
        dropped++;
      }
      waiting = new Offered(frame, captureNanos, offered);
      offeredOrClosed.signal();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns the newest restored frame not returned before, waiting up to {@code timeout} for one.
   *
   * @param timeout how long to wait; zero to return at once
   * @return the frame; empty if none was restored in time
   * @throws VideoException if the stream stopped because restoring a frame failed (the cause)
   * @throws VideoCancelledException if the thread is interrupted while waiting
   * @throws IllegalStateException if the stream is closed
   */
  public Optional<LiveFrame> poll(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    long left = timeout.isNegative() ? 0 : timeout.toNanos();
    lock.lock();
    try {
      while (latest == null) {
        ensureRunning();
        if (left <= 0) {
          return Optional.empty();
        }
        left = restoredOrStopped.awaitNanos(left);
      }
      LiveFrame out = latest;
      latest = null;
      return Optional.of(out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VideoCancelledException("interrupted while waiting for a restored frame", e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns the counters, the frame rates and latency percentiles over the last frames, and the
   * quality frames are restored with now. Also after close (the final figures).
   *
   * @return a snapshot
   */
  public LiveStats stats() {
    lock.lock();
    try {
      return new LiveStats(offered, restored, dropped, window.restoredPerSecond(), window.offeredPerSecond(),
          window.latencyPercentile(0.50), window.latencyPercentile(0.95), window.frames(), quality.current());
    } finally {
      lock.unlock();
    }
  }

  /** Stops the stream's threads; a frame waiting is dropped (and counted). Idempotent; never throws. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      if (waiting != null) {
        dropped++;
        waiting = null;
      }
      offeredOrClosed.signalAll();
      restoredOrStopped.signalAll();
    } finally {
      lock.unlock();
    }
    worker.interrupt();
    pipeline.close();
    try {
      worker.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The stream's thread: takes the waiting frame, restores it, delivers it; one frame at a time. */
  private void restoreLoop() {
    try {
      while (true) {
        Offered next = nextWaiting();
        if (next == null) {
          return;
        }
        long start = ticker.read();
        // The pipeline holds one frame at most here, so submit never waits.
        pipeline.submit(next.image(), Math.floorDiv(next.captureNanos(), 1000), Duration.ZERO);
        RestoredFrame frame = pipeline.take();
        long end = ticker.read();
        quality.observe(frame, end - start, intervalNanos());
        long latency = Math.max(0, end - next.captureNanos());
        LiveFrame out = new LiveFrame(frame, next.sequence(), next.captureNanos(), Duration.ofNanos(latency),
            Duration.ofNanos(Math.min(latency, end - start)));
        delivered(out, end);
        try {
          listener.onFrame(out);
        } catch (RuntimeException e) {
          stop(new VideoException("the live frame listener failed: " + e.getMessage(), e));
          return;
        }
      }
    } catch (InterruptedException e) {
      // close() stops the thread.
    } catch (VideoException e) {
      if (stop(e)) {
        listener.onFailure(e);
      }
    } catch (RuntimeException e) {
      VideoException failure = new VideoException("the live stream failed: " + e.getMessage(), e);
      if (stop(failure)) {
        listener.onFailure(failure);
      }
    }
  }

  private Offered nextWaiting() throws InterruptedException {
    lock.lock();
    try {
      while (waiting == null && !closed) {
        offeredOrClosed.await();
      }
      Offered next = waiting;
      waiting = null;
      return closed ? null : next;
    } finally {
      lock.unlock();
    }
  }

  private double intervalNanos() {
    lock.lock();
    try {
      return window.offerIntervalNanos();
    } finally {
      lock.unlock();
    }
  }

  private void delivered(LiveFrame out, long end) {
    lock.lock();
    try {
      restored++;
      window.restored(end, out.latency().toNanos());
      latest = out;
      restoredOrStopped.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Records the failure that stopped the stream; false when the stream was closed meanwhile. */
  private boolean stop(VideoException e) {
    lock.lock();
    try {
      if (closed) {
        return false;
      }
      LOG.warn("live stream stopped: {}", e.getMessage());
      failure = e;
      restoredOrStopped.signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Under the lock: throws if the stream is closed or stopped by a failure. */
  private void ensureRunning() {
    if (closed) {
      throw new IllegalStateException("LiveStream is closed");
    }
    if (failure != null) {
      throw new VideoException("the live stream stopped: " + failure.getMessage(), failure);
    }
  }

  /** A frame waiting for its restore. */
  private record Offered(BufferedImage image, long captureNanos, long sequence) {}
}
