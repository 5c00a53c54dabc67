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
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Detection time, detector runs, faces found and peak RSS of one detection mode on one photo size:
 * the numbers behind {@link DetectionMode#TILED} against {@link DetectionMode#SINGLE_PASS}. Run
 * one JVM per configuration so each peak RSS is its own (from the shaded jar, see the README):
 *
 * <pre>{@code
 * for size in 512x512 3000x2000 6000x4000; do for mode in SINGLE_PASS TILED; do
 *   java -cp gpen-bench/target/gpen-bench.jar io.gpen4j.bench.DetectionPlanReport $size $mode
 * done; done
 * }</pre>
 *
 * <p>The photos: 512x512 is the astronaut portrait (1 face). The larger ones are a scan-like group
 * photo: the coffee photograph stretched as background with the 1927 Solvay photograph (29 faces)
 * pasted at its own size (faces of 20-30 px), at 2x, and on 6000x4000 also at 4x, so they hold 58
 * and 87 faces from about 20 to 120 px.
 */
public final class DetectionPlanReport {
  private DetectionPlanReport() {}

  /**
   * Runs one configuration and prints one line.
   *
   * @param args {@code WIDTHxHEIGHT MODE [RUNS]}
   * @throws IOException if a photo cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: DetectionPlanReport WIDTHxHEIGHT SINGLE_PASS|TILED [RUNS]");
    }
    String[] wh = args[0].toLowerCase(Locale.ROOT).split("x");
    int width = Integer.parseInt(wh[0]);
    int height = Integer.parseInt(wh[1]);
    DetectionMode mode = DetectionMode.valueOf(args[1]);
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    RgbaImage photo = photo(width, height);
    int expected = width <= 512 ? 1 : width >= 6000 ? 87 : 58;
    SessionSettings settings = SessionSettings.builder().intraOpThreads(Runtime.getRuntime().availableProcessors())
        .build();
    try (ModelSession session = new OnnxBackend().open(
        ModelSource.of(BenchData.shared("models/detectors/face_detection_yunet_2023mar.onnx")), settings)) {
      FrameDetector detector = FaceDetectors.create(DetectorType.YUNET, session, 0.7);
      int smallest = RestoreOptions.DEFAULT_SMALLEST_FACE;
      List<DetectedFace> faces = detector.detect(photo, mode, smallest);
      long[] nanos = new long[runs];
      for (int i = 0; i < runs; i++) {
        long t0 = System.nanoTime();
        faces = detector.detect(photo, mode, smallest);
        nanos[i] = System.nanoTime() - t0;
      }
      Arrays.sort(nanos);
      PrintStream out = System.out;
      out.printf(Locale.ROOT, "%s %-11s median %7.1f ms  min %7.1f ms  faces %3d of %3d  peak RSS %5d MB%n",
          args[0], mode, nanos[runs / 2] / 1e6, nanos[0] / 1e6, faces.size(), expected,
          HostMemory.peakResidentBytes().orElse(-1) / (1 << 20));
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
