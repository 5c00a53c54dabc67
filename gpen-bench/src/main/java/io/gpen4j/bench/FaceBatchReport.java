package io.gpen4j.bench;

import io.gpen4j.DetectorStage;
import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.GeneratorStage;
import io.gpen4j.Limits;
import io.gpen4j.RestoreResult;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The Solvay photo (29 faces) restored end to end, detection included, with one face per
 * generator call against several (the restorer's {@code maxBatchSize}), alternated in one JVM
 * with the load average: what a model with a free batch axis gains on a group photo. For an
 * official GPEN export that is the load-time rewrite's doing, since the file declares one face.
 *
 * <pre>{@code
 * java -cp gpen-bench/target/gpen-bench.jar io.gpen4j.bench.FaceBatchReport \
 *     ../shared/models/bench/GPEN-BFR-256-official-export-randw.onnx [ROUNDS [BATCH]]
 * }</pre>
 */
public final class FaceBatchReport {
  private FaceBatchReport() {}

  /**
   * Runs the rounds and prints the times and the ratio per round.
   *
   * @param args {@code MODEL.onnx [ROUNDS [BATCH]]}: rounds (default 5) and the batch size set
   *     against 1 (default 4, the library's default)
   * @throws IOException if the photo cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: FaceBatchReport MODEL.onnx [ROUNDS [BATCH]]");
    }
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : Limits.DEFAULT_MAX_BATCH_SIZE;
    BufferedImage photo = ImageIO.read(BenchData.shared("images/solvay_conference_1927.png").toFile());
    DetectorStage yunet = DetectorStage.of(DetectorType.YUNET,
        BenchData.shared("models/detectors/face_detection_yunet_2023mar.onnx"));
    PrintStream out = System.out;
    double loadStart = LoadAverage.oneMinute();
    try (FaceRestorer one = restorer(Path.of(args[0]), yunet, 1);
        FaceRestorer many = restorer(Path.of(args[0]), yunet, batch)) {
      one.restore(photo); // warm-up of both sessions and the detector
      RestoreResult warm = many.restore(photo);
      double[] oneMs = new double[rounds];
      double[] manyMs = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < 2; k++) {
          boolean batched = (k == 0) == (r % 2 == 1);
          long t0 = System.nanoTime();
          (batched ? many : one).restore(photo);
          (batched ? manyMs : oneMs)[r] = (System.nanoTime() - t0) / 1e6;
        }
        out.printf(Locale.ROOT, "round %d: 1 per call %.0f ms, %d per call %.0f ms, load %.2f%n", r + 1,
            oneMs[r], many.batchSize(), manyMs[r], LoadAverage.oneMinute());
      }
      double[] ratios = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        ratios[r] = oneMs[r] / manyMs[r];
      }
      out.printf(Locale.ROOT, "%nSolvay, %d faces, %s, %d rounds alternated, load average %.2f -> %.2f%n",
          warm.faces().size(), Path.of(args[0]).getFileName(), rounds, loadStart, LoadAverage.oneMinute());
      out.printf(Locale.ROOT, "  1 face per call: median %.0f ms; %d per call: median %.0f ms; "
          + "speed-up median %.2fx (per round %s)%n", median(oneMs), many.batchSize(), median(manyMs),
          median(ratios), Arrays.toString(Arrays.stream(ratios).map(v -> Math.round(v * 100) / 100.0).toArray()));
    }
  }

  private static FaceRestorer restorer(Path model, DetectorStage detector, int batch) {
    return FaceRestorer.builder().generator(GeneratorStage.of(model)).detector(detector).backend("onnx")
        .limits(Limits.defaults().withMaxBatchSize(batch)).build();
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
