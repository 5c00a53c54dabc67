package io.gpen4j.examples.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import io.gpen4j.FaceRestorer;
import io.gpen4j.examples.EngineOptions;
import io.gpen4j.examples.OrderlyShutdown;
import io.gpen4j.video.LiveOptions;
import io.gpen4j.video.LiveQuality;
import io.gpen4j.video.LiveRelay;
import io.gpen4j.video.LiveStats;
import io.gpen4j.video.TrackingOptions;
import io.gpen4j.video.VideoOptions;
import io.gpen4j.video.VideoRestorer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gpen4j live INPUT -o OUTPUT}: restores a camera or a live stream with bounded latency (the
 * newest frame wins, older waiting frames are dropped) and writes a file or a stream. Ctrl-C stops
 * it and finishes the output, which then holds what was restored.
 */
@Command(
    name = "live",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Restores a camera or live stream in real time: the newest frame wins, frames that come while one is"
          + " being restored are dropped, so latency stays bounded. Prints frames per second, latency and"
          + " dropped frames at the end.",
      "INPUT is anything FFmpeg opens: a camera (/dev/video0 with --input-format v4l2), a stream URL"
          + " (rtsp://, rtmp://, http://, udp://) or a file (read at its own pace, as a camera would give it)."
          + " OUTPUT is a video file (.mp4, .mov, .mkv, .webm, .avi) or a stream URL with --output-format"
          + " (flv for rtmp://, mpegts for udp://)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the stream was restored until its end, --duration or Ctrl-C",
      "1:the input could not be opened or read, the output exists or cannot be written, a model is missing",
      "64:bad command line"
    })
public final class LiveCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "INPUT", description = "A camera device, stream URL or file.")
  private String input;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUTPUT",
      description = "A video file, or a stream URL with --output-format.")
  private String output;

  @Option(names = "--input-format", paramLabel = "FORMAT",
      description = "FFmpeg's input format: v4l2 (Linux camera), avfoundation (macOS), dshow (Windows), lavfi."
          + " Default: FFmpeg guesses.")
  private String inputFormat;

  @Option(names = "--output-format", paramLabel = "FORMAT",
      description = "FFmpeg's output format: flv (RTMP), mpegts (UDP, SRT), rtsp. Default: the file's extension.")
  private String outputFormat;

  @Mixin private EngineOptions engine;

  @Mixin private FaceOptions faces;

  @ArgGroup(exclusive = true)
  private Target target;

  /** What adaptive quality aims at: one of a frame rate or a latency. */
  static final class Target {
    @Option(names = "--target-fps", paramLabel = "RATE",
        description = "Adapt detect-every and faces per frame to reach RATE restored frames per second.")
    Double fps;

    @Option(names = "--target-latency", paramLabel = "MS",
        description = "Adapt detect-every and faces per frame to keep latency (capture to restored) near MS.")
    Long latencyMillis;
  }

  @Option(names = "--detect-every", paramLabel = "N",
      description = "Run the face detector every N frames (without a target). Default: ${DEFAULT-VALUE}.")
  private int detectEvery = 1;

  @Option(names = "--max-detect-every", paramLabel = "N",
      description = "The most frames between detector runs a target may choose. Default: ${DEFAULT-VALUE}.")
  private int maxDetectEvery = 8;

  @Option(names = "--duration", paramLabel = "T", converter = VideoCommand.TimeConverter.class,
      description = "Stop after T of input (seconds, m:ss or h:mm:ss). Default: until the input ends or Ctrl-C.")
  private Duration duration;

  @Option(names = "--quality", paramLabel = "0..1",
      description = "Output video quality, as for the video command. Default: ${DEFAULT-VALUE}.")
  private double quality = 0.8;

  @Option(names = "--codec", paramLabel = "ENCODER", description = "FFmpeg video encoder (default: libopenh264,"
      + " or the file container's).")
  private String codec;

  @Option(names = "--bitrate", paramLabel = "BITS", converter = VideoCommand.BitrateConverter.class,
      description = "Video bit rate (e.g. 2500k, 4M); replaces --quality's control.")
  private Long bitrate;

  @Option(names = "--overwrite", description = "Replace the output file if it exists.")
  private boolean overwrite;

  @Option(names = "--json", description = "Print a machine-readable report on standard output; "
      + "messages go to standard error.")
  private boolean json;

  /** Creates the command; picocli fills in its options. */
  public LiveCommand() {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter human = json ? err : out;
    VideoOptions video = videoOptions();
    LiveOptions live = liveOptions();
    Thread worker = Thread.currentThread();
    CountDownLatch finished = new CountDownLatch(1);
    LiveStats stats;
    try (FaceRestorer restorer = engine.openRestorer(1, human);
        OrderlyShutdown.Registration closing = OrderlyShutdown.process().onStop("closing the models",
            restorer::close);
        OrderlyShutdown.Registration stopping = OrderlyShutdown.process().onStop("finishing the output", () -> {
          worker.interrupt();
          try {
            finished.await(15, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        })) {
      LiveRelay.Builder relay = LiveRelay.builder(VideoRestorer.builder(restorer).build(), input, output)
          .videoOptions(video).liveOptions(live);
      if (inputFormat != null) {
        relay.inputFormat(inputFormat);
      }
      if (outputFormat != null) {
        relay.outputFormat(outputFormat);
      }
      if (duration != null) {
        relay.duration(duration);
      }
      stats = relay.build().run();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), flags(e.getMessage()), e);
    } finally {
      finished.countDown();
    }
    LiveQuality q = stats.quality();
    human.printf(Locale.ROOT, "Restored %d of %d frames (%d dropped): %.2f fps, latency p50 %d ms, p95 %d ms;"
        + " detect every %d, %s%s -> %s%n", stats.restored(), stats.offered(), stats.dropped(),
        stats.framesPerSecond(), stats.latencyP50().toMillis(), stats.latencyP95().toMillis(), q.detectEvery(),
        q.maxFaces() == 0 ? "every face" : "at most " + q.maxFaces() + " faces",
        q.smallModelForAll() ? ", all on the small-face model" : "", output);
    human.flush();
    if (json) {
      out.println(report(stats));
      out.flush();
    }
    return 0;
  }

  private VideoOptions videoOptions() {
    try {
      VideoOptions.Builder b = VideoOptions.builder()
          .restoreOptions(faces.restoreOptions(spec).build())
          .tracking(TrackingOptions.builder().detectEvery(detectEvery).build())
          .quality(quality)
          .overwrite(overwrite);
      if (codec != null) {
        b.videoCodec(codec);
      }
      if (bitrate != null) {
        b.videoBitrate(bitrate);
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), flags(e.getMessage()), e);
    }
  }

  private LiveOptions liveOptions() {
    try {
      LiveOptions.Builder b = LiveOptions.builder().maxDetectEvery(maxDetectEvery);
      if (target != null && target.fps != null) {
        b.targetFramesPerSecond(target.fps);
      }
      if (target != null && target.latencyMillis != null) {
        b.targetLatency(Duration.ofMillis(target.latencyMillis));
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), flags(e.getMessage()), e);
    }
  }

  /** The library names its options; the command line has flags. */
  private static String flags(String message) {
    return message == null ? null
        : message.replace("targetFramesPerSecond", "--target-fps").replace("targetLatency", "--target-latency")
            .replace("maxDetectEvery", "--max-detect-every").replace("detectEvery", "--detect-every")
            .replace("outputFormat", "--output-format").replace("inputFormat", "--input-format")
            .replace("videoCodec", "--codec").replace("videoBitrate", "--bitrate");
  }

  private String report(LiveStats s) {
    JsonObject o = new JsonObject();
    o.addProperty("input", input);
    o.addProperty("output", output);
    o.addProperty("model", engine.modelName());
    o.addProperty("detector", engine.detectorName());
    o.addProperty("framesOffered", s.offered());
    o.addProperty("framesRestored", s.restored());
    o.addProperty("framesDropped", s.dropped());
    o.addProperty("framesPerSecond", s.framesPerSecond());
    o.addProperty("inputFramesPerSecond", s.inputFramesPerSecond());
    o.addProperty("latencyP50Ms", s.latencyP50().toNanos() / 1e6);
    o.addProperty("latencyP95Ms", s.latencyP95().toNanos() / 1e6);
    o.addProperty("windowFrames", s.windowFrames());
    LiveQuality q = s.quality();
    JsonObject quality = new JsonObject();
    quality.addProperty("adaptive", q.adaptive());
    quality.addProperty("detectEvery", q.detectEvery());
    quality.addProperty("maxFaces", q.maxFaces());
    quality.addProperty("smallModelForAll", q.smallModelForAll());
    quality.addProperty("detectMs", q.detectCost().toNanos() / 1e6);
    quality.addProperty("faceMs", q.faceCost().toNanos() / 1e6);
    quality.addProperty("smallFaceMs", q.smallFaceCost().toNanos() / 1e6);
    quality.addProperty("otherMs", q.otherCost().toNanos() / 1e6);
    quality.addProperty("frameBudgetMs", q.frameBudget().toNanos() / 1e6);
    o.add("quality", quality);
    return new GsonBuilder().setPrettyPrinting().create().toJson(o);
  }
}
