package io.gpen4j.video;

/**
 * How faces are followed from frame to frame. Immutable and thread-safe; build one with
 * {@link #builder()}.
 */
public final class TrackingOptions {
  /** The defaults: detect on every frame, keep a track through 5 frames without a detection. */
  public static final TrackingOptions DEFAULTS = builder().build();

  private final int detectEvery;
  private final int maxMissedFrames;
  private final double minOverlap;

  private TrackingOptions(Builder b) {
    this.detectEvery = b.detectEvery;
    this.maxMissedFrames = b.maxMissedFrames;
    this.minOverlap = b.minOverlap;
  }

  /** Returns a builder with the default values. @return a new builder */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns how often the detector runs: 1 = every frame, N = every N-th frame. @return N */
  public int detectEvery() {
    return detectEvery;
  }

  /** Returns how many frames in a row a track survives without a matching detection. @return the count */
  public int maxMissedFrames() {
    return maxMissedFrames;
  }

  /** Returns the least box overlap (intersection over union) that matches a detection to a track. @return the IoU */
  public double minOverlap() {
    return minOverlap;
  }

  /** Builds {@link TrackingOptions}; not thread-safe. */
  public static final class Builder {
    private int detectEvery = 1;
    private int maxMissedFrames = 5;
    private double minOverlap = 0.3;

    private Builder() {}

    /**
     * Sets how often the detector runs; in between, tracks carry the faces over.
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
     * Sets how many frames in a row a track survives without a matching detection.
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
     * Sets the least box overlap that matches a detection to a track.
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

    /** Builds the options. @return the options */
    public TrackingOptions build() {
      return new TrackingOptions(this);
    }
  }
}
