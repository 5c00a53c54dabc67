package io.gpen4j.video.internal.live;

import io.gpen4j.StageTimings;
import io.gpen4j.video.LiveOptions;
import io.gpen4j.video.LiveQuality;
import io.gpen4j.video.RestoredFrame;
import io.gpen4j.video.internal.pipeline.FrameQuality;
import java.time.Duration;

/**
 * A live stream's quality: how often to detect (N) and how many faces to restore (F), chosen from
 * measured costs so that a frame fits a time budget.
 *
 * <p>Costs: after each restored frame, exponential moving averages (weight {@value #WEIGHT} for
 * the newest) of the detector's time per run D, the time per restored face R (align, generator,
 * paste over the faces restored) and the rest of the frame's wall time O (conversion, tracking,
 * hand-overs). A frame is expected to cost {@code D / N + F R + O}.
 *
 * <p>Budget: one interval of the target frame rate (or of the camera's rate when lower: restoring
 * faster than frames come buys nothing); for a target latency L, {@code L - T} with T the camera's
 * frame interval, since a frame waits up to one interval for the frame before it.
 *
 * <p>Choice: the most faces first (the faces are what the user sees), then the least N, that fits
 * the budget; if nothing fits, one face at the largest N. Restoring every tracked face is kept as
 * "all" rather than a count, so a face that walks in is restored at once and the next choice
 * accounts for it. Hysteresis: a frame over budget lowers the quality at once; a higher quality is
 * chosen only when it fits in {@value #RAISE_MARGIN} of the budget, and no change follows another
 * within {@value #SETTLE_FRAMES} frames, so the averages see the new setting before the next one.
 *
 * <p>Geometry: neither knob restarts a track. The tracker and its filters go on through a change of
 * N (it only changes how often detections feed them), and a face left out of F keeps its track, so
 * a face comes back where its smoothed track has carried it, never at a jump.
 *
 * <p>Generator size (issue 29's small/large model routing) is not chosen here yet: where a restorer
 * holds both, it would be a third knob, tried after F and before N, with its own per-face cost.
 *
 * <p>Threads: {@link #detectEvery} and {@link #facesToRestore} are read on the tracking thread,
 * {@link #observe} runs on the stream's thread, {@link #current} on any: the choice and the
 * snapshot are volatile, the averages are touched by {@link #observe} only.
 */
public final class QualityController implements FrameQuality {
  static final double WEIGHT = 0.2;
  static final double RAISE_MARGIN = 0.85;
  static final int SETTLE_FRAMES = 5;
  /** Samples of each cost before the first choice. */
  private static final int WARM_UP = 3;
  private static final int ALL = 0;

  private final boolean adaptive;
  private final double targetFps;
  private final long targetLatencyNanos;
  private final int maxDetectEvery;

  private volatile int detectEvery;
  private volatile int maxFaces = ALL;
  private volatile int tracked;
  private volatile LiveQuality snapshot;

  private double detectNanos = Double.NaN;
  private double faceNanos = Double.NaN;
  private double otherNanos = Double.NaN;
  private int detectSamples;
  private int faceSamples;
  private int sinceChange;

  /**
   * Starts at the video options' detect-every, every face.
   *
   * @param live the target, if any, and the largest N
   * @param detectEvery the starting N (the tracking options')
   */
  public QualityController(LiveOptions live, int detectEvery) {
    this.adaptive = live.adaptive();
    this.targetFps = live.targetFramesPerSecond().orElse(0);
    this.targetLatencyNanos = live.targetLatency().map(Duration::toNanos).orElse(0L);
    this.maxDetectEvery = live.maxDetectEvery();
    this.detectEvery = adaptive ? Math.min(detectEvery, live.maxDetectEvery()) : detectEvery;
    this.snapshot = snapshot(Double.NaN);
  }

  @Override
  public int detectEvery() {
    return detectEvery;
  }

  @Override
  public int facesToRestore(int tracked) {
    this.tracked = tracked;
    int cap = maxFaces;
    return cap == ALL ? tracked : Math.min(cap, tracked);
  }

  /** Returns the choice now and the costs behind it. @return the quality */
  public LiveQuality current() {
    return snapshot;
  }

  /**
   * Takes a restored frame's costs into the averages and, when adaptive, chooses again.
   *
   * @param frame the restored frame, with its stage timings
   * @param wallNanos its time in the pipeline, submitted to taken
   * @param frameIntervalNanos the camera's mean frame interval; NaN while unknown
   */
  public void observe(RestoredFrame frame, long wallNanos, double frameIntervalNanos) {
    StageTimings t = frame.timings();
    long detect = t.detect().toNanos();
    long restore = t.align().plus(t.enhance()).plus(t.paste()).toNanos();
    if (detect > 0) {
      detectNanos = average(detectNanos, detect);
      detectSamples++;
    }
    int faces = frame.faces().size();
    if (faces > 0) {
      faceNanos = average(faceNanos, (double) restore / faces);
      faceSamples++;
    }
    otherNanos = average(otherNanos, Math.max(0, wallNanos - detect - restore));
    sinceChange++;
    double budget = budgetNanos(frameIntervalNanos);
    if (adaptive && detectSamples >= WARM_UP && faceSamples >= WARM_UP && tracked > 0
        && sinceChange >= SETTLE_FRAMES) {
      choose(budget);
    }
    snapshot = snapshot(budget);
  }

  private void choose(double budget) {
    int faces = tracked;
    int currentFaces = maxFaces == ALL ? faces : Math.min(maxFaces, faces);
    boolean over = cost(detectEvery, currentFaces) > budget;
    int[] best = bestWithin(over ? budget : budget * RAISE_MARGIN, faces);
    boolean better = best[1] > currentFaces || best[1] == currentFaces && best[0] < detectEvery;
    if (over || better) {
      int cap = best[1] >= faces ? ALL : best[1];
      if (best[0] != detectEvery || cap != maxFaces) {
        detectEvery = best[0];
        maxFaces = cap;
        sinceChange = 0;
      }
    }
  }

  /** The most faces, then the least N, whose expected cost fits; {N, F}. */
  private int[] bestWithin(double budget, int faces) {
    for (int f = faces; f >= 1; f--) {
      for (int n = 1; n <= maxDetectEvery; n++) {
        if (cost(n, f) <= budget) {
          return new int[] {n, f};
        }
      }
    }
    return new int[] {maxDetectEvery, 1};
  }

  private double cost(int n, int faces) {
    return detectNanos / n + faces * faceNanos + otherNanos;
  }

  private double budgetNanos(double frameIntervalNanos) {
    boolean known = frameIntervalNanos > 0 && Double.isFinite(frameIntervalNanos);
    if (targetFps > 0) {
      double interval = 1e9 / targetFps;
      return known ? Math.max(interval, frameIntervalNanos) : interval;
    }
    if (targetLatencyNanos > 0) {
      return Math.max(0, targetLatencyNanos - (known ? frameIntervalNanos : targetLatencyNanos / 2.0));
    }
    return Double.NaN;
  }

  private LiveQuality snapshot(double budget) {
    return new LiveQuality(adaptive, detectEvery, maxFaces, nanos(detectNanos), nanos(faceNanos), nanos(otherNanos),
        adaptive ? nanos(budget) : Duration.ZERO);
  }

  private static double average(double mean, double sample) {
    return Double.isNaN(mean) ? sample : mean + WEIGHT * (sample - mean);
  }

  private static Duration nanos(double value) {
    return Double.isFinite(value) ? Duration.ofNanos(Math.round(value)) : Duration.ZERO;
  }
}
