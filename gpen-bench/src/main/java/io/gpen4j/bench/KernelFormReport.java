package io.gpen4j.bench;

import io.gpen4j.onnxformat.rewrite.ConstantKernelForm;
import io.gpen4j.onnx.OnnxBackend;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.spi.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Measures, side by side in one process, what the {@code onnx} backend's load-time rewrite of
 * official-style GPEN exports gains: per-face generator time of the official export loaded as
 * exported (rewrite off), the same file rewritten at load, and the converter's constant-kernel
 * export; and the load times (first load with an empty cache folder, then cached) of the
 * rewritten official export and of the converter's export.
 *
 * <pre>
 * java -cp gpen-bench/target/gpen-bench.jar io.gpen4j.bench.KernelFormReport \
 *     OFFICIAL.onnx CONSTANT_KERNEL.onnx [rounds] [threads]
 * </pre>
 *
 * <p>The generator runs go round-robin (one run of each form per round, after two warm-up runs
 * each) so a change in machine load hits every form alike; medians are reported with the load
 * average at the start and the end.
 */
public final class KernelFormReport {
  private KernelFormReport() {}

  /** A form under test: its name and session. */
  private record Form(String name, ModelSession session, List<Double> millis) {}

  /**
   * Runs the report.
   *
   * @param args official export, constant-kernel export, optional rounds (default 10) and
   *     intra-op threads (default 2)
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: KernelFormReport OFFICIAL.onnx CONSTANT_KERNEL.onnx [rounds] [threads]");
      System.exit(2);
    }
    Path official = Paths.get(args[0]);
    Path constant = Paths.get(args[1]);
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    System.out.println("load average at start: " + loadAverage());
    System.out.println(official.getFileName() + ": " + ConstantKernelForm.describe(official));
    System.out.println(constant.getFileName() + ": " + ConstantKernelForm.describe(constant));

    Path cacheRoot = Files.createTempDirectory("gpen4j-kernel-form");
    try {
      SessionSettings plain = SessionSettings.builder().intraOpThreads(threads).build();
      List<String> loads = new ArrayList<>();
      loads.add(loadTimes("official export, rewritten at load", official, cacheRoot.resolve("official"), threads));
      loads.add(loadTimes("converter's constant-kernel export", constant, cacheRoot.resolve("constant"), threads));
      List<Form> forms = new ArrayList<>();
      try {
        forms.add(new Form("official export as exported", openWithRewrite(official, plain, false), new ArrayList<>()));
        forms.add(new Form("official export rewritten at load", openWithRewrite(official, plain, true), new ArrayList<>()));
        forms.add(new Form("converter's constant-kernel export", openWithRewrite(constant, plain, true), new ArrayList<>()));
        measure(forms, rounds);
        report(forms, loads, threads, rounds);
      } finally {
        forms.forEach(f -> f.session().close());
      }
    } finally {
      deleteTree(cacheRoot);
    }
  }

  private static ModelSession openWithRewrite(Path model, SessionSettings settings, boolean rewrite) {
    return new OnnxBackend().open(ModelSource.of(model), settings.toBuilder().rewriteOfficialExports(rewrite).build());
  }

  /** First load into an empty cache folder, then the median of three cached loads. */
  private static String loadTimes(String name, Path model, Path cacheDir, int threads) {
    SessionSettings settings = SessionSettings.builder().intraOpThreads(threads).cacheDirectory(cacheDir).build();
    double first = timeOpen(model, settings);
    double[] cached = {timeOpen(model, settings), timeOpen(model, settings), timeOpen(model, settings)};
    Arrays.sort(cached);
    return String.format(Locale.ROOT, "| %s | %.0f | %.0f |", name, first, cached[1]);
  }

  private static double timeOpen(Path model, SessionSettings settings) {
    long t0 = System.nanoTime();
    // A new backend each time, so no digest or session is remembered in memory between loads.
    try (ModelSession s = new OnnxBackend().open(ModelSource.of(model), settings)) {
      return (System.nanoTime() - t0) / 1e6;
    }
  }

  private static void measure(List<Form> forms, int rounds) {
    Map<String, Tensor> feed = null;
    for (Form f : forms) {
      long[] shape = f.session().inputs().get(0).shape();
      int n = 1;
      for (long d : shape) {
        n *= (int) d;
      }
      Random r = new Random(1);
      float[] v = new float[n];
      for (int i = 0; i < n; i++) {
        v[i] = r.nextFloat() * 2 - 1;
      }
      feed = Map.of(f.session().inputs().get(0).name(), Tensor.wrap(v, shape));
      f.session().run(feed);
      f.session().run(feed);
    }
    for (int round = 0; round < rounds; round++) {
      for (Form f : forms) {
        long t0 = System.nanoTime();
        f.session().run(feed);
        f.millis().add((System.nanoTime() - t0) / 1e6);
      }
    }
  }

  private static void report(List<Form> forms, List<String> loads, int threads, int rounds) {
    double base = median(forms.get(0).millis());
    System.out.println();
    System.out.printf(Locale.ROOT, "Generator per face, %d intra-op threads, median of %d round-robin runs:%n",
        threads, rounds);
    System.out.println("| form | median ms | min ms | speed-up vs as exported |");
    System.out.println("|---|---:|---:|---:|");
    for (Form f : forms) {
      double m = median(f.millis());
      System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.2fx |%n", f.name(), m,
          f.millis().stream().min(Comparator.naturalOrder()).orElseThrow(), base / m);
    }
    System.out.println();
    System.out.println("Load (ms), ONNX Runtime optimisation level ALL, cache folder set:");
    System.out.println("| model | first load (rewrite + cache) | cached load (median of 3) |");
    System.out.println("|---|---:|---:|");
    loads.forEach(System.out::println);
    System.out.println();
    System.out.println("load average at end: " + loadAverage());
  }

  private static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Paths.get("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  /** Deletes a folder and everything in it (the reports' temporary cache folders). */
  static void deleteTree(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
