package io.gpen4j.examples.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.gpen4j.FaceRestorer;
import io.gpen4j.RestoreOptions;
import io.gpen4j.StageTimings;
import io.gpen4j.examples.EngineOptions;
import io.gpen4j.examples.OrderlyShutdown;
import io.gpen4j.video.TrackingOptions;
import io.gpen4j.video.VideoCancelledException;
import io.gpen4j.video.VideoOptions;
import io.gpen4j.video.VideoRestorer;
import io.gpen4j.video.VideoResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gpen4j video INPUT -o OUTPUT}: restores the faces in a video file (or a folder of
 * numbered frames) with faces tracked between frames, a progress bar, and an optional JSON report.
 * Ctrl-C stops it cleanly: the output is not written and no temporary file is left.
 */
@Command(
    name = "video",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Restores the faces in a video and writes a new one, with the audio kept.",
      "INPUT is a video file (MP4, MOV, MKV, WebM, AVI ...) or a folder of numbered frames; OUTPUT is a "
          + "video file (.mp4, .m4v, .mov, .mkv: H.264; .webm: VP9; .avi: MPEG-4) or a folder for frames."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the video was restored",
      "1:nothing written (unreadable input, existing output, missing model, cancelled)",
      "64:bad command line",
      "130:stopped by Ctrl-C (nothing written, no temporary file left)"
    })
public final class VideoCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "INPUT", description = "A video file or a folder of numbered frames.")
  private Path input;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUTPUT",
      description = "The output video file, or a folder for frames.")
  private Path output;

  @Mixin private EngineOptions engine;

  @Mixin private FaceOptions faces;

  @Option(names = "--start", paramLabel = "T", converter = TimeConverter.class,
      description = "Start at T (seconds, m:ss or h:mm:ss[.fff]). Default: the beginning.")
  private Duration start = Duration.ZERO;

  @Option(names = "--duration", paramLabel = "T", converter = TimeConverter.class,
      description = "Restore only T from the start. Default: to the end.")
  private Duration duration;

  @Option(names = "--quality", paramLabel = "0..1",
      description = "Output video quality: drives the encoder's own control (VP9/AV1 crf, MPEG-4 quantiser,"
          + " OpenH264 bit budget). Default: ${DEFAULT-VALUE}.")
  private double quality = 0.8;

  @Option(names = "--codec", paramLabel = "ENCODER",
      description = "FFmpeg video encoder instead of the container's default (libopenh264 for .mp4/.mov/.mkv,"
          + " libvpx-vp9 for .webm, mpeg4 for .avi), e.g. libaom-av1 or libvpx-vp9. No libx264 (LGPL build).")
  private String codec;

  @Option(names = "--bitrate", paramLabel = "BITS", converter = BitrateConverter.class,
      description = "Video bit rate (e.g. 2500k, 4M); replaces --quality's control.")
  private Long bitrate;

  @Option(names = "--detect-every", paramLabel = "N",
      description = "Run the face detector every N frames; tracking carries faces in between. Default: ${DEFAULT-VALUE}.")
  private int detectEvery = 1;

  @Option(names = "--frames-in-flight", paramLabel = "K",
      description = "Frames held in the pipeline at once (bounds memory). Default: ${DEFAULT-VALUE}.")
  private int framesInFlight = 8;

  @Option(names = "--jobs", paramLabel = "N",
      description = "Frames restored at once (1 is fastest on a CPU; more for a GPU). Default: ${DEFAULT-VALUE}.")
  private int jobs = 1;

  @Option(names = "--threads", paramLabel = "N",
      description = "Threads of each frame's model runs (ONNX Runtime's intra-op threads). Default: the "
          + "cores shared between the --jobs frames (cores / jobs, at least 1). Before --jobs existed this "
          + "option set the frames at once.")
  private Integer threads;

  @Option(names = "--fps", paramLabel = "RATE",
      description = "Frame rate of a folder of frames. Default: ${DEFAULT-VALUE}.")
  private double fps = 25;

  @Option(names = "--no-audio", description = "Write the video without its audio.")
  private boolean noAudio;

  @Option(names = "--overwrite", description = "Replace the output if it exists.")
  private boolean overwrite;

  @Option(names = "--json", description = "Print a machine-readable report on standard output; "
      + "progress and messages go to standard error.")
  private boolean json;

  @Option(names = "--progress", paramLabel = "MODE", description = "auto (a bar on a terminal, lines "
      + "otherwise), bar, plain or none. Default: ${DEFAULT-VALUE}.")
  private RestoreCommand.ProgressMode progress = RestoreCommand.ProgressMode.AUTO;

  /** Creates the command; picocli fills in its options. */
  public VideoCommand() {}

  @Override
  public Integer call() {
    if (jobs < 1 || (threads != null && threads < 1)) {
      throw new ParameterException(spec.commandLine(), "--jobs and --threads must be at least 1");
    }
    VideoOptions.Builder options = videoOptions();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter human = json ? err : out;
    JsonArray frames = new JsonArray();
    if (json) {
      options.frameListener((index, frame) -> frames.add(FrameReportJson.of(index, frame)));
    }
    VideoProgressBar bar = new VideoProgressBar(human, progressMode() == RestoreCommand.ProgressMode.BAR);
    if (progressMode() != RestoreCommand.ProgressMode.NONE) {
      options.progressListener(bar);
    }

    // SIGTERM or Ctrl-C: interrupt the restoring thread and give it time to delete its temporary
    // file, then close the models (their sessions wait for the runs in flight); see OrderlyShutdown.
    Thread worker = Thread.currentThread();
    CountDownLatch finished = new CountDownLatch(1);
    VideoResult result;
    try (FaceRestorer restorer = engine.openRestorer(jobs, threads == null ? 0 : threads, true, human);
        OrderlyShutdown.Registration closing = OrderlyShutdown.process().onStop("closing the models",
            restorer::close);
        OrderlyShutdown.Registration stopping = OrderlyShutdown.process().onStop("stopping the video", () -> {
          worker.interrupt();
          try {
            finished.await(15, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        })) {
      result = VideoRestorer.builder(restorer).build().restore(input, output, options.build());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), flags(e.getMessage()), e);
    } catch (VideoCancelledException e) {
      bar.finish();
      err.println("cancelled: nothing written to " + output);
      return 1;
    } catch (RuntimeException e) {
      bar.finish();
      throw e;
    } finally {
      finished.countDown();
    }
    bar.finish();
    human.printf(Locale.ROOT, "Restored %d frames (%d faces) in %s: %.2f fps -> %s%n", result.framesWritten(),
        result.facesRestored(), Durations.format(result.elapsed()), result.framesPerSecond(), output);
    human.flush();
    if (json) {
      out.println(report(result, frames));
      out.flush();
    }
    return 0;
  }

  private RestoreCommand.ProgressMode progressMode() {
    if (progress == RestoreCommand.ProgressMode.AUTO) {
      return System.console() != null ? RestoreCommand.ProgressMode.BAR : RestoreCommand.ProgressMode.PLAIN;
    }
    return progress;
  }

  private VideoOptions.Builder videoOptions() {
    RestoreOptions.Builder photo = faces.restoreOptions(spec);
    try {
      VideoOptions.Builder b = VideoOptions.builder()
          .restoreOptions(photo.build())
          .tracking(TrackingOptions.builder().detectEvery(detectEvery).build())
          .start(start)
          .quality(quality)
          .maxFramesInFlight(framesInFlight)
          .restoreThreads(jobs)
          .framesPerSecond(fps)
          .keepAudio(!noAudio)
          .overwrite(overwrite);
      if (duration != null) {
        b.duration(duration);
      }
      if (codec != null) {
        b.videoCodec(codec);
      }
      if (bitrate != null) {
        b.videoBitrate(bitrate);
      }
      return b;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), flags(e.getMessage()), e);
    }
  }

  /** The library names its options; the command line has flags. */
  private static String flags(String message) {
    return message == null ? null
        : message.replace("videoCodec", "--codec").replace("videoBitrate", "--bitrate");
  }

  private String report(VideoResult r, JsonArray frames) {
    JsonObject o = new JsonObject();
    o.addProperty("input", input.toString());
    o.addProperty("output", output.toString());
    o.addProperty("model", engine.modelName());
    o.addProperty("detector", engine.detectorName());
    o.addProperty("framesRead", r.framesRead());
    o.addProperty("framesWritten", r.framesWritten());
    o.addProperty("facesRestored", r.facesRestored());
    o.addProperty("framesPerSecond", r.framesPerSecond());
    o.addProperty("elapsedSeconds", r.elapsed().toNanos() / 1e9);
    o.addProperty("peakFramesInFlight", r.peakFramesInFlight());
    JsonObject t = new JsonObject();
    StageTimings s = r.timings();
    t.addProperty("decodeMs", s.decode().toMillis());
    t.addProperty("detectMs", s.detect().toMillis());
    t.addProperty("alignMs", s.align().toMillis());
    t.addProperty("enhanceMs", s.enhance().toMillis());
    t.addProperty("pasteMs", s.paste().toMillis());
    t.addProperty("encodeMs", r.encode().toMillis());
    o.add("timings", t);
    o.add("frames", frames);
    return new GsonBuilder().setPrettyPrinting().create().toJson(o);
  }

  /** Parses {@code 2500000}, {@code 2500k} or {@code 2.5M} into bits per second. */
  static final class BitrateConverter implements picocli.CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      double factor = v.endsWith("k") ? 1e3 : v.endsWith("m") ? 1e6 : 1;
      try {
        double bits = Double.parseDouble(factor == 1 ? v : v.substring(0, v.length() - 1)) * factor;
        if (!(bits > 0) || !Double.isFinite(bits)) {
          throw new IllegalArgumentException("not a bit rate: " + value);
        }
        return Math.round(bits);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a bit rate: " + value + " (use 2500000, 2500k or 2.5M)", e);
      }
    }
  }

  /** Parses {@code 12.5}, {@code 1:30}, {@code 1:02:03.250} into a duration. */
  static final class TimeConverter implements picocli.CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String[] parts = value.trim().split(":");
      if (parts.length > 3) {
        throw new IllegalArgumentException("not a time: " + value + " (use seconds, m:ss or h:mm:ss)");
      }
      double seconds = 0;
      try {
        for (String p : parts) {
          double v = Double.parseDouble(p);
          if (v < 0 || !Double.isFinite(v)) {
            throw new IllegalArgumentException("not a time: " + value);
          }
          seconds = seconds * 60 + v;
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a time: " + value + " (use seconds, m:ss or h:mm:ss)", e);
      }
      return Duration.ofNanos(Math.round(seconds * 1e9));
    }
  }
}
