package io.gpen4j.bench;

import io.gpen4j.djl.DjlOnnxRuntimeBackend;
import io.gpen4j.onnx.OnnxBackend;
import io.gpen4j.onnxformat.rewrite.ConstantKernelForm;
import io.gpen4j.spi.InferenceBackend;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.spi.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The two ONNX Runtime bindings side by side on one generator file: {@code djl-onnxruntime}
 * against {@code onnx}, generator time per face, runs alternated in one process (A B A B ...) so
 * both see the same machine, with the load average before and after; and, for reference, DJL on
 * the file as exported ({@code rewriteOfficialExports(false)}, what it did before).
 *
 * <pre>
 * java -cp gpen-bench/target/gpen-bench.jar io.gpen4j.bench.BindingReport \
 *     ../shared/models/bench/GPEN-BFR-256-official-export-randw.onnx [rounds] [threads]
 * </pre>
 *
 * <p>Both open the file with the same settings and a cache folder of their own, so each prepares
 * the constant-kernel form itself (see the module README).
 */
public final class BindingReport {
  private BindingReport() {}

  /**
   * Runs the comparison.
   *
   * @param args the model file, optional rounds (default 30) and intra-op threads (default: all processors)
   * @throws IOException if the cache folders cannot be made
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: BindingReport MODEL.onnx [rounds] [threads]");
      System.exit(2);
    }
    Path model = Paths.get(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
    double loadBefore = LoadAverage.oneMinute();
    System.out.println(model.getFileName() + ": " + ConstantKernelForm.describe(model));
    Path cache = Files.createTempDirectory("gpen4j-binding-report");
    SessionSettings base = SessionSettings.builder().intraOpThreads(threads).concurrency(1).build();
    // DJL first: it must create ONNX Runtime's environment before the onnx backend does.
    List<InferenceBackend> backends = List.of(new DjlOnnxRuntimeBackend(), new OnnxBackend(), new DjlOnnxRuntimeBackend());
    List<String> names = List.of("djl-onnxruntime", "onnx", "djl-onnxruntime, as exported (rewrite off)");
    List<ModelSession> sessions = new ArrayList<>();
    try {
      for (int i = 0; i < backends.size(); i++) {
        sessions.add(backends.get(i).open(ModelSource.of(model), base.toBuilder()
            .cacheDirectory(cache.resolve(Integer.toString(i))).rewriteOfficialExports(i < 2).build()));
      }
      long[] shape = sessions.get(0).inputs().get(0).shape();
      int n = 1;
      for (long d : shape) {
        n *= (int) Math.max(1, d);
      }
      float[] v = new float[n];
      Random r = new Random(1);
      for (int i = 0; i < n; i++) {
        v[i] = r.nextFloat() * 2 - 1;
      }
      Map<String, Tensor> feed = Map.of(sessions.get(0).inputs().get(0).name(), Tensor.wrap(v, shape));
      for (ModelSession s : sessions) {
        s.run(feed);
        s.run(feed);
      }
      double[][] millis = new double[sessions.size()][rounds];
      for (int round = 0; round < rounds; round++) {
        for (int i = 0; i < sessions.size(); i++) {
          long t0 = System.nanoTime();
          sessions.get(i).run(feed);
          millis[i][round] = (System.nanoTime() - t0) / 1e6;
        }
      }
      double[] ratios = new double[rounds];
      double[] exported = new double[rounds];
      for (int round = 0; round < rounds; round++) {
        ratios[round] = millis[0][round] / millis[1][round];
        exported[round] = millis[2][round] / millis[1][round];
      }
      System.out.printf(Locale.ROOT, "generator per face, %d threads, %d alternated rounds; load average %.1f before, "
          + "%.1f after, %d processors%n", threads, rounds, loadBefore, LoadAverage.oneMinute(),
          Runtime.getRuntime().availableProcessors());
      System.out.println("| backend | median ms | min ms |");
      System.out.println("|---|---:|---:|");
      for (int i = 0; i < sessions.size(); i++) {
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f |%n", names.get(i), median(millis[i]),
            java.util.Arrays.stream(millis[i]).min().orElse(Double.NaN));
      }
      System.out.printf(Locale.ROOT, "djl-onnxruntime / onnx: %.2fx (median of per-round ratios; ratio of medians %.2fx)%n",
          median(ratios), median(millis[0]) / median(millis[1]));
      System.out.printf(Locale.ROOT, "djl-onnxruntime as exported / onnx: %.2fx (median of per-round ratios)%n",
          median(exported));
    } finally {
      sessions.forEach(ModelSession::close);
      try (var files = Files.walk(cache)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    java.util.Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
