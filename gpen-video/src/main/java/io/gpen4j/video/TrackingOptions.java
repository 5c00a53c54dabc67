package io.gpen4j.video;

/**
 * How faces are followed from frame to frame and how their landmarks are smoothed. Immutable and
 * thread-safe; build one with {@link #builder()}.
 *
 * <p>Faces are matched between frames by box overlap and landmark distance, and each followed
 * face's motion (position, angle and scale of its five landmarks) and the shape and box left over
 * are smoothed with One Euro filters (Casiez, Roussel, Vogel, CHI 2012): low-pass filters whose
 * cut-off frequency is {@link #minCutoffHz()} at rest and rises by {@link #beta()} times each
 * parameter's speed, so a still face is steady and a moving one does not lag, and a pan does not
 * loosen the angle and scale. The restorer aligns each face from its landmarks by a similarity
 * transform, so a steady motion gives a steady crop and paste border. The defaults suit a talking-head video at 24 to 60 frames per second.
 */
public final class TrackingOptions {
  /**
   * The defaults: detect on every frame (frames over 640 px on a copy that keeps faces from
   * {@value Builder#DEFAULT_SMALLEST_DETECTED_FACE} px), keep a track through 5 missed detections, match at 0.3
   * box overlap and 0.5 face sizes of landmark distance, smoothing on with a minimum cut-off of
   * {@value Builder#DEFAULT_MIN_CUTOFF_HZ} Hz, beta {@value Builder#DEFAULT_BETA} and a derivative
   * cut-off of {@value Builder#DEFAULT_DERIVATIVE_CUTOFF_HZ} Hz.
   */
  public static final TrackingOptions DEFAULTS = builder().build();

  private final int detectEvery;
  private final int smallestDetectedFace;
  private final int maxMissedFrames;
  private final double minOverlap;
  private final double maxLandmarkDistance;
  private final boolean smoothing;
  private final double minCutoffHz;
  private final double beta;
  private final double derivativeCutoffHz;

  private TrackingOptions(Builder b) {
    this.detectEvery = b.detectEvery;
    this.smallestDetectedFace = b.smallestDetectedFace;
    this.maxMissedFrames = b.maxMissedFrames;
    this.minOverlap = b.minOverlap;
    this.maxLandmarkDistance = b.maxLandmarkDistance;
    this.smoothing = b.smoothing;
    this.minCutoffHz = b.minCutoffHz;
    this.beta = b.beta;
    this.derivativeCutoffHz = b.derivativeCutoffHz;
  }

  /** Returns a builder with the default values. @return a new builder */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns how often the detector runs: 1 = every frame, N = every N-th frame. @return N */
  public int detectEvery() {
    return detectEvery;
  }

  /**
   * Returns the smallest face, in frame pixels, the detector must find: frames larger than the
   * detector's 640 px pass are searched on a copy shrunk so that such a face spans the detector's
   * smallest reliable face (20 px), but not below 640 px.
   *
   * @return pixels; 20 or less searches every frame itself
   */
  public int smallestDetectedFace() {
    return smallestDetectedFace;
  }

  /**
   * Returns how many detector runs in a row a track survives without a matching detection.
   *
   * @return the count
   */
  public int maxMissedFrames() {
    return maxMissedFrames;
  }

  /** Returns the least box overlap (intersection over union) that matches a detection to a track. @return the IoU */
  public double minOverlap() {
    return minOverlap;
  }

  /**
   * Returns the largest mean distance between a track's landmarks and a detection's that still
   * matches them, in units of the face's size (the shorter side of its box).
   *
   * @return the distance in face sizes
   */
  public double maxLandmarkDistance() {
    return maxLandmarkDistance;
  }

  /** Returns whether landmarks and boxes are smoothed. @return true if smoothing is on */
  public boolean smoothing() {
    return smoothing;
  }

  /** Returns the One Euro filter's cut-off frequency for a still face. @return the cut-off in Hz */
  public double minCutoffHz() {
    return minCutoffHz;
  }

  /**
   * Returns how fast the One Euro filter's cut-off rises with the face's speed: the cut-off in Hz
   * added per face size per second of speed.
   *
   * @return beta, in Hz per (face sizes per second)
   */
  public double beta() {
    return beta;
  }

  /** Returns the cut-off frequency of the One Euro filter's speed estimate. @return the cut-off in Hz */
  public double derivativeCutoffHz() {
    return derivativeCutoffHz;
  }

  @Override
  public String toString() {
    return "TrackingOptions[detectEvery=" + detectEvery
        + ", smallestDetectedFace=" + smallestDetectedFace
        + ", maxMissedFrames=" + maxMissedFrames
        + ", minOverlap=" + minOverlap
        + ", maxLandmarkDistance=" + maxLandmarkDistance
        + ", smoothing=" + smoothing
        + ", minCutoffHz=" + minCutoffHz
        + ", beta=" + beta
        + ", derivativeCutoffHz=" + derivativeCutoffHz + "]";
  }

  /** Builds {@link TrackingOptions}; not thread-safe, reusable after {@link #build()}. */
  public static final class Builder {
    // The three filter defaults were tuned on the real YuNet detector over a 30 fps 640x360 clip of
    // a 65 px face (FaceTrackerYuNetTest): still, the aligned crop moves 10x less than with raw
    // detections; panning 3 px a frame, the landmarks trail the detections by at most 0.7 px.

    /** The default minimum cut-off in Hz; see {@link #minCutoffHz(double)}. */
    public static final double DEFAULT_MIN_CUTOFF_HZ = 0.1;
    /** The default beta; see {@link #beta(double)}. */
    public static final double DEFAULT_BETA = 30.0;
    /** The default derivative cut-off in Hz; see {@link #derivativeCutoffHz(double)}. */
    public static final double DEFAULT_DERIVATIVE_CUTOFF_HZ = 0.3;

    /** The default smallest detected face in pixels; see {@link #smallestDetectedFace(int)}. */
    public static final int DEFAULT_SMALLEST_DETECTED_FACE = 40;

    private int detectEvery = 1;
    private int smallestDetectedFace = DEFAULT_SMALLEST_DETECTED_FACE;
    private int maxMissedFrames = 5;
    private double minOverlap = 0.3;
    private double maxLandmarkDistance = 0.5;
    private boolean smoothing = true;
    private double minCutoffHz = DEFAULT_MIN_CUTOFF_HZ;
    private double beta = DEFAULT_BETA;
    private double derivativeCutoffHz = DEFAULT_DERIVATIVE_CUTOFF_HZ;

    private Builder() {}

    /**
     * Sets how often the detector runs; in between, tracks carry the faces over, extrapolated at
     * their smoothed speed. Raising it saves detector time but lets a face that turns or moves
     * unpredictably drift from its crop between detections, and delays finding new faces when
     * faces are already tracked (while none is, the detector runs on every frame).
     *
     * @param frames 1 (every frame, the default) or more
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder detectEvery(int frames) {
      if (frames < 1) {
        throw new IllegalArgumentException("detectEvery must be at least 1: " + frames);
      }
      this.detectEvery = frames;
      return this;
    }

    /**
     * Sets the smallest face, in frame pixels, the detector must find. A frame larger than the
     * detector's whole-frame pass (640 px on the long side) is searched on a copy shrunk by
     * {@code 20 / pixels} (the built-in detectors find faces from 20 px), but not below 640 px, and
     * the boxes and landmarks found are mapped back to the frame; a frame of 640 px or less, or a
     * value of 20 or less, searches the frame itself, as a photo restore does. Without the copy,
     * a large frame is searched in tiles at full resolution down to 20 px faces: a 1920x1080
     * frame took about 9 detector runs where the default copy (960x540) takes 3, and a 1280x720
     * frame 7 where its copy takes 1. Raising it makes large frames faster still, at the price of
     * faces smaller than it, which may be missed, and of small faces' landmarks located on fewer
     * pixels (the tracker's smoothing averages their extra noise). The face-selection options of
     * {@link io.gpen4j.RestoreOptions} still apply in frame pixels.
     *
     * @param pixels 1 or more; {@value #DEFAULT_SMALLEST_DETECTED_FACE} by default
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder smallestDetectedFace(int pixels) {
      if (pixels < 1) {
        throw new IllegalArgumentException("smallestDetectedFace must be at least 1: " + pixels);
      }
      this.smallestDetectedFace = pixels;
      return this;
    }

    /**
     * Sets how many detector runs in a row a track survives without a matching detection; it is
     * held where it was last seen meanwhile, and frames where the detector does not run do not
     * count. Raising it bridges longer detector dropouts (a hand over the face, a blurred frame)
     * but keeps restoring a face that has gone for longer; lowering it drops a lost face sooner,
     * and a face found again after its track was dropped gets a new id.
     *
     * @param frames 0 or more; 5 by default
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder maxMissedFrames(int frames) {
      if (frames < 0) {
        throw new IllegalArgumentException("maxMissedFrames must not be negative: " + frames);
      }
      this.maxMissedFrames = frames;
      return this;
    }

    /**
     * Sets the least box overlap (intersection over union) between where a track is expected and
     * a detection for them to match. Raising it avoids mixing up faces that are close together but
     * loses fast-moving faces (they start new tracks); lowering it does the opposite.
     *
     * @param iou in (0, 1]; 0.3 by default
     * @return this builder
     * @throws IllegalArgumentException if outside (0, 1]
     */
    public Builder minOverlap(double iou) {
      if (!(iou > 0 && iou <= 1)) {
        throw new IllegalArgumentException("minOverlap must be in (0, 1]: " + iou);
      }
      this.minOverlap = iou;
      return this;
    }

    /**
     * Sets the largest mean distance between the five landmarks of where a track is expected and
     * those of a detection for them to match, in face sizes (the shorter side of the track's box).
     * Within this limit the distance is added to the matching cost, which tells apart faces whose
     * boxes overlap. Raising it tolerates faster motion and sudden head turns; lowering it is
     * stricter about identity.
     *
     * @param faceSizes positive; 0.5 by default
     * @return this builder
     * @throws IllegalArgumentException if not positive or not finite
     */
    public Builder maxLandmarkDistance(double faceSizes) {
      if (!(faceSizes > 0) || Double.isInfinite(faceSizes)) {
        throw new IllegalArgumentException(
            "maxLandmarkDistance must be positive and finite: " + faceSizes);
      }
      this.maxLandmarkDistance = faceSizes;
      return this;
    }

    /**
     * Sets whether landmarks and boxes are smoothed. Off, the tracker returns each matched
     * detection unchanged (still tracked, still carried over between detections).
     *
     * @param on true (the default) to smooth
     * @return this builder
     */
    public Builder smoothing(boolean on) {
      this.smoothing = on;
      return this;
    }

    /**
     * Sets the One Euro filter's cut-off frequency for a still face. Lowering it steadies a still
     * face more (less jitter of the crop and paste border) but makes the filter slower to follow
     * slow motion, such as a gentle nod; raising it follows slow motion more closely and lets more
     * jitter through.
     *
     * @param hertz positive and finite; {@value #DEFAULT_MIN_CUTOFF_HZ} by default
     * @return this builder
     * @throws IllegalArgumentException if not positive or not finite
     */
    public Builder minCutoffHz(double hertz) {
      if (!(hertz > 0) || Double.isInfinite(hertz)) {
        throw new IllegalArgumentException("minCutoffHz must be positive and finite: " + hertz);
      }
      this.minCutoffHz = hertz;
      return this;
    }

    /**
     * Sets how fast the One Euro filter's cut-off rises with speed: the cut-off in Hz added per
     * face size per second that the landmarks move, by a shift, a turn or a zoom (a 200 px face
     * moving 100 px/s moves 0.5 face sizes per second). Raising it reduces lag while the face moves, at the price of more jitter
     * while it moves; lowering it smooths moving faces more but they trail behind. 0 makes a plain
     * low-pass filter at {@link #minCutoffHz(double)}.
     *
     * @param beta not negative and finite; {@value #DEFAULT_BETA} by default
     * @return this builder
     * @throws IllegalArgumentException if negative or not finite
     */
    public Builder beta(double beta) {
      if (!(beta >= 0) || Double.isInfinite(beta)) {
        throw new IllegalArgumentException("beta must be finite and not negative: " + beta);
      }
      this.beta = beta;
      return this;
    }

    /**
     * Sets the cut-off frequency of the filter's speed estimate. Lowering it makes jitter less
     * likely to read as motion (steadier when still) but makes the filter slower to notice that a
     * face started moving (a short lag at the start of a motion); raising it does the opposite.
     *
     * @param hertz positive and finite; {@value #DEFAULT_DERIVATIVE_CUTOFF_HZ} by default
     * @return this builder
     * @throws IllegalArgumentException if not positive or not finite
     */
    public Builder derivativeCutoffHz(double hertz) {
      if (!(hertz > 0) || Double.isInfinite(hertz)) {
        throw new IllegalArgumentException(
            "derivativeCutoffHz must be positive and finite: " + hertz);
      }
      this.derivativeCutoffHz = hertz;
      return this;
    }

    /** Builds the options. @return the options */
    public TrackingOptions build() {
      return new TrackingOptions(this);
    }
  }
}
