package io.gpen4j.bench;

import io.gpen4j.onnx.OnnxBackend;
import io.gpen4j.onnxformat.rewrite.ElementwiseForm;
import io.gpen4j.onnxformat.rewrite.SubPixelForm;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.OptimizationLevel;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.spi.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * How close a generator comes to ONNX Runtime's own matrix-multiply rate on this CPU: each round
 * times the {@link MatMulCeiling} and one run of every generator form, side by side in one process,
 * so the machine's load falls on all alike. The forms: the file as the {@code onnx} backend loads
 * it, and with {@code --sub-pixel} its two sub-pixel forms ({@link SubPixelForm}: blur folded into
 * the kernel, and transposed convolution only), with {@code --four-phase} each transposed
 * convolution as four phase convolutions of its own taps, with {@code --scale-bias} its form with
 * each styled convolution's scales and bias as one BatchNormalization, without and with the
 * constant gains folded, with {@code --gain-fold} with only the gains folded ({@link
 * ElementwiseForm}), with {@code --as-exported} the file loaded without the load-time rewrites,
 * with {@code --extended} the loaded form at optimisation level EXTENDED (no NCHWc layout, so no
 * reorders), with {@code --spinning} with intra-op spinning on. A generator's rate is its nominal
 * multiply-adds per face (counted by {@link OperatorProfile} on the form the backend loads, so a
 * form that does more arithmetic is not credited for it) over its time; its share is that rate over
 * the MatMul rate of the same round.
 *
 * <pre>
 * java -cp gpen-bench/target/gpen-bench.jar io.gpen4j.bench.GeneratorCeilingReport \
 *     GPEN-BFR-256-randw.onnx GPEN-BFR-512-randw.onnx [--rounds N] [--threads N] [--sub-pixel] [--scale-bias]
 *     [--four-phase] [--gain-fold] [--as-exported] [--extended] [--spinning]
 * </pre>
 *
 * <p>Each round starts at the next form (the first run after the MatMul is slower). Medians of the
 * per-round values are reported, with the one-minute load average at the start
 * and the end, and each alternative form's speed against the loaded form (median of the per-round
 * ratios).
 */
public final class GeneratorCeilingReport {
  private GeneratorCeilingReport() {}

  /** One way to open a generator: its label, file and session settings on top of the report's. */
  private record Variant(String label, Path file, UnaryOperator<SessionSettings.Builder> settings) {}

  /** One generator form: its label, session, nominal GMAC and per-round times and shares. */
  private record Form(String label, ModelSession session, Map<String, Tensor> feed, int batch, double gmac,
      List<Double> millis, List<Double> shares) {}

  /**
   * Runs the report.
   *
   * @param args generator files, then optional {@code --rounds N} (default 10) and
   *     {@code --threads N} (default 2), {@code --sub-pixel}, {@code --as-exported}
   * @throws Exception if a model cannot be opened or run
   */
  public static void main(String[] args) throws Exception {
    List<Path> models = new ArrayList<>();
    int rounds = 10;
    int threads = 2;
    boolean subPixel = false;
    boolean asExported = false;
    boolean scaleBias = false;
    boolean gainFold = false;
    boolean fourPhase = false;
    boolean extended = false;
    boolean spinning = false;
    int[] batches = {1};
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--sub-pixel" -> subPixel = true;
        case "--as-exported" -> asExported = true;
        case "--scale-bias" -> scaleBias = true;
        case "--gain-fold" -> gainFold = true;
        case "--four-phase" -> fourPhase = true;
        case "--extended" -> extended = true;
        case "--spinning" -> spinning = true;
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--batches" -> batches = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
        default -> models.add(Paths.get(args[i]));
      }
    }
    if (models.isEmpty()) {
      System.err.println("usage: GeneratorCeilingReport MODEL.onnx... [--rounds N] [--threads N] [--sub-pixel] "
          + "[--four-phase] [--scale-bias] [--gain-fold] [--as-exported] [--extended] [--spinning]");
      System.exit(2);
    }
    double loadStart = LoadAverage.oneMinute();
    Path cache = Files.createTempDirectory("gpen4j-ceiling");
    List<Form> forms = new ArrayList<>();
    int perModel = 1;
    try (MatMulCeiling ceiling = new MatMulCeiling(threads)) {
      for (Path m : models) {
        double gmac = OperatorProfileReport.profile(m, true, 1, threads).totalGmac();
        List<Variant> variants = new ArrayList<>(List.of(new Variant(m.getFileName() + ", as loaded", m, b -> b)));
        if (subPixel) {
          for (boolean fold : new boolean[] {true, false}) {
            Path f = cache.resolve(forms.size() + variants.size() + "-" + m.getFileName());
            int n = SubPixelForm.write(m, f, fold);
            String form = fold ? ", sub-pixel, blur folded" : ", sub-pixel, transposed conv only";
            variants.add(new Variant(m.getFileName() + form + " (" + n + " up-samplings)", f, b -> b));
          }
        }
        if (fourPhase) {
          Path f = cache.resolve(forms.size() + variants.size() + "-" + m.getFileName());
          int n = SubPixelForm.writeFourPhase(m, f);
          variants.add(new Variant(m.getFileName() + ", transposed conv as four phase convolutions (" + n
              + " up-samplings)", f, b -> b));
        }
        if (scaleBias) {
          for (boolean gains : new boolean[] {false, true}) {
            Path f = cache.resolve(forms.size() + variants.size() + "-" + m.getFileName());
            int n = ElementwiseForm.write(m, f, gains, true);
            variants.add(new Variant(m.getFileName() + ", scales and bias as BatchNormalization"
                + (gains ? " and gains folded" : "") + " (" + n + " rewrites)", f, b -> b));
          }
        }
        if (gainFold) {
          Path f = cache.resolve(forms.size() + variants.size() + "-" + m.getFileName());
          int n = ElementwiseForm.write(m, f, true, false);
          variants.add(new Variant(m.getFileName() + ", gains folded (" + n + " gains)", f, b -> b));
        }
        if (asExported) {
          variants.add(new Variant(m.getFileName() + ", as exported (no load-time rewrite)", m,
              b -> b.rewriteOfficialExports(false)));
        }
        if (extended) {
          variants.add(new Variant(m.getFileName() + ", optimisation EXTENDED (no NCHWc layout)", m,
              b -> b.optimizationLevel(OptimizationLevel.EXTENDED)));
        }
        if (spinning) {
          variants.add(new Variant(m.getFileName() + ", intra-op spinning on", m, b -> b.threadSpinning(true)));
        }
        perModel = variants.size() * batches.length;
        for (Variant v : variants) {
          for (int batch : batches) {
            SessionSettings s = v.settings().apply(SessionSettings.builder().intraOpThreads(threads).concurrency(1)
                .cacheDirectory(cache.resolve("cache-" + forms.size()))).build();
            ModelSession session = new OnnxBackend().open(ModelSource.of(v.file()), s);
            String label = batches.length > 1 || batch > 1 ? v.label() + ", " + batch + " per run" : v.label();
            forms.add(new Form(label, session, feed(session, batch), batch, gmac, new ArrayList<>(), new ArrayList<>()));
          }
        }
      }
      for (Form f : forms) {
        f.session().run(f.feed());
        f.session().run(f.feed());
      }
      ceiling.gmacPerSecond();
      List<Double> matmul = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        double[] c = {ceiling.gmacPerSecond(), ceiling.gmacPerSecond(), ceiling.gmacPerSecond()};
        Arrays.sort(c);
        matmul.add(c[1]);
        // Each round starts at another form: the first run after the MatMul pays for waking the
        // threads and for the caches it left, and would otherwise always fall on the same form.
        for (int k = 0; k < forms.size(); k++) {
          Form f = forms.get((r + k) % forms.size());
          long t0 = System.nanoTime();
          f.session().run(f.feed());
          double ms = (System.nanoTime() - t0) / 1e6 / f.batch();
          f.millis().add(ms);
          f.shares().add(f.gmac() / (ms / 1000) / c[1]);
        }
        System.out.printf(Locale.ROOT, "round %d: MatMul %.1f GMAC/s, load %.2f%n", r + 1, c[1], LoadAverage.oneMinute());
      }
      System.out.printf(Locale.ROOT, "%nGenerator per face against ONNX Runtime's MatMul %dx%dx%d, %d intra-op threads, "
          + "median of %d alternated rounds, load average %.2f -> %.2f; MatMul median %.1f GMAC/s%n%n",
          MatMulCeiling.N, MatMulCeiling.N, MatMulCeiling.N, threads, rounds, loadStart, LoadAverage.oneMinute(),
          median(matmul));
      System.out.println("| generator | GMAC per face | ms per face | GMAC/s | share of MatMul rate |");
      System.out.println("|---|---:|---:|---:|---:|");
      for (Form f : forms) {
        double ms = median(f.millis());
        System.out.printf(Locale.ROOT, "| %s | %.2f | %.1f | %.1f | %.0f%% |%n", f.label(), f.gmac(), ms,
            f.gmac() / (ms / 1000), 100 * median(f.shares()));
      }
      for (int i = 0; i < forms.size(); i++) {
        Form base = forms.get(i - i % perModel);
        if (i % perModel == 0) {
          continue;
        }
        List<Double> ratios = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
          ratios.add(base.millis().get(r) / forms.get(i).millis().get(r));
        }
        System.out.printf(Locale.ROOT, "%s: %.2fx the speed of the loaded form (median of per-round ratios)%n",
            forms.get(i).label(), median(ratios));
      }
    } finally {
      forms.forEach(f -> f.session().close());
      KernelFormReport.deleteTree(cache);
    }
  }

  private static Map<String, Tensor> feed(ModelSession session, int batch) {
    long[] shape = session.inputs().get(0).shape();
    int n = 1;
    for (int i = 0; i < shape.length; i++) {
      shape[i] = i == 0 ? batch : Math.max(1, shape[i]);
      n *= (int) shape[i];
    }
    float[] v = new float[n];
    Random r = new Random(1);
    for (int i = 0; i < n; i++) {
      v[i] = r.nextFloat() * 2 - 1;
    }
    return Map.of(session.inputs().get(0).name(), Tensor.wrap(v, shape));
  }

  private static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
