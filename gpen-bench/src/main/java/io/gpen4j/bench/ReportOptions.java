package io.gpen4j.bench;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The command line of {@link BackendReport}.
 *
 * @param quick quick mode (256 first, 512 while time allows; short iterations) or full mode
 * @param memoryBudgetBytes the memory a recommended configuration may use (GPU memory for GPU
 *     configurations, host RSS for CPU ones)
 * @param modelDirectories where generator files are looked for
 * @param outputDirectory where report.json, report.md and the JMH logs go
 * @param backends the backends to try
 * @param devices the devices to try ({@code cpu}, {@code cuda:0}, ...)
 * @param threads intra-op threads per model run
 * @param timeBudget in quick mode, optional runs start only while the projected total stays
 *     under this
 * @param rounds interleaved rounds of the compared runs (generator, portrait restore)
 * @param quietWait how long to wait, after the rounds, for the load to fall to the processor
 *     count before re-running configurations measured while it was higher
 */
record ReportOptions(
    boolean quick,
    long memoryBudgetBytes,
    List<Path> modelDirectories,
    Path outputDirectory,
    List<String> backends,
    List<String> devices,
    int threads,
    Duration timeBudget,
    int rounds,
    Duration quietWait) {

  static final String USAGE = String.join("\n",
      "usage: java -cp gpen-bench.jar io.gpen4j.bench.BackendReport [--quick | --full] [options]",
      "  --quick                 256 px model (+512 while time allows), photos 512/1024, short runs (default)",
      "  --full                  256/512/1024 models, photos 512/1024/3000, FP16 end to end, longer runs",
      "  --memory-budget SIZE    memory a recommendation may use, e.g. 4g, 6144m (default 4g)",
      "  --models DIR            folder with generator files (repeatable; default: catalogue folders,",
      "                          <shared>/models/bench, gpen-bench/target/models)",
      "  --out DIR               where report.json, report.md and JMH logs go (default gpen-bench/target/report)",
      "  --backends a,b          default onnx,djl-onnxruntime,djl-pytorch",
      "  --devices a,b           default cpu,cuda:0",
      "  --threads N             intra-op threads (default: all processors)",
      "  --time-budget MIN       quick mode: minutes before optional runs stop starting (default 15)",
      "  --rounds N              interleaved rounds of generator and portrait runs (default quick 3, full 5)",
      "  --quiet-wait SEC        after the rounds, wait this long for load <= processors to re-run busy",
      "                          configurations (default 120)");

  ReportOptions {
    Objects.requireNonNull(modelDirectories, "modelDirectories");
    Objects.requireNonNull(outputDirectory, "outputDirectory");
    Objects.requireNonNull(timeBudget, "timeBudget");
    Objects.requireNonNull(quietWait, "quietWait");
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be at least 1: " + rounds);
    }
    modelDirectories = List.copyOf(modelDirectories);
    backends = List.copyOf(backends);
    devices = List.copyOf(devices);
    if (memoryBudgetBytes <= 0) {
      throw new IllegalArgumentException("memory budget must be positive: " + memoryBudgetBytes);
    }
    if (threads <= 0) {
      throw new IllegalArgumentException("threads must be positive: " + threads);
    }
  }

  /**
   * Parses the command line.
   *
   * @param args the arguments
   * @return the options
   * @throws IllegalArgumentException if an argument is unknown or malformed
   */
  static ReportOptions parse(String... args) {
    boolean quick = true;
    long budget = parseMemorySize("4g");
    List<Path> models = new ArrayList<>();
    Path out = Paths.get("gpen-bench", "target", "report");
    List<String> backends = List.of("onnx", "djl-onnxruntime", "djl-pytorch");
    List<String> devices = List.of("cpu", "cuda:0");
    int threads = Runtime.getRuntime().availableProcessors();
    Duration timeBudget = Duration.ofMinutes(15);
    int rounds = 0;
    Duration quietWait = Duration.ofSeconds(120);
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--quick":
          quick = true;
          break;
        case "--full":
          quick = false;
          break;
        case "--memory-budget":
          budget = parseMemorySize(value(args, ++i, a));
          break;
        case "--models":
          models.add(Paths.get(value(args, ++i, a)).toAbsolutePath().normalize());
          break;
        case "--out":
          out = Paths.get(value(args, ++i, a));
          break;
        case "--backends":
          backends = list(value(args, ++i, a));
          break;
        case "--devices":
          devices = list(value(args, ++i, a));
          break;
        case "--threads":
          threads = Integer.parseInt(value(args, ++i, a));
          break;
        case "--rounds":
          rounds = Integer.parseInt(value(args, ++i, a));
          if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1: " + rounds);
          }
          break;
        case "--quiet-wait":
          quietWait = Duration.ofSeconds(Long.parseLong(value(args, ++i, a)));
          break;
        case "--time-budget":
          timeBudget = Duration.ofSeconds(Math.round(Double.parseDouble(value(args, ++i, a)) * 60));
          break;
        default:
          throw new IllegalArgumentException("unknown argument '" + a + "'\n" + USAGE);
      }
    }
    if (models.isEmpty()) {
      models.addAll(ModelFiles.defaultDirectories());
    }
    return new ReportOptions(quick, budget, models, out.toAbsolutePath().normalize(), backends, devices,
        threads, timeBudget, rounds > 0 ? rounds : quick ? 3 : 5, quietWait);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
    }
    return args[i];
  }

  private static List<String> list(String csv) {
    List<String> out = new ArrayList<>();
    for (String s : csv.split(",")) {
      if (!s.isBlank()) {
        out.add(s.trim().toLowerCase(Locale.ROOT));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("empty list: '" + csv + "'");
    }
    return out;
  }

  /**
   * Parses a size such as {@code 4g}, {@code 512m}, {@code 2048k} or a byte count (binary units).
   *
   * @param text the size
   * @return bytes
   * @throws IllegalArgumentException if malformed or not positive
   */
  static long parseMemorySize(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.endsWith("b") && t.length() > 1 && !Character.isDigit(t.charAt(t.length() - 2))) {
      t = t.substring(0, t.length() - 1);
    }
    long unit = 1;
    char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
    if (last == 'k' || last == 'm' || last == 'g' || last == 't') {
      unit = 1L << (10 * ("kmgt".indexOf(last) + 1));
      t = t.substring(0, t.length() - 1);
    }
    double value;
    try {
      value = Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a memory size: '" + text + "' (use e.g. 4g or 512m)", e);
    }
    if (!(value > 0)) {
      throw new IllegalArgumentException("memory size must be positive: '" + text + "'");
    }
    return Math.round(value * unit);
  }
}
