package io.gpen4j.video.internal.live;

import io.gpen4j.StageTimings;
import io.gpen4j.video.LiveOptions;
import io.gpen4j.video.LiveQuality;
import io.gpen4j.video.RestoredFrame;
import io.gpen4j.video.internal.pipeline.FrameQuality;
import java.time.Duration;

/**
 * A live stream's quality: how often to detect (N), how many faces to restore (F) and, when the
 * restorer has a small-face model, whether every face goes to it (M), chosen from measured costs so
 * that a frame fits a time budget.
 *
 * <p>Costs: after each restored frame, exponential moving averages (weight {@value #WEIGHT} for
 * the newest) of the detector's time per run D, the time per restored face R (align, generator,
 * paste over the faces restored) and the rest of the frame's wall time O (conversion, tracking,
 * hand-overs). R is kept per model: R_l from frames where a face ran on the large model (or every
 * frame without a small one), R_s from frames whose faces all ran on the small one (forced, or small
 * enough for the size routing). A frame is expected to cost {@code D / N + F R + O}, R the chosen
 * model's. While every face is on one model the other does not run, so its R follows the running
 * one's at the ratio R_l / R_s last measured while both were fresh (sampled within
 * {@value #RATIO_WINDOW} frames of each other, around a switch): a change of load moves both alike,
 * and a stale R_l measured under a load now gone would otherwise keep the small model for good. A
 * model that runs again after that restarts its average from its first new sample. Until both have
 * run, the ratio is the crops' area ratio (the generator's work grows with its pixels; issue 29
 * measured GPEN-512 at 8.3x GPEN-256, more than the area's 4x, so the estimate errs towards the
 * large model).
 *
 * <p>Budget: one interval of the target frame rate (or of the camera's rate when lower: restoring
 * faster than frames come buys nothing); for a target latency L, {@code L - T} with T the camera's
 * frame interval, since a frame waits up to one interval for the frame before it.
 *
 * <p>Choice: the most faces first (the faces are what the user sees), then the large model, then
 * the least N, that fits the budget; if nothing fits, one face at the largest N on the cheapest
 * model. So N is raised before the small model is taken: a larger N costs only the freshness of the
 * boxes between detections, which the tracker's filters carry, and D is usually the largest single
 * cost (so D / N buys the most), while the small model takes detail from every face on every frame;
 * and the small model is taken before a face is dropped, since a dropped face is not restored at
 * all. Restoring every tracked face is kept as "all" rather than a count, so a face that walks in
 * is restored at once and the next choice accounts for it. Hysteresis, the same for the three knobs: a frame over budget lowers the quality
 * at once; a higher quality is chosen only when it fits in {@value #RAISE_MARGIN} of the budget,
 * and no change follows another within {@value #SETTLE_FRAMES} frames, so the averages see the new
 * setting before the next one.
 *
 * <p>Geometry: neither knob restarts a track. The tracker and its filters go on through a change of
 * N (it only changes how often detections feed them), and a face left out of F keeps its track, so
 * a face comes back where its smoothed track has carried it, never at a jump. M changes only which
 * generator runs on a face: the small model's crop is aligned to the same face region (its template
 * is the large one's scaled to its side), so the face is pasted over the same pixels.
 *
 * <p>Threads: {@link #detectEvery}, {@link #facesToRestore} and {@link #smallModelForAll} are read
 * on the tracking thread, {@link #observe} runs on the stream's thread, {@link #current} on any:
 * the choice and the snapshot are volatile, the averages are touched by {@link #observe} only.
 */
public final class QualityController implements FrameQuality {
  static final double WEIGHT = 0.2;
  static final double RAISE_MARGIN = 0.85;
  static final int SETTLE_FRAMES = 5;
  /** Frames within which samples of both models count as measured together, for their ratio. */
  static final int RATIO_WINDOW = 2 * SETTLE_FRAMES;
  /** Samples of each cost before the first choice. */
  private static final int WARM_UP = 3;
  private static final int ALL = 0;

  private final boolean adaptive;
  private final double targetFps;
  private final long targetLatencyNanos;
  private final int maxDetectEvery;
  /** The small-face model's crop side; 0 without one. */
  private final int smallModelSize;

  private volatile int detectEvery;
  private volatile int maxFaces = ALL;
  private volatile boolean smallForAll;
  private volatile int tracked;
  private volatile LiveQuality snapshot;

  private double detectNanos = Double.NaN;
  private double faceNanos = Double.NaN;
  private double smallFaceNanos = Double.NaN;
  /** R_l / R_s: the crops' area ratio until both models have been measured together. */
  private double largeOverSmall;
  private long frames;
  private long lastLargeFrame = Long.MIN_VALUE / 2;
  private long lastSmallFrame = Long.MIN_VALUE / 2;
  private double otherNanos = Double.NaN;
  private int detectSamples;
  private int faceSamples;
  private int sinceChange;

  /**
   * Starts at the video options' detect-every, every face, on the large model.
   *
   * @param live the target, if any, and the largest N
   * @param detectEvery the starting N (the tracking options')
   * @param modelSize the generator's crop side (the large model's)
   * @param smallModelSize the small-face model's crop side, or 0 without one
   */
  public QualityController(LiveOptions live, int detectEvery, int modelSize, int smallModelSize) {
    this.smallModelSize = smallModelSize;
    this.largeOverSmall = smallModelSize > 0
        ? (double) modelSize * modelSize / ((double) smallModelSize * smallModelSize) : 1;
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

  @Override
  public boolean smallModelForAll() {
    return smallForAll;
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
      boolean allSmall = smallModelSize > 0
          && frame.faces().stream().allMatch(f -> f.modelSize() == smallModelSize);
      // A model that comes back after a while off restarts its average: the old one is stale.
      if (allSmall) {
        smallFaceNanos = average(frames - lastSmallFrame > RATIO_WINDOW ? Double.NaN : smallFaceNanos,
            (double) restore / faces);
        lastSmallFrame = frames;
      } else {
        boolean stale = smallModelSize > 0 && frames - lastLargeFrame > RATIO_WINDOW;
        faceNanos = average(stale ? Double.NaN : faceNanos, (double) restore / faces);
        lastLargeFrame = frames;
      }
      if (Math.abs(lastLargeFrame - lastSmallFrame) <= RATIO_WINDOW) {
        largeOverSmall = faceNanos / smallFaceNanos;
      }
      faceSamples++;
    }
    frames++;
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
    Choice now = new Choice(detectEvery, currentFaces, smallForAll);
    boolean over = cost(now) > budget;
    Choice best = bestWithin(over ? budget : budget * RAISE_MARGIN, faces);
    if (over || best.betterThan(now)) {
      int cap = best.faces() >= faces ? ALL : best.faces();
      if (best.detectEvery() != detectEvery || cap != maxFaces || best.small() != smallForAll) {
        detectEvery = best.detectEvery();
        maxFaces = cap;
        smallForAll = best.small();
        sinceChange = 0;
      }
    }
  }

  /** The most faces, then the large model, then the least N, whose expected cost fits. */
  private Choice bestWithin(double budget, int faces) {
    for (int f = faces; f >= 1; f--) {
      for (boolean small : smallModelSize > 0 ? new boolean[] {false, true} : new boolean[] {false}) {
        for (int n = 1; n <= maxDetectEvery; n++) {
          Choice c = new Choice(n, f, small);
          if (cost(c) <= budget) {
            return c;
          }
        }
      }
    }
    return new Choice(maxDetectEvery, 1, smallModelSize > 0);
  }

  private double cost(Choice c) {
    return detectNanos / c.detectEvery() + c.faces() * faceCost(c.small()) + otherNanos;
  }

  /** R of a model: its own average when it ran last, else the other's at their ratio. */
  private double faceCost(boolean small) {
    boolean smallLast = lastSmallFrame > lastLargeFrame;
    if (small) {
      return smallLast ? smallFaceNanos : faceNanos / largeOverSmall;
    }
    return smallLast ? smallFaceNanos * largeOverSmall : faceNanos;
  }

  /** A setting of the three knobs. */
  private record Choice(int detectEvery, int faces, boolean small) {
    /** More faces, else the large model, else a smaller N. */
    boolean betterThan(Choice o) {
      if (faces != o.faces) {
        return faces > o.faces;
      }
      if (small != o.small) {
        return !small;
      }
      return detectEvery < o.detectEvery;
    }
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
    return new LiveQuality(adaptive, detectEvery, maxFaces, smallForAll, nanos(detectNanos), nanos(faceNanos),
        nanos(smallFaceNanos), nanos(otherNanos), adaptive ? nanos(budget) : Duration.ZERO);
  }

  private static double average(double mean, double sample) {
    return Double.isNaN(mean) ? sample : mean + WEIGHT * (sample - mean);
  }

  private static Duration nanos(double value) {
    return Double.isFinite(value) ? Duration.ofNanos(Math.round(value)) : Duration.ZERO;
  }
}
