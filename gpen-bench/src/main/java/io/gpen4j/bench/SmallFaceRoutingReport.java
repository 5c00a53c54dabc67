package io.gpen4j.bench;

import io.gpen4j.DetectedFace;
import io.gpen4j.DetectorStage;
import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.GeneratorStage;
import io.gpen4j.RestoreOptions;
import io.gpen4j.RestoreResult;
import io.gpen4j.RestoredFace;
import io.gpen4j.spi.ModelSource;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The Solvay photo (29 faces of 20-40 px) restored with a large generator alone against the same
 * generator with a small-face model ({@link GeneratorStage#withSmallFaceModel}), alternated in one
 * JVM, with the load average; then, with identity generators of both sizes (the checked-in test
 * models), the mean pixel difference over the faces between the two outputs: what the small
 * model's crop loses, since an identity generator only resamples. The faces are detected once and
 * given to both restorers, so only the generators differ.
 *
 * <pre>{@code
 * /usr/bin/python3 models/convert/convert.py --preset GPEN-BFR-512 --random-weights --onnx /tmp/GPEN-BFR-512-randw.onnx
 * java -cp gpen-bench/target/gpen-bench.jar io.gpen4j.bench.SmallFaceRoutingReport \
 *     /tmp/GPEN-BFR-512-randw.onnx ../shared/models/bench/GPEN-BFR-256-randw.onnx 2
 * }</pre>
 */
public final class SmallFaceRoutingReport {
  private SmallFaceRoutingReport() {}

  /**
   * Runs the rounds and prints the times, the ratio and the pixel difference.
   *
   * @param args {@code LARGE.onnx SMALL.onnx [ROUNDS [FACES]]}: FACES restores only the largest so many
   *     of the photo's faces in the timed runs (GPEN-512 on all 29 takes minutes on a loaded machine)
   * @throws IOException if the photo cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: SmallFaceRoutingReport LARGE.onnx SMALL.onnx [ROUNDS [FACES]]");
    }
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    int maxFaces = args.length > 3 ? Integer.parseInt(args[3]) : Integer.MAX_VALUE;
    BufferedImage photo = ImageIO.read(BenchData.shared("images/solvay_conference_1927.png").toFile());
    DetectorStage yunet = DetectorStage.of(DetectorType.YUNET,
        BenchData.shared("models/detectors/face_detection_yunet_2023mar.onnx"));
    PrintStream out = System.out;
    out.printf(Locale.ROOT, "load average %.1f%n", LoadAverage.oneMinute());
    try (FaceRestorer all = restorer(GeneratorStage.of(Path.of(args[0])), yunet);
        FaceRestorer routed = restorer(GeneratorStage.of(Path.of(args[0]))
            .withSmallFaceModel(ModelSource.of(Path.of(args[1]))), yunet)) {
      List<DetectedFace> found = all.detect(photo, RestoreOptions.DEFAULTS);
      List<DetectedFace> faces = found.subList(0, Math.min(maxFaces, found.size()));
      routed.restore(photo, faces.subList(0, 1), RestoreOptions.DEFAULTS); // warm-up of both sessions
      all.restore(photo, faces.subList(0, 1), RestoreOptions.DEFAULTS);
      double[] allMs = new double[rounds];
      double[] routedMs = new double[rounds];
      double[] loads = new double[rounds];
      RestoreResult last = null;
      for (int r = 0; r < rounds; r++) {
        loads[r] = LoadAverage.oneMinute();
        for (int k = 0; k < 2; k++) {
          boolean routedFirst = r % 2 == 1;
          boolean runRouted = (k == 0) == routedFirst;
          long t0 = System.nanoTime();
          RestoreResult result = (runRouted ? routed : all).restore(photo, faces, RestoreOptions.DEFAULTS);
          (runRouted ? routedMs : allMs)[r] = (System.nanoTime() - t0) / 1e6;
          out.printf(Locale.ROOT, "  round %d, %s: %.0f ms%n", r, runRouted ? "routed" : "all large",
              (runRouted ? routedMs : allMs)[r]);
          if (runRouted) {
            last = result;
          }
        }
      }
      long small = last.faces().stream().filter(f -> f.modelSize() < all.modelSize()).count();
      out.printf(Locale.ROOT, "Solvay, %d of %d faces (%d to the small model), %d rounds, load average %s%n",
          faces.size(), found.size(), small, rounds, Arrays.toString(loads));
      out.printf(Locale.ROOT, "  all %d px: %s ms; routed: %s ms; all / routed per round: %s%n", all.modelSize(),
          Arrays.toString(round(allMs)), Arrays.toString(round(routedMs)), ratios(allMs, routedMs));
    }
    Path repo = Path.of(System.getProperty("gpen4j.repo", "."));
    try (FaceRestorer all = restorer(GeneratorStage.of(repo.resolve("models/test/identity-512.onnx")), yunet);
        FaceRestorer routed = restorer(GeneratorStage.of(repo.resolve("models/test/identity-512.onnx"))
            .withSmallFaceModel(ModelSource.of(repo.resolve("models/test/identity-256.onnx"))), yunet)) {
      List<DetectedFace> faces = all.detect(photo, RestoreOptions.DEFAULTS);
      RestoreOptions options = RestoreOptions.builder().colorMatching(false).build();
      RestoreResult a = all.restore(photo, faces, options);
      RestoreResult b = routed.restore(photo, faces, options);
      double sum = 0;
      long n = 0;
      int maxDiff = 0;
      for (RestoredFace f : b.faces()) {
        int x0 = (int) Math.max(0, f.box().x());
        int y0 = (int) Math.max(0, f.box().y());
        int x1 = (int) Math.min(photo.getWidth(), f.box().maxX());
        int y1 = (int) Math.min(photo.getHeight(), f.box().maxY());
        for (int y = y0; y < y1; y++) {
          for (int x = x0; x < x1; x++) {
            int p = a.image().getRGB(x, y);
            int q = b.image().getRGB(x, y);
            for (int shift = 0; shift < 24; shift += 8) {
              int d = Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF));
              sum += d;
              maxDiff = Math.max(maxDiff, d);
              n++;
            }
          }
        }
      }
      out.printf(Locale.ROOT, "  identity generators, face boxes: mean |512 - routed| %.3f grey levels, max %d%n",
          sum / n, maxDiff);
    }
  }

  private static FaceRestorer restorer(GeneratorStage generator, DetectorStage detector) {
    return FaceRestorer.builder().generator(generator).detector(detector).backend("onnx").build();
  }

  private static long[] round(double[] ms) {
    return Arrays.stream(ms).mapToLong(Math::round).toArray();
  }

  private static String ratios(double[] a, double[] b) {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < a.length; i++) {
      s.append(String.format(Locale.ROOT, "%s%.2f", i == 0 ? "" : ", ", a[i] / b[i]));
    }
    return s.append(']').toString();
  }
}
