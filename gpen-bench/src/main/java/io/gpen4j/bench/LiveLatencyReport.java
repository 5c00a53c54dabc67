package io.gpen4j.bench;

import io.gpen4j.DetectorStage;
import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.GeneratorStage;
import io.gpen4j.video.LiveFrameListener;
import io.gpen4j.video.LiveOptions;
import io.gpen4j.video.LiveQuality;
import io.gpen4j.video.LiveStats;
import io.gpen4j.video.LiveStream;
import io.gpen4j.video.TrackingOptions;
import io.gpen4j.video.VideoOptions;
import io.gpen4j.video.VideoRestorer;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Live restoration (issue 28): frames per second and latency p50/p95 of a {@link LiveStream} fed
 * a one-face 640x360 "camera" (the bench clip's frames, offered on a fixed schedule from memory, so
 * decoding costs nothing), at detect-every-1 and with adaptive quality, alternated in one JVM with
 * the same restorer so a shared machine's changing load hits both alike. Each run reports what it
 * chose and the costs it measured (detector per run, generator path per face), from which the
 * README's GPU estimate is derived.
 *
 * <p>Run from the repository root after {@code mvn -pl gpen-bench -am package -DskipTests -Pbench-jar}:
 * <pre>
 * java -cp gpen-bench/target/gpen-bench.jar io.gpen4j.bench.LiveLatencyReport \
 *     [--seconds 30] [--camera-fps 25] [--target-fps 25] [--rounds 2]
 * </pre>
 * Models: the random-weight GPEN-BFR-256 and YuNet from ../shared. Prints a Markdown table.
 */
public final class LiveLatencyReport {
  private LiveLatencyReport() {}

  /**
   * Runs the report.
   *
   * @param args the options above
   * @throws Exception if a measurement fails
   */
  public static void main(String[] args) throws Exception {
    List<String> a = Arrays.asList(args);
    double seconds = Double.parseDouble(value(a, "--seconds", "30"));
    double cameraFps = Double.parseDouble(value(a, "--camera-fps", "25"));
    double targetFps = Double.parseDouble(value(a, "--target-fps", "25"));
    int rounds = Integer.parseInt(value(a, "--rounds", "2"));

    BufferedImage photo = javax.imageio.ImageIO.read(BenchData.shared("images/astronaut.png").toFile());
    List<BufferedImage> frames = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      frames.add(BenchClip.frame(photo, i));
    }
    System.out.println("load before: " + LoadAverage.oneMinute());
    try (FaceRestorer restorer = FaceRestorer.builder()
        .generator(GeneratorStage.of(BenchData.shared("models/bench/GPEN-BFR-256-randw.onnx")))
        .detector(DetectorStage.of(DetectorType.YUNET,
            BenchData.shared("models/detectors/face_detection_yunet_2023mar.onnx")))
        .build()) {
      for (int i = 0; i < 3; i++) {
        restorer.restore(frames.get(0));
      }
      VideoRestorer video = VideoRestorer.builder(restorer).build();
      VideoOptions options = VideoOptions.builder().tracking(TrackingOptions.builder().detectEvery(1).build()).build();
      System.out.println();
      System.out.println("| policy | load (1 min) | offered | restored | dropped | fps | latency p50 | latency p95 "
          + "| detect every | faces | detect ms/run | restore ms/face | other ms/frame | generator ms/face "
          + "| align+paste ms/face |");
      System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
      for (int round = 0; round < rounds; round++) {
        row("detect-every-1", run(video, options, LiveOptions.DEFAULTS, frames, seconds, cameraFps));
        row(String.format(Locale.ROOT, "adaptive, target %.0f fps", targetFps), run(video, options,
            LiveOptions.builder().targetFramesPerSecond(targetFps).build(), frames, seconds, cameraFps));
      }
    }
    System.out.println("load after: " + LoadAverage.oneMinute());
  }

  /** Offers frames on the camera's schedule for the given time; returns the stream's final stats and stage sums. */
  private static Run run(VideoRestorer video, VideoOptions options, LiveOptions live, List<BufferedImage> frames,
      double seconds, double cameraFps) throws InterruptedException {
    long interval = Math.round(1e9 / cameraFps);
    int count = (int) Math.round(seconds * cameraFps);
    long[] sums = new long[3];
    LiveFrameListener stages = f -> {
      synchronized (sums) {
        for (var face : f.frame().faces()) {
          sums[0] += face.timings().enhance().toNanos();
          sums[1] += face.timings().align().plus(face.timings().paste()).toNanos();
          sums[2]++;
        }
      }
    };
    try (LiveStream stream = video.openLiveStream(options,
        live.toBuilder().statsWindowFrames(1000).listener(stages).build())) {
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        long capture = start + i * interval;
        long wait = capture - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        stream.offer(frames.get(i % frames.size()), capture);
      }
      LiveStats stats = stream.stats();
      synchronized (sums) {
        return new Run(stats, sums[2] == 0 ? 0 : sums[0] / 1e6 / sums[2], sums[2] == 0 ? 0 : sums[1] / 1e6 / sums[2]);
      }
    }
  }

  /** A run's stats and its faces' mean generator and align+paste times. */
  private record Run(LiveStats stats, double generatorMs, double alignPasteMs) {}

  private static void row(String policy, Run run) {
    LiveStats s = run.stats();
    LiveQuality q = s.quality();
    System.out.printf(Locale.ROOT, "| %s | %.1f | %d | %d | %d | %.2f | %d ms | %d ms | %d | %s | %d | %d | %d | %.0f "
            + "| %.0f |%n",
        policy, LoadAverage.oneMinute(), s.offered(), s.restored(), s.dropped(), s.framesPerSecond(),
        s.latencyP50().toMillis(), s.latencyP95().toMillis(), q.detectEvery(),
        q.maxFaces() == 0 ? "all" : Integer.toString(q.maxFaces()), q.detectCost().toMillis(),
        q.faceCost().toMillis(), q.otherCost().toMillis(), run.generatorMs(), run.alignPasteMs());
  }

  private static String value(List<String> a, String name, String dflt) {
    int i = a.indexOf(name);
    return i >= 0 && i + 1 < a.size() ? a.get(i + 1) : dflt;
  }
}
