package io.gpen4j.bench;

import io.gpen4j.DetectedFace;
import io.gpen4j.DetectionMode;
import io.gpen4j.DetectorType;
import io.gpen4j.RestoreOptions;
import io.gpen4j.internal.detect.FaceDetectors;
import io.gpen4j.internal.detect.FrameDetector;
import io.gpen4j.internal.image.ImageResize;
import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.onnx.OnnxBackend;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.spi.Tensor;
import io.gpen4j.spi.TensorInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * Detection time, detector runs, faces found and peak RSS of the detection modes on one photo size:
 * the numbers behind {@link DetectionMode#TILED} (exhaustive) and {@link DetectionMode#TILED_GUIDED}
 * against {@link DetectionMode#SINGLE_PASS}. With {@code alternate} the three modes take turns in
 * one JVM, round after round, so the ratios compare runs made under the same load (printed, from
 * {@code /proc/loadavg}); with one mode, one JVM per configuration gives each peak RSS its own.
 * From the shaded jar (see the README):
 *
 * <pre>{@code
 * for size in 3000x2000 6000x4000; do
 *   java -cp gpen-bench/target/gpen-bench.jar io.gpen4j.bench.DetectionPlanReport $size alternate 9
 * done
 * java -cp gpen-bench/target/gpen-bench.jar io.gpen4j.bench.DetectionPlanReport 3000x2000 TILED
 * java -cp gpen-bench/target/gpen-bench.jar io.gpen4j.bench.DetectionPlanReport 3000x2000 alternate 9 declared
 * }</pre>
 *
 * <p>YuNet is opened as the detect stage opens it, with its image size freed
 * ({@code SessionSettings.freeImageSize}), so the guided plan runs windows; {@code declared} keeps
 * the file's 640 x 640, the guided plan's whole tiles.
 *
 * <p>The photos: 512x512 is the astronaut portrait (1 face). The larger ones are a scan-like group
 * photo: the coffee photograph stretched as background with the 1927 Solvay photograph (29 faces)
 * pasted at its own size (faces of 20-30 px), at 2x, and on 6000x4000 also at 4x, so they hold 58
 * and 87 faces from about 20 to 120 px. {@code solvay@F} is the Solvay photograph alone, scaled
 * by F.
 */
public final class DetectionPlanReport {
  private static final List<DetectionMode> ALTERNATED =
      List.of(DetectionMode.SINGLE_PASS, DetectionMode.TILED, DetectionMode.TILED_GUIDED);

  private DetectionPlanReport() {}

  /**
   * Runs one configuration and prints its lines.
   *
   * @param args {@code WIDTHxHEIGHT|solvay@F MODE|alternate [RUNS [declared]]}
   * @throws IOException if a photo cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      throw new IllegalArgumentException(
          "usage: DetectionPlanReport WIDTHxHEIGHT|solvay@F SINGLE_PASS|TILED|TILED_GUIDED|alternate [RUNS [declared]]");
    }
    RgbaImage photo;
    int expected;
    if (args[0].startsWith("solvay@")) {
      double f = Double.parseDouble(args[0].substring("solvay@".length()));
      RgbaImage solvay = read("images/solvay_conference_1927.png");
      photo = ImageResize.resize(solvay, (int) Math.round(solvay.width() * f), (int) Math.round(solvay.height() * f));
      expected = 29;
    } else {
      String[] wh = args[0].toLowerCase(Locale.ROOT).split("x");
      int width = Integer.parseInt(wh[0]);
      int height = Integer.parseInt(wh[1]);
      photo = photo(width, height);
      expected = width <= 512 ? 1 : width >= 6000 ? 87 : 58;
    }
    boolean alternate = args[1].equals("alternate");
    List<DetectionMode> modes = alternate ? ALTERNATED : List.of(DetectionMode.valueOf(args[1]));
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    // Opened as the detect stage opens it, with its size free so the guided plan cuts windows;
    // "declared" keeps YuNet's 640 x 640, as before the detect stage freed it.
    boolean declared = args.length > 3 && args[3].equals("declared");
    SessionSettings settings = SessionSettings.builder().intraOpThreads(Runtime.getRuntime().availableProcessors())
        .freeImageSize(!declared).build();
    try (ModelSession opened = new OnnxBackend().open(
        ModelSource.of(BenchData.shared("models/detectors/face_detection_yunet_2023mar.onnx")), settings)) {
      CountingSession session = new CountingSession(opened);
      FrameDetector detector = FaceDetectors.create(DetectorType.YUNET, session, 0.7);
      int smallest = RestoreOptions.DEFAULT_SMALLEST_FACE;
      Map<DetectionMode, List<DetectedFace>> faces = new EnumMap<>(DetectionMode.class);
      Map<DetectionMode, Integer> detectorRuns = new EnumMap<>(DetectionMode.class);
      Map<DetectionMode, long[]> nanos = new EnumMap<>(DetectionMode.class);
      for (DetectionMode mode : modes) {
        int before = session.runs();
        faces.put(mode, detector.detect(photo, mode, smallest)); // warm-up, and the faces
        detectorRuns.put(mode, session.runs() - before);
        nanos.put(mode, new long[runs]);
      }
      double loadBefore = LoadAverage.oneMinute();
      for (int i = 0; i < runs; i++) {
        for (DetectionMode mode : modes) {
          long t0 = System.nanoTime();
          detector.detect(photo, mode, smallest);
          nanos.get(mode)[i] = System.nanoTime() - t0;
        }
      }
      double loadAfter = LoadAverage.oneMinute();
      PrintStream out = System.out;
      for (DetectionMode mode : modes) {
        long[] t = nanos.get(mode);
        String ratio = "";
        if (alternate && mode != DetectionMode.SINGLE_PASS) {
          // The median of the per-round ratios: each against the single pass of its own round.
          double[] r = new double[runs];
          for (int i = 0; i < runs; i++) {
            r[i] = (double) t[i] / nanos.get(DetectionMode.SINGLE_PASS)[i];
          }
          Arrays.sort(r);
          ratio = String.format(Locale.ROOT, "  %5.2fx single (rounds %.2f-%.2f)", r[runs / 2], r[0], r[runs - 1]);
        }
        long[] sorted = t.clone();
        Arrays.sort(sorted);
        out.printf(Locale.ROOT, "%s %-16s median %7.1f ms  min %7.1f ms  faces %3d of %3d  runs %3d%s%n",
            args[0], mode, sorted[runs / 2] / 1e6, sorted[0] / 1e6, faces.get(mode).size(), expected,
            detectorRuns.get(mode), ratio);
      }
      if (alternate) {
        out.println(args[0] + " guided against exhaustive: " + agreement(
            faces.get(DetectionMode.TILED), faces.get(DetectionMode.TILED_GUIDED)));
      }
      out.printf(Locale.ROOT, "%s load %.2f -> %.2f on %d cores, %d rounds, peak RSS %d MB%n", args[0], loadBefore,
          loadAfter, Runtime.getRuntime().availableProcessors(), runs,
          HostMemory.peakResidentBytes().orElse(-1) / (1 << 20));
    }
  }

  /** How many of the exhaustive plan's faces the guided plan has (IoU above 0.5), and the worst overlap. */
  private static String agreement(List<DetectedFace> exhaustive, List<DetectedFace> guided) {
    int matched = 0;
    double worst = 1;
    for (DetectedFace f : exhaustive) {
      double best = 0;
      for (DetectedFace g : guided) {
        best = Math.max(best, f.box().iou(g.box()));
      }
      matched += best > 0.5 ? 1 : 0;
      worst = Math.min(worst, best);
    }
    return String.format(Locale.ROOT, "%d of %d faces matched (IoU > 0.5; lowest IoU %.2f), %d guided faces",
        matched, exhaustive.size(), worst, guided.size());
  }

  /** Counts the detector runs. */
  private static final class CountingSession implements ModelSession {
    private final ModelSession delegate;
    private final AtomicInteger runs = new AtomicInteger();

    CountingSession(ModelSession delegate) {
      this.delegate = delegate;
    }

    int runs() {
      return runs.get();
    }

    @Override
    public List<TensorInfo> inputs() {
      return delegate.inputs();
    }

    @Override
    public List<TensorInfo> outputs() {
      return delegate.outputs();
    }

    @Override
    public Map<String, Tensor> run(Map<String, Tensor> inputs) {
      runs.incrementAndGet();
      return delegate.run(inputs);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  private static RgbaImage photo(int width, int height) throws IOException {
    if (width <= 512) {
      return ImageResize.resize(read("images/astronaut.png"), width, height);
    }
    RgbaImage background = ImageResize.resize(read("images/no_face_coffee.png"), width, height);
    RgbaImage solvay = read("images/solvay_conference_1927.png");
    int[] px = background.pixels();
    int y = 0;
    for (int factor = 1; factor <= (width >= 6000 ? 4 : 2); factor *= 2) {
      RgbaImage copy = factor == 1 ? solvay
          : ImageResize.resize(solvay, solvay.width() * factor, solvay.height() * factor);
      for (int r = 0; r < copy.height() && y + r < height; r++) {
        System.arraycopy(copy.pixels(), r * copy.width(), px, (y + r) * width, Math.min(copy.width(), width));
      }
      y += copy.height() + 20;
    }
    return RgbaImage.wrap(width, height, px, false);
  }

  private static RgbaImage read(String relative) throws IOException {
    return RgbaImage.fromBufferedImage(ImageIO.read(BenchData.shared(relative).toFile()));
  }
}
