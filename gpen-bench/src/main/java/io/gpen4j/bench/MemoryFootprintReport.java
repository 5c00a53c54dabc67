package io.gpen4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Peak host memory and time of one generator, a fresh JVM per configuration
 * ({@link MemoryFootprintProbe} lists them), side by side in one run, with ratios against the
 * first row of each group and the load average before each child.
 *
 * <pre>
 * /usr/bin/python3 models/convert/convert.py --preset GPEN-BFR-512 --random-weights --onnx /tmp/GPEN-BFR-512-randw.onnx
 * java -cp gpen-bench/target/gpen-bench.jar io.gpen4j.bench.MemoryFootprintReport /tmp/GPEN-BFR-512-randw.onnx 2
 * </pre>
 *
 * <p>Arguments: the generator file, and the timed runs per configuration (default 2; one untimed
 * run comes first). Configurations alternate twice (A B A B), so a change in the machine's load
 * shows as a difference between the two rounds.
 */
public final class MemoryFootprintReport {
  private static final String[][] GROUPS = {
    {"ort-pattern-on", "ort-pattern-off"},
    {"restore-default", "restore-lowmemory"},
  };

  private MemoryFootprintReport() {}

  /**
   * Runs every configuration and prints a Markdown table.
   *
   * @param args the generator file and, optionally, the timed runs per configuration
   * @throws IOException if a child cannot be started
   * @throws InterruptedException if interrupted while waiting for a child
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length < 1) {
      System.err.println("usage: MemoryFootprintReport GENERATOR.onnx [RUNS]");
      System.exit(2);
    }
    String runs = args.length > 1 ? args[1] : "2";
    List<String> rows = new ArrayList<>();
    rows.add("| configuration | round | peak RSS MB | RSS ratio | mean ms | time ratio | load average |");
    rows.add("|---|---|---|---|---|---|---|");
    for (String[] group : GROUPS) {
      for (int round = 1; round <= 2; round++) {
        double[] base = null;
        for (String config : group) {
          String load = Files.readString(Paths.get("/proc/loadavg")).trim();
          double[] r = child(args[0], config, runs);
          if (base == null) {
            base = r;
          }
          String row = String.format(Locale.ROOT, "| %s | %d | %.0f | %.2f | %.0f | %.2f | %s |",
              config, round, r[0], r[0] / base[0], r[1], r[1] / base[1], load);
          System.err.println(row);
          rows.add(row);
        }
      }
    }
    rows.forEach(System.out::println);
  }

  private static double[] child(String model, String config, String runs) throws IOException, InterruptedException {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx2g", "-Djava.awt.headless=true",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-cp", System.getProperty("java.class.path")));
    String shared = System.getProperty("gpen4j.shared");
    if (shared != null) {
      cmd.add("-Dgpen4j.shared=" + shared);
    }
    cmd.addAll(List.of(MemoryFootprintProbe.class.getName(), model, config, runs));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String result = null;
    StringBuilder all = new StringBuilder();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        all.append(line).append('\n');
        if (line.startsWith("RESULT ")) {
          result = line;
        }
      }
    }
    if (p.waitFor() != 0 || result == null) {
      throw new IllegalStateException(config + ": child run failed:\n" + all);
    }
    String[] parts = result.split("\\s+");
    return new double[] {value(parts[1]), value(parts[2])};
  }

  private static double value(String keyValue) {
    return Double.parseDouble(keyValue.substring(keyValue.indexOf('=') + 1));
  }
}
