package io.gpen4j.video;

import io.gpen4j.Ticker;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How a {@link LiveStream} runs: an optional target (frame rate or latency) for adaptive quality,
 * how many frames its statistics cover, who hears of each restored frame, and its clock. Immutable
 * and thread-safe; build one with {@link #builder()}.
 *
 * <p>Without a target the stream restores every frame it takes with the {@link VideoOptions}' fixed
 * values (their detect-every, every tracked face). With a target it chooses, from the costs it
 * measures, how often to detect (up to {@link #maxDetectEvery()}) and how many faces to restore.
 */
public final class LiveOptions {
  /** The defaults: no target (fixed quality), statistics over 120 frames, no listener, {@link System#nanoTime()}. */
  public static final LiveOptions DEFAULTS = builder().build();

  private final double targetFramesPerSecond;
  private final Duration targetLatency;
  private final int maxDetectEvery;
  private final int statsWindowFrames;
  private final LiveFrameListener listener;
  private final Ticker ticker;

  private LiveOptions(Builder b) {
    this.targetFramesPerSecond = b.targetFramesPerSecond;
    this.targetLatency = b.targetLatency;
    this.maxDetectEvery = b.maxDetectEvery;
    this.statsWindowFrames = b.statsWindowFrames;
    this.listener = b.listener;
    this.ticker = b.ticker;
  }

  /** Returns a builder with the default values. @return a new builder */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the target frame rate. @return frames per second; empty when none is set */
  public OptionalDouble targetFramesPerSecond() {
    return targetFramesPerSecond > 0 ? OptionalDouble.of(targetFramesPerSecond) : OptionalDouble.empty();
  }

  /** Returns the target latency, capture to restored. @return the latency; empty when none is set */
  public Optional<Duration> targetLatency() {
    return Optional.ofNullable(targetLatency);
  }

  /** Returns whether quality adapts: a target frame rate or latency is set. @return true if adaptive */
  public boolean adaptive() {
    return targetFramesPerSecond > 0 || targetLatency != null;
  }

  /** Returns the most frames between detector runs that adaptive quality may choose. @return 1 or more */
  public int maxDetectEvery() {
    return maxDetectEvery;
  }

  /** Returns how many of the last frames the rates and latency percentiles cover. @return 2 or more */
  public int statsWindowFrames() {
    return statsWindowFrames;
  }

  /** Returns the listener told of each restored frame. @return the listener, {@link LiveFrameListener#NONE} by default */
  public LiveFrameListener listener() {
    return listener;
  }

  /** Returns the clock that capture times are read on. @return the ticker, {@link Ticker#system()} by default */
  public Ticker ticker() {
    return ticker;
  }

  /** Returns a builder that starts from these options. @return a new builder */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.targetFramesPerSecond = targetFramesPerSecond;
    b.targetLatency = targetLatency;
    b.maxDetectEvery = maxDetectEvery;
    b.statsWindowFrames = statsWindowFrames;
    b.listener = listener;
    b.ticker = ticker;
    return b;
  }

  @Override
  public String toString() {
    return "LiveOptions{" + (targetFramesPerSecond > 0 ? "targetFramesPerSecond=" + targetFramesPerSecond + ", " : "")
        + (targetLatency != null ? "targetLatency=" + targetLatency + ", " : "")
        + "maxDetectEvery=" + maxDetectEvery + ", statsWindowFrames=" + statsWindowFrames + "}";
  }

  /** Builds {@link LiveOptions}. Not thread-safe; {@link #build()} leaves it reusable. */
  public static final class Builder {
    private double targetFramesPerSecond;
    private Duration targetLatency;
    private int maxDetectEvery = 8;
    private int statsWindowFrames = 120;
    private LiveFrameListener listener = LiveFrameListener.NONE;
    private Ticker ticker = Ticker.system();

    private Builder() {}

    /**
     * Sets a target frame rate: the stream then chooses how often to detect and how many faces to
     * restore so that a frame costs at most one interval of this rate (or of the camera's rate when
     * that is lower). Not together with {@link #targetLatency}.
     *
     * @param fps more than zero
     * @return this builder
     * @throws IllegalArgumentException if not positive and finite
     */
    public Builder targetFramesPerSecond(double fps) {
      if (!(fps > 0 && Double.isFinite(fps))) {
        throw new IllegalArgumentException("targetFramesPerSecond must be positive: " + fps);
      }
      this.targetFramesPerSecond = fps;
      return this;
    }

    /**
     * Sets a target latency, capture to restored: the stream then chooses how often to detect and
     * how many faces to restore so that a frame costs at most this latency less one camera frame
     * interval (the longest a frame waits for the one before it). Not together with {@link
     * #targetFramesPerSecond}.
     *
     * @param latency more than zero
     * @return this builder
     * @throws IllegalArgumentException if zero or negative
     */
    public Builder targetLatency(Duration latency) {
      Objects.requireNonNull(latency, "latency");
      if (latency.isNegative() || latency.isZero()) {
        throw new IllegalArgumentException("targetLatency must be positive: " + latency);
      }
      this.targetLatency = latency;
      return this;
    }

    /**
     * Sets the most frames between detector runs that adaptive quality may choose. Between runs the
     * tracker carries each face at its smoothed speed, so a face that turns or moves suddenly drifts
     * from its crop for up to this many frames.
     *
     * @param frames 1 or more; 8 by default
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxDetectEvery(int frames) {
      if (frames < 1) {
        throw new IllegalArgumentException("maxDetectEvery must be at least 1: " + frames);
      }
      this.maxDetectEvery = frames;
      return this;
    }

    /**
     * Sets how many of the last frames the frame rates and latency percentiles of {@link
     * LiveStream#stats()} cover.
     *
     * @param frames 2 or more; 120 by default
     * @return this builder
     * @throws IllegalArgumentException if below 2
     */
    public Builder statsWindowFrames(int frames) {
      if (frames < 2) {
        throw new IllegalArgumentException("statsWindowFrames must be at least 2: " + frames);
      }
      this.statsWindowFrames = frames;
      return this;
    }

    /**
     * Sets the listener told of each restored frame, on the stream's thread.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(LiveFrameListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets the clock that capture times passed to {@link LiveStream#offer} are read on, and that
     * latencies are measured with.
     *
     * @param ticker the clock; {@link Ticker#system()} ({@link System#nanoTime()}) by default
     * @return this builder
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     * @throws IllegalArgumentException if both a target frame rate and a target latency are set
     */
    public LiveOptions build() {
      if (targetFramesPerSecond > 0 && targetLatency != null) {
        throw new IllegalArgumentException("set targetFramesPerSecond or targetLatency, not both");
      }
      return new LiveOptions(this);
    }
  }
}
