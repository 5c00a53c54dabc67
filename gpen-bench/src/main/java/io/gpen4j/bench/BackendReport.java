package io.gpen4j.bench;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSerializer;
import io.gpen4j.bench.PlannedRun.Kind;
import io.gpen4j.GpenException;
import io.gpen4j.internal.backend.BackendLocator;
import io.gpen4j.onnxformat.rewrite.ConstantKernelForm;
import io.gpen4j.spi.Device;
import io.gpen4j.spi.InferenceBackend;
import io.gpen4j.spi.SessionSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the backend benchmarks for every configuration this machine can run, and says which to use.
 *
 * <pre>
 * mvn -q -B -o -pl gpen-bench -am package -DskipTests -Pbench-jar
 * java -cp gpen-bench/target/gpen-bench.jar io.gpen4j.bench.BackendReport --quick --memory-budget 4g
 * </pre>
 *
 * <p>Each configuration (backend, device, precision, model size, and photo or callers) runs in a
 * JMH fork of its own, with {@link PeakMemoryProfiler}, so its peak memory is its own; the
 * configurations that are compared run in interleaved rounds ({@link InterleavedRounds}) with the
 * load average sampled around every fork. Missing random-weight models are made first
 * ({@link RandomWeightModels}). What cannot
 * run here is found before forking where that is cheap (backend not on the class path, no GPU,
 * model file missing, cache not supported) and otherwise by the fork's setup, which records the
 * reason in a {@link SkipLog}; either way it is reported as skipped with the reason. A fork that
 * fails otherwise is reported as failed, with the error, and the report goes on.
 *
 * <p>Writes {@code report.json}, {@code report.md} and one JMH log per run into the output folder,
 * prints the Markdown, and ends with the {@link Recommendation}. See the module README.
 */
public final class BackendReport {
  /**
   * Quick mode skips a configuration whose first run takes longer: one operation per JMH
   * iteration would take minutes (djl-pytorch FP16 on a CPU took 45 s per face here).
   */
  static final long QUICK_MAX_FIRST_RUN_MILLIS = 10_000;

  private final ReportOptions options;
  private final Path skipLog;
  private final Set<String> registered;
  private final Map<Integer, GpuMemory> gpus = new HashMap<>();
  private final List<Path> modelDirectories;
  private final ModelFiles modelFiles;

  private BackendReport(ReportOptions options) {
    this.options = options;
    this.skipLog = options.outputDirectory().resolve("skipped.tsv");
    this.registered = BackendLocator.all(BackendReport.class.getClassLoader()).stream()
        .map(InferenceBackend::name).collect(Collectors.toSet());
    this.modelDirectories = RandomWeightModels.withTarget(options.modelDirectories());
    this.modelFiles = new ModelFiles(modelDirectories);
  }

  /**
   * Runs the report.
   *
   * @param args see {@link ReportOptions#USAGE}
   */
  public static void main(String[] args) {
    ReportOptions options;
    try {
      options = ReportOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    try {
      new BackendReport(options).run();
    } catch (IOException e) {
      System.err.println("cannot write the report: " + e.getMessage());
      System.exit(1);
    }
  }

  private void run() throws IOException {
    Instant start = Instant.now();
    Files.createDirectories(options.outputDirectory().resolve("jmh"));
    Files.deleteIfExists(skipLog);
    double loadAtStart = LoadAverage.oneMinute();
    List<PlannedRun> plan = ReportPlan.build(options);
    List<String> preparation = new RandomWeightModels(RandomWeightModels.defaultPython(),
        options.outputDirectory().resolve("convert.log")).prepare(plan.stream()
            .filter(r -> registered.contains(r.config().backend()) && !r.config().device().isGpu()).toList(), modelFiles);
    preparation.forEach(System.out::println);
    // Quick mode's time budget is for measuring; making models does not count.
    Instant measuring = Instant.now();
    int processors = Runtime.getRuntime().availableProcessors();
    long[] longestForkMillis = {0};
    int[] forks = {0};
    InterleavedRounds.Fork fork = (run, round) -> {
      Optional<String> reason = skipBeforeForking(run);
      if (reason.isPresent()) {
        return Measurement.skipped(run, reason.get());
      }
      Duration elapsed = Duration.between(measuring, Instant.now());
      // The rounds of the 256 px runs always complete; 512 and the runs made once fit the budget.
      boolean optional = run.optional() || !InterleavedRounds.compared(run);
      if (options.quick() && optional
          && elapsed.toMillis() + longestForkMillis[0] * 3 / 2 > options.timeBudget().toMillis()) {
        return Measurement.skipped(run, "quick mode: its " + options.timeBudget().toMinutes()
            + "-minute time budget would be exceeded (run --full, or raise --time-budget)");
      }
      long t0 = System.nanoTime();
      Measurement m = measure(run, round);
      longestForkMillis[0] = Math.max(longestForkMillis[0], (System.nanoTime() - t0) / 1_000_000);
      return m;
    };
    InterleavedRounds.Quiet quiet = () -> awaitQuiet(processors);
    InterleavedRounds.Listener progress = (run, f) -> System.out.printf(Locale.ROOT,
        "[%3d r%d %4ds load %4.1f->%4.1f%s] %-44s %s%n", ++forks[0], f.round(),
        Duration.between(start, Instant.now()).toSeconds(), f.loadBefore(), f.loadAfter(), f.busy() ? "*" : " ",
        run.kind().name().toLowerCase(Locale.ROOT) + " " + run.config().label()
            + (run.photoSize() > 0 ? " photo " + run.photoSize() : "")
            + (run.kind() == Kind.THROUGHPUT ? " x" + run.callers() : ""), summary(f.measurement()));
    List<RoundSeries> series = new InterleavedRounds(fork, LoadAverage::oneMinute, quiet, processors, progress)
        .run(plan, options.rounds());
    List<String> recommendation = new ArrayList<>(Recommendation.lines(series, options.memoryBudgetBytes(), processors));
    recommendation.addAll(Recommendation.kernelForms(kernelForms(series)));
    String title = "gpen4j backend report (" + (options.quick() ? "quick" : "full") + " mode)";
    List<String> machine = new ArrayList<>(machine(Duration.between(start, Instant.now())));
    machine.add(String.format(Locale.ROOT, "load average (1 min) at start %.1f, at end %.1f, highest around a fork %.1f,"
        + " on %d processors", loadAtStart, LoadAverage.oneMinute(), series.stream().mapToDouble(RoundSeries::peakLoad)
            .filter(d -> !Double.isNaN(d)).max().orElse(Double.NaN), processors));
    machine.addAll(preparation);
    String markdown = MarkdownReport.render(title, machine, series, recommendation);
    Files.writeString(options.outputDirectory().resolve("report.md"), markdown, StandardCharsets.UTF_8);
    writeJson(series, recommendation);
    System.out.println();
    System.out.println(markdown);
    System.out.println("Written: " + options.outputDirectory().resolve("report.md") + ", "
        + options.outputDirectory().resolve("report.json"));
  }

  /** Waits up to {@code --quiet-wait} for the load average to fall to the processor count. */
  private boolean awaitQuiet(int processors) {
    long deadline = System.nanoTime() + options.quietWait().toNanos();
    while (true) {
      double load = LoadAverage.oneMinute();
      if (!(load > processors)) {
        return true;
      }
      if (System.nanoTime() >= deadline) {
        System.out.printf(Locale.ROOT, "load average still %.1f on %d processors after %d s: busy configurations "
            + "not re-run%n", load, processors, options.quietWait().toSeconds());
        return false;
      }
      try {
        Thread.sleep(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  /** The kernel form of every ONNX generator file a measured run used, by file name. */
  private Map<String, String> kernelForms(List<RoundSeries> series) {
    Map<String, String> forms = new java.util.TreeMap<>();
    for (RoundSeries s : series) {
      BenchConfig c = s.run().config();
      if (s.hasNumbers() && "onnx".equals(c.modelExtension())) {
        modelFiles.find(c).ifPresent(file -> forms.computeIfAbsent(file.getFileName().toString(), name -> {
          try {
            return ConstantKernelForm.describe(file);
          } catch (GpenException e) {
            return "form unknown (" + e.getMessage() + ")";
          }
        }));
      }
    }
    return forms;
  }

  /** The checks that need no fork: class path, GPU, model file, cache support. */
  private Optional<String> skipBeforeForking(PlannedRun run) {
    BenchConfig c = run.config();
    if (!registered.contains(c.backend())) {
      return Optional.of("backend '" + c.backend() + "' is not on the class path (have: "
          + String.join(", ", registered) + ")");
    }
    if (c.device().isGpu()) {
      GpuMemory gpu = gpus.computeIfAbsent(c.device().index(), GpuMemory::probe);
      if (!gpu.available()) {
        return Optional.of(gpu.description());
      }
    }
    if (run.kind() == Kind.LOAD_CACHED && BenchConfig.DJL_PYTORCH.equals(c.backend())) {
      return Optional.of(c.backend() + " keeps no model cache (it ignores cacheDirectory)");
    }
    if (modelFiles.find(c).isEmpty()) {
      return Optional.of(modelFiles.missingReason(c));
    }
    return Optional.empty();
  }

  private Measurement measure(PlannedRun run, int round) {
    String forkId = run.id() + "-r" + round;
    Path log = options.outputDirectory().resolve("jmh").resolve(forkId + ".log");
    ChainedOptionsBuilder b = new OptionsBuilder()
        .include("^" + Pattern.quote(run.kind().benchmark()) + "$")
        .forks(1)
        .threads(run.callers())
        .shouldFailOnError(false)
        .addProfiler(PeakMemoryProfiler.class)
        .output(log.toString())
        .jvmArgsAppend(forkArguments(run, forkId).toArray(new String[0]));
    run.params().forEach(b::param);
    iterations(b, run.kind());
    Collection<RunResult> results;
    try {
      results = new Runner(b.build()).run();
    } catch (RunnerException | RuntimeException e) {
      return Measurement.failed(run, "JMH: " + e);
    }
    if (results.isEmpty()) {
      try {
        Optional<String> skipped = SkipLog.reasonFor(skipLog, forkId);
        if (skipped.isPresent()) {
          return Measurement.skipped(run, skipped.get());
        }
        return Measurement.failed(run, firstError(log) + " (log: " + log + ")");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return toMeasurement(run, results.iterator().next());
  }

  private List<String> forkArguments(PlannedRun run, String forkId) {
    List<String> args = new ArrayList<>(List.of(
        "-Xmx4g",
        "-Djava.awt.headless=true",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-D" + SkipLog.PROPERTY + "=" + skipLog,
        "-D" + SkipLog.RUN_ID_PROPERTY + "=" + forkId,
        "-D" + ModelFiles.PROPERTY + "=" + RandomWeightModels.asProperty(modelDirectories),
        "-D" + BenchSessions.THREADS_PROPERTY + "=" + options.threads(),
        "-Dai.djl.pytorch.num_interop_threads=1"));
    if (options.quick()) {
      args.add("-D" + BenchSessions.MAX_FIRST_RUN_PROPERTY + "=" + QUICK_MAX_FIRST_RUN_MILLIS);
    }
    String shared = System.getProperty("gpen4j.shared");
    if (shared != null) {
      args.add("-Dgpen4j.shared=" + shared);
    }
    if ("djl-onnxruntime".equals(run.config().backend())) {
      // Keeps libtorch (DJL's fallback engine for array ops this backend never uses) out of its RSS.
      args.add("-Dai.djl.onnx.disable_alternative=true");
    }
    return args;
  }

  private void iterations(ChainedOptionsBuilder b, Kind kind) {
    if (!options.quick()) {
      return;
    }
    if (kind == Kind.LOAD_COLD || kind == Kind.LOAD_CACHED) {
      b.warmupIterations(1).measurementIterations(3);
    } else {
      // Short: the rounds, not one long fork, give the spread.
      b.warmupIterations(1).warmupTime(TimeValue.seconds(2))
          .measurementIterations(1).measurementTime(TimeValue.seconds(3));
    }
  }

  private static Measurement toMeasurement(PlannedRun run, RunResult rr) {
    Result<?> primary = rr.getPrimaryResult();
    Map<String, Result> secondary = rr.getSecondaryResults();
    Double mean = null;
    Double p50 = null;
    Double p99 = null;
    Double rate = null;
    if (run.kind() == Kind.THROUGHPUT) {
      rate = primary.getScore();
    } else {
      mean = primary.getScore();
      p50 = primary.getStatistics().getPercentile(50);
      p99 = primary.getStatistics().getPercentile(99);
    }
    Result<?> gpuText = secondary.get(PeakMemoryProfiler.GPU_TEXT);
    return new Measurement(run, Measurement.Status.MEASURED, null, mean, p50, p99, rate,
        score(secondary, PeakMemoryProfiler.RSS_PEAK), score(secondary, PeakMemoryProfiler.RSS_HWM),
        score(secondary, PeakMemoryProfiler.GPU_PEAK), gpuText == null ? null : gpuText.toString().trim());
  }

  private static Double score(Map<String, Result> secondary, String key) {
    Result<?> r = secondary.get(key);
    return r == null ? null : r.getScore();
  }

  /** The first exception line of a fork's log, for a failed run's reason. */
  private static String firstError(Path log) throws IOException {
    if (!Files.isRegularFile(log)) {
      return "no JMH log";
    }
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      String t = line.trim();
      if (t.matches("^[\\w.$]+(Exception|Error)(:.*)?$")) {
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
      }
    }
    return "the fork produced no result";
  }

  private static String summary(Measurement m) {
    switch (m.status()) {
      case SKIPPED:
        return "skipped: " + abbreviate(m.reason());
      case FAILED:
        return "FAILED: " + abbreviate(m.reason());
      default:
        String mem = m.budgetMemoryMb() == null ? "" : String.format(Locale.ROOT, ", %.0f MB", m.budgetMemoryMb());
        return m.photosPerSecond() != null
            ? String.format(Locale.ROOT, "%.2f photos/s%s", m.photosPerSecond(), mem)
            : String.format(Locale.ROOT, "%.1f ms%s", m.meanMs(), mem);
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 140 ? s.substring(0, 140) + "..." : s;
  }

  private List<String> machine(Duration took) {
    GpuMemory gpu = gpus.computeIfAbsent(0, GpuMemory::probe);
    return List.of(
        "CPU: " + Runtime.getRuntime().availableProcessors() + " processors, " + System.getProperty("os.name") + " "
            + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version"),
        "GPU: " + gpu.description(),
        "intra-op threads used per model run: " + options.threads()
            + (options.threads() == SessionSettings.DEFAULTS.resolvedIntraOpThreads()
                ? " (the default: one per available core)" : " (--threads)")
            + "; one JMH fork per configuration and round, generator and portrait runs in " + options.rounds()
            + " interleaved rounds (median of the quiet ones), the rest once; "
            + (options.quick() ? "quick mode: 1 warm-up + 1 x 3 s per fork (loads: 1 + 3 shots)" : "full mode: the benchmarks' own iterations"),
        "models looked for in: " + options.modelDirectories(),
        "random-weight models time exactly like real ones (same graph); their output is noise",
        String.format(Locale.ROOT, "run took %d min %02d s", took.toMinutes(), took.toSecondsPart()));
  }

  private void writeJson(List<RoundSeries> results, List<String> recommendation) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("mode", options.quick() ? "quick" : "full");
    json.put("memoryBudgetBytes", options.memoryBudgetBytes());
    json.put("machine", machine(Duration.ZERO).subList(0, 3));
    json.put("rounds", options.rounds());
    json.put("measurements", results.stream().map(RoundSeries::summary).toList());
    json.put("forks", results);
    json.put("recommendation", recommendation);
    String text = new GsonBuilder()
        .setPrettyPrinting()
        .registerTypeAdapter(Device.class, (JsonSerializer<Device>) (d, t, c) -> new JsonPrimitive(d.toString()))
        .create()
        .toJson(json);
    Files.writeString(options.outputDirectory().resolve("report.json"), text, StandardCharsets.UTF_8);
  }
}
