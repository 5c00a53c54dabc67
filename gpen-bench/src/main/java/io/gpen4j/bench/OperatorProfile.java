package io.gpen4j.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One ONNX Runtime profile ({@code SessionOptions.enableProfiling}) summed per operator type: the
 * time of each type's kernels per run, its share of all kernel time, and for convolutions the
 * multiply-adds they did (from the shapes the profile records) and the rate that gives.
 *
 * @param rows one per operator type, most time first
 * @param runs the runs summed (warm-up runs excluded)
 */
record OperatorProfile(List<Row> rows, int runs) {
  /**
   * One operator type.
   *
   * @param op ONNX Runtime's kernel name (after its graph optimisations: FusedConv, NchwcConv ...)
   * @param calls kernel calls per run
   * @param millis kernel time per run
   * @param gmac multiply-adds per run, in billions (0 where not a convolution or MatMul)
   */
  record Row(String op, double calls, double millis, double gmac) {}

  OperatorProfile {
    rows = List.copyOf(rows);
  }

  /**
   * Reads a profile file, skipping the node events of the first {@code warmups} runs.
   *
   * @param file the JSON file {@code OrtSession.endProfiling()} named
   * @param warmups runs at the start not to count
   * @param kernels the kernel dims of the model's nodes by node name, for the kernels the profile
   *     leaves out of a node's input shapes (ONNX Runtime lists a transposed convolution's
   *     pre-packed kernel nowhere)
   * @return the summary
   * @throws IOException if the file cannot be read
   */
  static OperatorProfile read(Path file, int warmups, Map<String, long[]> kernels) throws IOException {
    JsonArray events = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonArray();
    List<Long> runStarts = new ArrayList<>();
    for (JsonElement e : events) {
      JsonObject o = e.getAsJsonObject();
      if ("model_run".equals(string(o, "name"))) {
        runStarts.add(o.get("ts").getAsLong());
      }
    }
    runStarts.sort(Comparator.naturalOrder());
    int counted = runStarts.size() - warmups;
    if (counted <= 0) {
      throw new IllegalArgumentException("profile " + file + " has " + runStarts.size() + " runs, " + warmups
          + " of them warm-ups");
    }
    long from = warmups == 0 ? Long.MIN_VALUE : runStarts.get(warmups);
    Map<String, double[]> sums = new LinkedHashMap<>();
    for (JsonElement e : events) {
      JsonObject o = e.getAsJsonObject();
      String name = string(o, "name");
      if (!"Node".equals(string(o, "cat")) || name == null || !name.endsWith("_kernel_time")
          || o.get("ts").getAsLong() < from) {
        continue;
      }
      JsonObject args = o.getAsJsonObject("args");
      String op = label(args.get("op_name").getAsString(), args);
      double[] s = sums.computeIfAbsent(op, k -> new double[3]);
      s[0]++;
      s[1] += o.get("dur").getAsDouble() / 1000.0;
      s[2] += multiplyAdds(op, args, kernels.get(name.substring(0, name.length() - "_kernel_time".length())));
    }
    List<Row> rows = new ArrayList<>();
    sums.forEach((op, s) -> rows.add(new Row(op, s[0] / counted, s[1] / counted, s[2] / counted / 1e9)));
    rows.sort(Comparator.comparingDouble(Row::millis).reversed());
    return new OperatorProfile(rows, counted);
  }

  /** The operator's name, with depthwise convolutions (the blurs) told apart from the others. */
  private static String label(String op, JsonObject args) {
    List<long[]> in = shapes(args.getAsJsonArray("input_type_shape"));
    if (op.contains("Conv") && in.size() >= 2 && in.get(1).length == 4 && in.get(1)[1] == 1 && in.get(1)[0] > 1) {
      return op + " (depthwise)";
    }
    return op;
  }

  /** Kernel time per run, all operators. */
  double totalMillis() {
    return rows.stream().mapToDouble(Row::millis).sum();
  }

  /** Multiply-adds per run of the convolutions and MatMuls, in billions. */
  double totalGmac() {
    return rows.stream().mapToDouble(Row::gmac).sum();
  }

  /** The table in Markdown. */
  String markdown() {
    StringBuilder b = new StringBuilder();
    b.append("| operator | calls | ms per run | share | GMAC | GMAC/s |\n|---|---:|---:|---:|---:|---:|\n");
    double total = totalMillis();
    for (Row r : rows) {
      b.append(String.format(Locale.ROOT, "| %s | %.0f | %.1f | %.1f%% | %s | %s |%n", r.op(), r.calls(), r.millis(),
          100 * r.millis() / total, r.gmac() > 0 ? String.format(Locale.ROOT, "%.2f", r.gmac()) : "",
          r.gmac() > 0 ? String.format(Locale.ROOT, "%.1f", r.gmac() / (r.millis() / 1000)) : ""));
    }
    b.append(String.format(Locale.ROOT, "| all | | %.1f | 100%% | %.2f | %.1f |%n", total, totalGmac(),
        totalGmac() / (total / 1000)));
    return b.toString();
  }

  /**
   * Multiply-adds of one convolution or MatMul kernel call from the shapes ONNX Runtime recorded:
   * a convolution costs its output size times its kernel's size per output channel (weight
   * {@code [O, I/group, kh, kw]}); a transposed convolution its input size times the kernel's size
   * per input channel (weight {@code [I, O/group, kh, kw]}); a MatMul {@code M x K x N}.
   */
  static double multiplyAdds(String op, JsonObject args, long[] kernel) {
    List<long[]> in = shapes(args.getAsJsonArray("input_type_shape"));
    List<long[]> out = shapes(args.getAsJsonArray("output_type_shape"));
    if (in.size() < 2 && kernel != null) {
      in.add(kernel);
    }
    if (in.size() < 2 || out.isEmpty()) {
      return 0;
    }
    long[] w = in.get(1);
    if (op.equals("ConvTranspose")) {
      return w.length == 4 ? product(in.get(0)) * w[1] * w[2] * w[3] : 0;
    }
    if (op.contains("Conv")) {
      return w.length == 4 ? product(out.get(0)) * w[1] * w[2] * w[3] : 0;
    }
    if (op.equals("MatMul") || op.equals("Gemm") || op.equals("FusedMatMul")) {
      long[] a = in.get(0);
      long[] y = out.get(0);
      return a.length >= 2 ? product(y) * a[a.length - 1] : 0;
    }
    return 0;
  }

  private static List<long[]> shapes(JsonArray array) {
    List<long[]> list = new ArrayList<>();
    if (array == null) {
      return list;
    }
    for (JsonElement e : array) {
      for (Map.Entry<String, JsonElement> t : e.getAsJsonObject().entrySet()) {
        JsonArray dims = t.getValue().getAsJsonArray();
        long[] d = new long[dims.size()];
        for (int i = 0; i < d.length; i++) {
          d[i] = dims.get(i).getAsLong();
        }
        list.add(d);
      }
    }
    return list;
  }

  private static double product(long[] dims) {
    double p = 1;
    for (long d : dims) {
      p *= d;
    }
    return p;
  }

  private static String string(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e == null || e.isJsonNull() ? null : e.getAsString();
  }
}
