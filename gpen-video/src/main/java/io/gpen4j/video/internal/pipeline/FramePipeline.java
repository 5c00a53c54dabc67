package io.gpen4j.video.internal.pipeline;

import io.gpen4j.DetectedFace;
import io.gpen4j.FaceRestorer;
import io.gpen4j.Frame;
import io.gpen4j.ProgressListener;
import io.gpen4j.RestoreOptions;
import io.gpen4j.RestoreResult;
import io.gpen4j.StageTimings;
import io.gpen4j.video.RestoredFrame;
import io.gpen4j.video.VideoCancelledException;
import io.gpen4j.video.VideoException;
import io.gpen4j.video.VideoOptions;
import io.gpen4j.video.internal.track.FaceTracker;
import io.gpen4j.video.internal.track.ScaledDetector;
import io.gpen4j.video.internal.track.TrackedFace;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores a stream of frames in order, with faces tracked across them, on a bounded pipeline.
 *
 * <p>Concurrency: frames enter with {@link #submit} (any one thread at a time), pass to the
 * tracking thread (detection when the tracker asks for it, then the tracker's update: stateful,
 * so one thread in frame order), then to a pool of restore threads (align, enhance, paste; several
 * frames at once), and leave through {@link #take} in submission order: the tracking thread queues
 * each frame's future as it hands the frame to the pool, so taking futures from that queue puts
 * results back in order without a reorder buffer. A semaphore of K permits ({@link
 * VideoOptions#maxFramesInFlight()}) is taken by submit and given back by take, so at most K frames
 * are held whatever the stream's length, and a slow consumer stalls the producer instead of
 * growing memory.
 *
 * <p>Batches: when the generator takes several faces per call ({@link FaceRestorer#batchSize()}
 * above 1), the tracking thread hands consecutive frames to the pool in groups, restored with
 * {@link FaceRestorer#restoreAll} so that their faces share generator calls. A group is handed
 * over once it holds a batch of faces or {@code min(batch, K)} frames, or as soon as no further
 * frame is waiting (so a slow producer, or K frames in flight, never leaves a group waiting).
 * Each frame keeps its own future, queued in order as it is tracked.
 *
 * <p>Pixels: each frame is converted to the restorer's pixels once ({@link FaceRestorer#frame}):
 * on the tracking thread when it is detected whole, so the restore reuses that conversion, else
 * (not detected, or detected on a shrunk copy: {@link ScaledDetector}) on the restore thread.
 *
 * <p>Messages: the tracking thread reads typed {@link Message}s (a frame, the end, the producer's
 * failure) from its queue.
 *
 * <p>Failures: a failing frame fails its future (a failing group, every future of the group);
 * take() rethrows it, frames before it are still returned. {@link #fail} lets the producer put
 * its own failure in line after its frames.
 */
public final class FramePipeline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FramePipeline.class);

  private final FaceRestorer restorer;
  private final RestoreOptions restoreOptions;
  /** The same with every face sent to the small-face model, for frames the quality asks that of. */
  private final RestoreOptions smallModelOptions;
  private final FaceTracker tracker;
  private final ScaledDetector detector;
  private final FrameQuality quality;
  private final Semaphore permits;
  private final BlockingQueue<Message> toTrack = new LinkedBlockingQueue<>();
  private final BlockingQueue<CompletableFuture<RestoredFrame>> results = new LinkedBlockingQueue<>();
  private final ExecutorService restorePool;
  private final Thread trackThread;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peakInFlight = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();
  /** The most frames restored together: 1 for a generator that takes one face per call. */
  private final int maxGroupFrames;
  private volatile boolean ended;

  /**
   * Starts the tracking thread and the restore pool, at the options' fixed quality.
   *
   * @param restorer the restorer, shared; not closed here
   * @param options the restore, tracking and pipeline options
   * @param name a short name for the threads
   */
  public FramePipeline(FaceRestorer restorer, VideoOptions options, String name) {
    this(restorer, options, FrameQuality.fixed(options), name);
  }

  /**
   * Starts the tracking thread and the restore pool.
   *
   * @param restorer the restorer, shared; not closed here
   * @param options the restore, tracking and pipeline options
   * @param quality how often to detect, how many faces to restore and on which model, asked before
   *     each frame
   * @param name a short name for the threads
   */
  public FramePipeline(FaceRestorer restorer, VideoOptions options, FrameQuality quality, String name) {
    this.quality = Objects.requireNonNull(quality, "quality");
    this.restorer = Objects.requireNonNull(restorer, "restorer");
    // Per-frame photo progress would fire from the restore threads; video progress is per frame.
    this.restoreOptions = options.restoreOptions().toBuilder().progressListener(ProgressListener.NONE).build();
    this.smallModelOptions = restoreOptions.toBuilder().smallFaceModelForAll(true).build();
    this.tracker = new FaceTracker(options.tracking());
    this.detector = new ScaledDetector(restorer, restoreOptions, options.tracking());
    this.permits = new Semaphore(options.maxFramesInFlight());
    this.maxGroupFrames = Math.max(1, Math.min(restorer.batchSize(), options.maxFramesInFlight()));
    this.restorePool = Executors.newFixedThreadPool(options.restoreThreads(), daemon("gpen-video-restore-" + name));
    this.trackThread = daemon("gpen-video-track-" + name).newThread(this::trackLoop);
    trackThread.start();
  }

  /**
   * Hands a frame to the pipeline, waiting while K frames are in it.
   *
   * @param image the frame; the pipeline reads it on other threads, so it must not change until
   *     its result is taken
   * @param timestampMicros its presentation time
   * @param decodeTime the time the caller spent producing it (reported in the timings)
   * @throws InterruptedException if interrupted while waiting for room
   * @throws IllegalStateException if the pipeline is closed or was ended
   */
  public void submit(BufferedImage image, long timestampMicros, Duration decodeTime) throws InterruptedException {
    Objects.requireNonNull(image, "image");
    ensureOpen();
    permits.acquire();
    int n = inFlight.incrementAndGet();
    peakInFlight.accumulateAndGet(n, Math::max);
    toTrack.add(new Input(image, timestampMicros, decodeTime));
  }

  /** Marks the end of the frames: {@link #take} returns null after the last one. */
  public void end() {
    ensureOpen();
    ended = true;
    toTrack.add(End.INSTANCE);
  }

  /**
   * Ends the frames with a failure: {@link #take} throws it after the frames before it.
   *
   * @param failure what the producer hit
   */
  public void fail(RuntimeException failure) {
    ended = true;
    toTrack.add(new Failure(failure));
  }

  /**
   * Returns the next restored frame in submission order, waiting for it.
   *
   * @return the frame, or null after {@link #end()}'s mark
   * @throws InterruptedException if interrupted while waiting
   * @throws VideoException if restoring the frame failed (or the producer's failure)
   */
  public RestoredFrame take() throws InterruptedException {
    CompletableFuture<RestoredFrame> next = results.take();
    RestoredFrame frame;
    try {
      frame = next.get();
    } catch (ExecutionException e) {
      results.add(next);
      throw asVideoException(e.getCause());
    } catch (CancellationException e) {
      results.add(next);
      throw new VideoCancelledException("the frame pipeline was shut down", e);
    }
    if (frame == null) {
      results.add(next);
      return null;
    }
    inFlight.decrementAndGet();
    permits.release();
    return frame;
  }

  /** Returns the frames submitted and not yet taken. @return the count, at most K */
  public int inFlight() {
    return inFlight.get();
  }

  /** Returns the most frames that were in the pipeline at once. @return the peak, at most K */
  public int peakInFlight() {
    return peakInFlight.get();
  }

  /** Stops the threads and drops the frames in flight. Idempotent; never throws. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    trackThread.interrupt();
    restorePool.shutdownNow();
    try {
      trackThread.join(TimeUnit.SECONDS.toMillis(10));
      if (!restorePool.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("restore threads still running 30 s after close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    toTrack.clear();
    results.clear();
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("frame pipeline is closed");
    }
    if (ended) {
      throw new IllegalStateException("frame pipeline was ended");
    }
  }

  /** The tracking stage: one thread, frames in order, because the tracker keeps state. */
  private void trackLoop() {
    List<Tracked> group = new ArrayList<>();
    int groupFaces = 0;
    try {
      while (true) {
        Message message = toTrack.take();
        if (!(message instanceof Input in)) {
          handOver(group);
          results.add(message instanceof Failure failure
              ? CompletableFuture.failedFuture(failure.cause())
              : CompletableFuture.completedFuture(null));
          return;
        }
        List<TrackedFace> faces;
        Duration detect = Duration.ZERO;
        Frame pixels = null;
        try {
          List<DetectedFace> detections = null;
          if (tracker.detectionDue(quality.detectEvery())) {
            long t0 = System.nanoTime();
            ScaledDetector.Result found = detector.detect(in.image());
            pixels = found.frame();
            detections = found.faces();
            detect = Duration.ofNanos(Math.max(1, System.nanoTime() - t0));
          }
          faces = largest(tracker.update(detections, in.timestampMicros()));
        } catch (RuntimeException e) {
          handOver(group);
          results.add(CompletableFuture.failedFuture(e));
          return;
        }
        boolean small = quality.smallModelForAll();
        if (!group.isEmpty() && group.get(0).smallModel() != small) {
          // A group is restored in one call with one set of options.
          handOver(group);
          group = new ArrayList<>();
          groupFaces = 0;
        }
        Tracked frame = new Tracked(in, pixels, faces, detect, small, new CompletableFuture<>());
        results.add(frame.result());
        group.add(frame);
        groupFaces += faces.size();
        if (groupFaces >= restorer.batchSize() || group.size() >= maxGroupFrames || toTrack.isEmpty()) {
          handOver(group);
          group = new ArrayList<>();
          groupFaces = 0;
        }
      }
    } catch (InterruptedException e) {
      // close() stops the thread; take() callers are gone or get a cancellation from the pool.
      VideoCancelledException closed = new VideoCancelledException("the frame pipeline was closed");
      group.forEach(t -> t.result().completeExceptionally(closed));
      results.add(CompletableFuture.failedFuture(closed));
    }
  }

  /**
   * The tracked faces the quality asks to restore, the largest first; the tracker keeps following
   * the others, so a face left out now comes back on its own smoothed track.
   */
  private List<TrackedFace> largest(List<TrackedFace> tracked) {
    int n = quality.facesToRestore(tracked.size());
    if (n >= tracked.size()) {
      return tracked;
    }
    return tracked.stream()
        .sorted(Comparator.comparingDouble((TrackedFace t) -> t.face().box().area()).reversed())
        .limit(Math.max(0, n))
        .toList();
  }

  /** Hands a group of tracked frames to the restore pool; each frame's future completes there. */
  private void handOver(List<Tracked> group) {
    if (group.isEmpty()) {
      return;
    }
    List<Tracked> frames = List.copyOf(group);
    try {
      restorePool.execute(() -> restoreGroup(frames));
    } catch (RejectedExecutionException e) {
      frames.forEach(t -> t.result().completeExceptionally(
          new VideoCancelledException("the frame pipeline was closed", e)));
    }
  }

  private void restoreGroup(List<Tracked> group) {
    RestoreOptions options = group.get(0).smallModel() ? smallModelOptions : restoreOptions;
    try {
      List<Tracked> withFaces = new ArrayList<>(group.size());
      for (Tracked t : group) {
        if (t.faces().isEmpty() && options.upscale() == 1) {
          // Nothing to paste: the frame is already the caller's own copy.
          t.result().complete(RestoredFrame.withoutFaces(t.input().image(), t.input().timestampMicros(),
              new StageTimings(t.input().decodeTime(), t.detect(), Duration.ZERO, Duration.ZERO, Duration.ZERO)));
        } else {
          withFaces.add(t);
        }
      }
      if (withFaces.size() == 1) {
        complete(withFaces.get(0), restorer.restore(withFaces.get(0).pixels(restorer), withFaces.get(0).detections(),
            options));
      } else if (!withFaces.isEmpty()) {
        List<RestoreResult> restored = restorer.restoreFrames(
            withFaces.stream().map(t -> t.pixels(restorer)).toList(),
            withFaces.stream().map(Tracked::detections).toList(), options);
        for (int i = 0; i < withFaces.size(); i++) {
          complete(withFaces.get(i), restored.get(i));
        }
      }
    } catch (RuntimeException | Error e) {
      group.forEach(t -> t.result().completeExceptionally(e));
    }
  }

  private static void complete(Tracked t, RestoreResult r) {
    StageTimings s = r.timings();
    t.result().complete(new RestoredFrame(r.image(), t.input().timestampMicros(), r.faces(),
        new StageTimings(t.input().decodeTime(), t.detect(), s.align(), s.enhance(), s.paste()),
        TrackIds.of(r.faces(), t.faces())));
  }

  private static VideoException asVideoException(Throwable cause) {
    if (cause instanceof VideoException v) {
      return v;
    }
    if (cause instanceof CancellationException || Thread.currentThread().isInterrupted()) {
      return new VideoCancelledException("restoration cancelled", cause);
    }
    return new VideoException("restoring a frame failed: " + cause.getMessage(), cause);
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** What the tracking thread reads from its queue. */
  private sealed interface Message permits Input, End, Failure {}

  /** A frame to track and restore. */
  private record Input(BufferedImage image, long timestampMicros, Duration decodeTime) implements Message {}

  /** The end of the frames: take() returns null after the frames before it. */
  private enum End implements Message {
    INSTANCE
  }

  /** The producer's failure, thrown by take() after the frames before it. */
  private record Failure(RuntimeException cause) implements Message {}

  /**
   * A frame after tracking, waiting for its restore; {@code result} is what take() waits on.
   * {@code frame} holds its converted pixels when it was detected, else null until restored;
   * {@code smallModel} whether its faces all go to the small-face model.
   */
  private record Tracked(Input input, Frame frame, List<TrackedFace> faces, Duration detect, boolean smallModel,
      CompletableFuture<RestoredFrame> result) {
    /** The faces without their track ids, as the restorer takes them. */
    List<DetectedFace> detections() {
      return faces.stream().map(TrackedFace::face).toList();
    }

    /** The frame's pixels: the detection's conversion, else converted now. */
    Frame pixels(FaceRestorer restorer) {
      return frame != null ? frame : restorer.frame(input.image());
    }
  }
}
