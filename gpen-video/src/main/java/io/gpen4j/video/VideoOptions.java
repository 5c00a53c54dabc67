package io.gpen4j.video;

import io.gpen4j.RestoreOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How a video is restored: which faces and how strongly (gpen-core's {@link RestoreOptions}), how
 * faces are tracked, which part of the video, the output's quality, and how many frames the
 * pipeline holds at once. Immutable and thread-safe; build one with {@link #builder()}.
 */
public final class VideoOptions {
  /** The defaults: every face, the whole video, audio kept, quality 0.8, 8 frames in flight. */
  public static final VideoOptions DEFAULTS = builder().build();

  private final RestoreOptions restoreOptions;
  private final TrackingOptions tracking;
  private final VideoProgressListener progressListener;
  private final VideoFrameListener frameListener;
  private final int maxFramesInFlight;
  private final int restoreThreads;
  private final double quality;
  private final boolean overwrite;
  private final boolean keepAudio;
  private final Duration start;
  private final Duration duration;
  private final double framesPerSecond;
  private final String videoCodec;
  private final long videoBitrate;

  private VideoOptions(Builder b) {
    this.restoreOptions = b.restoreOptions;
    this.tracking = b.tracking;
    this.progressListener = b.progressListener;
    this.frameListener = b.frameListener;
    this.maxFramesInFlight = b.maxFramesInFlight;
    this.restoreThreads = b.restoreThreads;
    this.quality = b.quality;
    this.overwrite = b.overwrite;
    this.keepAudio = b.keepAudio;
    this.start = b.start;
    this.duration = b.duration;
    this.framesPerSecond = b.framesPerSecond;
    this.videoCodec = b.videoCodec;
    this.videoBitrate = b.videoBitrate;
  }

  /**
   * Returns a builder with the default values.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the per-frame restore options (face selection, fidelity, upscale, colour matching). @return the options */
  public RestoreOptions restoreOptions() {
    return restoreOptions;
  }

  /** Returns the tracking options. @return the options */
  public TrackingOptions tracking() {
    return tracking;
  }

  /** Returns the progress listener. @return the listener, {@link VideoProgressListener#NONE} by default */
  public VideoProgressListener progressListener() {
    return progressListener;
  }

  /** Returns the per-frame listener. @return the listener, {@link VideoFrameListener#NONE} by default */
  public VideoFrameListener frameListener() {
    return frameListener;
  }

  /** Returns the most frames decoded but not yet written (K). @return K */
  public int maxFramesInFlight() {
    return maxFramesInFlight;
  }

  /** Returns how many frames are restored at once. @return the worker threads */
  public int restoreThreads() {
    return restoreThreads;
  }

  /** Returns the output quality. @return a value in (0, 1] */
  public double quality() {
    return quality;
  }

  /** Returns whether an existing output is replaced. @return true to replace it */
  public boolean overwrite() {
    return overwrite;
  }

  /** Returns whether the audio is kept. @return true to keep it */
  public boolean keepAudio() {
    return keepAudio;
  }

  /** Returns where in the input the restoration starts. @return the offset, zero by default */
  public Duration start() {
    return start;
  }

  /** Returns how much of the input is restored. @return the length; empty for all of it */
  public Optional<Duration> duration() {
    return Optional.ofNullable(duration);
  }

  /** Returns the frame rate of a folder of numbered frames. @return frames per second */
  public double framesPerSecond() {
    return framesPerSecond;
  }

  /** Returns the FFmpeg video encoder chosen. @return its name; empty for the container's default */
  public Optional<String> videoCodec() {
    return Optional.ofNullable(videoCodec);
  }

  /** Returns the video bit rate chosen. @return bits per second; empty when {@link #quality()} decides */
  public OptionalLong videoBitrate() {
    return videoBitrate > 0 ? OptionalLong.of(videoBitrate) : OptionalLong.empty();
  }

  /**
   * Returns a builder that starts from these options.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.restoreOptions = restoreOptions;
    b.tracking = tracking;
    b.progressListener = progressListener;
    b.frameListener = frameListener;
    b.maxFramesInFlight = maxFramesInFlight;
    b.restoreThreads = restoreThreads;
    b.quality = quality;
    b.overwrite = overwrite;
    b.keepAudio = keepAudio;
    b.start = start;
    b.duration = duration;
    b.framesPerSecond = framesPerSecond;
    b.videoCodec = videoCodec;
    b.videoBitrate = videoBitrate;
    return b;
  }

  @Override
  public String toString() {
    return "VideoOptions{restore=" + restoreOptions + ", maxFramesInFlight=" + maxFramesInFlight
        + ", restoreThreads=" + restoreThreads + ", quality=" + quality + ", overwrite=" + overwrite
        + ", keepAudio=" + keepAudio + ", start=" + start + ", duration=" + duration
        + (videoCodec != null ? ", videoCodec=" + videoCodec : "") + (videoBitrate > 0 ? ", videoBitrate=" + videoBitrate : "")
        + "}";
  }

  /** Builds {@link VideoOptions}. Not thread-safe; {@link #build()} leaves it reusable. */
  public static final class Builder {
    private RestoreOptions restoreOptions = RestoreOptions.DEFAULTS;
    private TrackingOptions tracking = TrackingOptions.DEFAULTS;
    private VideoProgressListener progressListener = VideoProgressListener.NONE;
    private VideoFrameListener frameListener = VideoFrameListener.NONE;
    private int maxFramesInFlight = 8;
    private int restoreThreads = 1;
    private double quality = 0.8;
    private boolean overwrite;
    private boolean keepAudio = true;
    private Duration start = Duration.ZERO;
    private Duration duration;
    private double framesPerSecond = 25;
    private String videoCodec;
    private long videoBitrate;

    private Builder() {}

    /**
     * Sets the per-frame restore options: face selection, fidelity, upscale, colour matching. Their
     * photo progress listener is not called for video frames; use {@link #progressListener}.
     *
     * @param options the options
     * @return this builder
     */
    public Builder restoreOptions(RestoreOptions options) {
      this.restoreOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Sets how faces are followed between frames.
     *
     * @param options the tracking options
     * @return this builder
     */
    public Builder tracking(TrackingOptions options) {
      this.tracking = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Sets the listener told after each frame is written.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder progressListener(VideoProgressListener listener) {
      this.progressListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets the listener told of each frame after it is written: its faces with their track ids,
     * boxes, landmarks and alignment (the CLI's {@code --json} frames come from it).
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder frameListener(VideoFrameListener listener) {
      this.frameListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets K, the most frames in the pipeline at once (decoded and not yet written). Memory is
     * bounded by K frames whatever the video's length; K above the restore threads keeps every
     * stage busy.
     *
     * @param frames 1 or more; 8 by default
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxFramesInFlight(int frames) {
      if (frames < 1) {
        throw new IllegalArgumentException("maxFramesInFlight must be at least 1: " + frames);
      }
      this.maxFramesInFlight = frames;
      return this;
    }

    /**
     * Sets how many frames are restored at once (results are put back in order). On a CPU one is
     * best: ONNX Runtime already spreads one generator run over every core, so runs at once only
     * compete for it (the gpen-video README, "Threads and memory", gives the measurement). Raise it
     * for a GPU, or a CPU session limited to a few threads each.
     *
     * @param threads 1 or more; 1 by default
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder restoreThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("restoreThreads must be at least 1: " + threads);
      }
      this.restoreThreads = threads;
      return this;
    }

    /**
     * Sets the output video quality, which drives each encoder's own rate control: VP9's and AV1's
     * constant-quality factor (crf 18 at 0.8, 10 at 1), MPEG-4 Part 2's quantiser (2 at 0.8), and
     * OpenH264's bit budget, 0.02 + 0.4 x quality^2 bits per pixel (0.8: about 1.6 Mbit/s for
     * 640x360 at 25 fps; OpenH264 spends less on a simple picture). The default keeps texture: at
     * least 43 dB luma PSNR when a faceless clip is re-encoded. {@link #videoBitrate} overrides it.
     *
     * @param quality in (0, 1]
     * @return this builder
     * @throws IllegalArgumentException if outside (0, 1]
     */
    public Builder quality(double quality) {
      if (!(quality > 0 && quality <= 1)) {
        throw new IllegalArgumentException("quality must be in (0, 1]: " + quality);
      }
      this.quality = quality;
      return this;
    }

    /**
     * Sets whether an existing output is replaced. Off by default: an existing output fails the
     * call before anything is read.
     *
     * @param overwrite true to replace
     * @return this builder
     */
    public Builder overwrite(boolean overwrite) {
      this.overwrite = overwrite;
      return this;
    }

    /**
     * Sets whether the input's audio is written to the output. On by default.
     *
     * @param keep false to write the video alone
     * @return this builder
     */
    public Builder keepAudio(boolean keep) {
      this.keepAudio = keep;
      return this;
    }

    /**
     * Sets where in the input to start; the output starts there at time zero.
     *
     * @param offset zero (the default) or more
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder start(Duration offset) {
      Objects.requireNonNull(offset, "offset");
      if (offset.isNegative()) {
        throw new IllegalArgumentException("start must not be negative: " + offset);
      }
      this.start = offset;
      return this;
    }

    /**
     * Sets how much of the input to restore, from {@link #start}. All of it by default.
     *
     * @param length more than zero
     * @return this builder
     * @throws IllegalArgumentException if zero or negative
     */
    public Builder duration(Duration length) {
      Objects.requireNonNull(length, "length");
      if (length.isNegative() || length.isZero()) {
        throw new IllegalArgumentException("duration must be positive: " + length);
      }
      this.duration = length;
      return this;
    }

    /**
     * Sets the frame rate of a folder of numbered frames, which gives each frame its timestamp
     * (for tracking and for {@link #start}/{@link #duration}). Files carry their own rate.
     *
     * @param fps more than zero; 25 by default
     * @return this builder
     * @throws IllegalArgumentException if not positive and finite
     */
    public Builder framesPerSecond(double fps) {
      if (!(fps > 0 && Double.isFinite(fps))) {
        throw new IllegalArgumentException("framesPerSecond must be positive: " + fps);
      }
      this.framesPerSecond = fps;
      return this;
    }

    /**
     * Chooses the FFmpeg video encoder instead of the container's default (libopenh264 for MP4, MOV
     * and MKV, libvpx-vp9 for WebM, mpeg4 for AVI), e.g. {@code libaom-av1} or {@code libvpx-vp9}
     * into MP4. The bundled FFmpeg is an LGPL build: it has no libx264 or libx265. Checked against
     * the build and the container when the video is restored.
     *
     * @param encoder an encoder name as FFmpeg's {@code -c:v} takes it
     * @return this builder
     * @throws IllegalArgumentException if blank
     */
    public Builder videoCodec(String encoder) {
      Objects.requireNonNull(encoder, "encoder");
      if (encoder.isBlank()) {
        throw new IllegalArgumentException("videoCodec must not be blank");
      }
      this.videoCodec = encoder.strip();
      return this;
    }

    /**
     * Sets a target video bit rate, which replaces {@link #quality}'s control for every encoder
     * (VP9 and AV1 then run in bit-rate mode instead of constant quality).
     *
     * @param bitsPerSecond at least 10 000
     * @return this builder
     * @throws IllegalArgumentException if below 10 000 or above 2^31 - 1
     */
    public Builder videoBitrate(long bitsPerSecond) {
      if (bitsPerSecond < 10_000 || bitsPerSecond > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("videoBitrate must be in [10000, " + Integer.MAX_VALUE + "] bits/s: "
            + bitsPerSecond);
      }
      this.videoBitrate = bitsPerSecond;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     */
    public VideoOptions build() {
      return new VideoOptions(this);
    }
  }
}
