package io.gpen4j.video;

import io.gpen4j.Ticker;
import io.gpen4j.video.internal.codec.EncoderSettings;
import io.gpen4j.video.internal.codec.LiveSink;
import io.gpen4j.video.internal.codec.LiveSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores a live input into a live output through a {@link LiveStream}: a camera device or any
 * stream FFmpeg opens in, a file or a stream URL FFmpeg writes out. Frames are read as the input
 * gives them (a file is read at its own pace, as {@code ffmpeg -re} does, so it behaves as a
 * camera would), offered to the stream, and each restored frame is written at its capture time;
 * a dropped frame leaves a gap in the output, where the frame before stays on screen.
 *
 * <pre>{@code
 * LiveStats stats = LiveRelay.builder(videoRestorer, "/dev/video0", "out.mp4")
 *     .inputFormat("v4l2")
 *     .liveOptions(LiveOptions.builder().targetFramesPerSecond(10).build())
 *     .duration(Duration.ofMinutes(1))
 *     .build()
 *     .run();
 * }</pre>
 *
 * <p>Thread-safety: immutable; {@link #run()} may be called again (a new run each time), from
 * one thread at a time per output. It stops at the input's end, after {@link Builder#duration},
 * or when the running thread is interrupted, and finishes the output in every case, so what was
 * recorded plays.
 */
public final class LiveRelay {
  private static final Logger LOG = LoggerFactory.getLogger(LiveRelay.class);
  /** How long the last offered frame may take to come back at the input's end. */
  private static final Duration DRAIN = Duration.ofSeconds(60);

  private final VideoRestorer restorer;
  private final String input;
  private final String output;
  private final String inputFormat;
  private final String outputFormat;
  private final Duration duration;
  private final VideoOptions videoOptions;
  private final LiveOptions liveOptions;

  private LiveRelay(Builder b) {
    this.restorer = b.restorer;
    this.input = b.input;
    this.output = b.output;
    this.inputFormat = b.inputFormat;
    this.outputFormat = b.outputFormat;
    this.duration = b.duration;
    this.videoOptions = b.videoOptions;
    this.liveOptions = b.liveOptions;
  }

  /**
   * Returns a builder.
   *
   * @param restorer the video restorer
   * @param input a camera device ({@code /dev/video0}), a stream URL or a file, as FFmpeg opens it
   * @param output a file or a stream URL FFmpeg writes ({@code rtmp://...} with format {@code flv})
   * @return a new builder
   */
  public static Builder builder(VideoRestorer restorer, String input, String output) {
    return new Builder(restorer, input, output);
  }

  /**
   * Restores the input into the output until the input ends, the duration passes or the thread is
   * interrupted.
   *
   * @return the live stream's final counters, rates, latencies and quality
   * @throws VideoException if the input cannot be opened or read, the output exists (a file,
   *     without {@link VideoOptions.Builder#overwrite}) or cannot be written, or restoring fails;
   *     a file output is then removed
   * @throws IllegalArgumentException if the output needs a format (a URL, or a file without a
   *     known extension) and none is set
   */
  public LiveStats run() {
    Path file = fileOutput();
    if (file == null && outputFormat == null) {
      throw new IllegalArgumentException("a URL output needs outputFormat (flv for RTMP, mpegts for UDP): " + output);
    }
    if (file != null && Files.exists(file) && !videoOptions.overwrite()) {
      throw new VideoException("output exists: " + file + " (set overwrite to replace it)");
    }
    boolean finished = false;
    try (LiveSource source = LiveSource.open(input, inputFormat)) {
      EncoderSettings encoder = new EncoderSettings(videoOptions.videoCodec().orElse(null), videoOptions.quality(),
          videoOptions.videoBitrate().orElse(0));
      try (LiveSink sink = LiveSink.open(output, outputFormat, encoder, source.width(), source.height(),
          source.frameRate())) {
        LiveStats stats = relay(source, sink);
        sink.finish();
        finished = true;
        LOG.info("{} -> {}: {} frames restored, {} dropped, {} written", input, output, stats.restored(),
            stats.dropped(), sink.written());
        return stats;
      }
    } finally {
      if (!finished && file != null) {
        deleteQuietly(file);
      }
    }
  }

  private LiveStats relay(LiveSource source, LiveSink sink) {
    Ticker ticker = liveOptions.ticker();
    long start = ticker.read();
    LiveFrameListener user = liveOptions.listener();
    LiveOptions writing = liveOptions.toBuilder().listener(new LiveFrameListener() {
      @Override
      public void onFrame(LiveFrame frame) {
        sink.write(frame.frame().image(), (frame.captureNanos() - start) / 1000);
        user.onFrame(frame);
      }

      @Override
      public void onFailure(VideoException failure) {
        user.onFailure(failure);
      }
    }).build();
    long limit = duration == null ? Long.MAX_VALUE : duration.toNanos() / 1000;
    try (LiveStream live = restorer.openLiveStream(videoOptions, writing)) {
      long first = Long.MIN_VALUE;
      long lastCapture = Long.MIN_VALUE;
      while (!Thread.currentThread().isInterrupted()) {
        LiveSource.Timed frame = source.next();
        if (frame == null) {
          break;
        }
        if (first == Long.MIN_VALUE) {
          first = frame.timestampMicros();
        }
        long offset = frame.timestampMicros() - first;
        if (offset >= limit) {
          break;
        }
        // A file comes faster than real time: hold each frame until its time, as a camera gives it.
        if (!sleepUntil(ticker, start + offset * 1000)) {
          break;
        }
        long capture = Math.max(lastCapture, ticker.read());
        lastCapture = capture;
        live.offer(frame.image(), capture);
      }
      drain(live);
      return live.stats();
    }
  }

  /** Waits for the last offered frame to be restored (or dropped), so the output ends with it. */
  private static void drain(LiveStream live) {
    long deadline = System.nanoTime() + DRAIN.toNanos();
    while (!Thread.currentThread().isInterrupted() && System.nanoTime() < deadline) {
      LiveStats s = live.stats();
      if (s.restored() + s.dropped() >= s.offered()) {
        return;
      }
      live.poll(Duration.ofMillis(50));
    }
  }

  /** Sleeps until the ticker reads {@code nanos}; false when interrupted. */
  private static boolean sleepUntil(Ticker ticker, long nanos) {
    long wait;
    while ((wait = nanos - ticker.read()) > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** The output as a local file, or null for a URL. */
  private Path fileOutput() {
    return output.contains("://") ? null : Path.of(output);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("cannot remove the unfinished output {}: {}", file, e.toString());
    }
  }

  /** Builds a {@link LiveRelay}. Not thread-safe; {@link #build()} leaves it reusable. */
  public static final class Builder {
    private final VideoRestorer restorer;
    private final String input;
    private final String output;
    private String inputFormat;
    private String outputFormat;
    private Duration duration;
    private VideoOptions videoOptions = VideoOptions.DEFAULTS;
    private LiveOptions liveOptions = LiveOptions.DEFAULTS;

    private Builder(VideoRestorer restorer, String input, String output) {
      this.restorer = Objects.requireNonNull(restorer, "restorer");
      this.input = requireName(input, "input");
      this.output = requireName(output, "output");
    }

    /**
     * Sets FFmpeg's input format: {@code v4l2} for a Linux camera, {@code avfoundation} on macOS,
     * {@code dshow} on Windows, {@code lavfi} for a generated test source. By default FFmpeg guesses
     * from the name and the content.
     *
     * @param format an FFmpeg demuxer or input device name
     * @return this builder
     */
    public Builder inputFormat(String format) {
      this.inputFormat = requireName(format, "inputFormat");
      return this;
    }

    /**
     * Sets FFmpeg's output format: {@code flv} for RTMP, {@code mpegts} for UDP or SRT, {@code rtsp}
     * for RTSP; needed for a URL. By default a file's extension chooses (.mp4, .mov, .mkv, .webm,
     * .avi).
     *
     * @param format an FFmpeg muxer name
     * @return this builder
     */
    public Builder outputFormat(String format) {
      this.outputFormat = requireName(format, "outputFormat");
      return this;
    }

    /**
     * Stops after this much of the input (by its timestamps). By default the relay runs until the
     * input ends or the thread is interrupted.
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
     * Sets the restore and tracking options, and the output's encoder, bit rate or quality and
     * overwrite (start, K and the listeners are not used).
     *
     * @param options the options
     * @return this builder
     */
    public Builder videoOptions(VideoOptions options) {
      this.videoOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Sets the live options: adaptive quality's target, the statistics window, a listener told of
     * each frame after it is written.
     *
     * @param options the options
     * @return this builder
     */
    public Builder liveOptions(LiveOptions options) {
      this.liveOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Builds the relay.
     *
     * @return the relay
     */
    public LiveRelay build() {
      return new LiveRelay(this);
    }

    private static String requireName(String value, String what) {
      Objects.requireNonNull(value, what);
      if (value.isBlank()) {
        throw new IllegalArgumentException(what + " must not be blank");
      }
      return value.strip();
    }
  }
}
