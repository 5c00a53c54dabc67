package io.gpen4j.bench;

import io.gpen4j.bench.PlannedRun.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Picks, for each GPEN resolution measured (the resolution is a quality choice, so sizes are not
 * compared with each other), the fastest configuration whose memory fits the budget, and the one
 * that needs the least memory.
 *
 * <p>Speed is the mean {@code restore()} latency on the 512 px portrait, where measured, else the
 * generator's latency per face. Memory is that run's GPU peak for a GPU configuration and its host
 * peak RSS (the fork's high-water mark, model load included) for a CPU one: the budget applies to
 * the memory the configuration actually uses up.
 */
final class Recommendation {
  private static final int PORTRAIT = 512;

  private Recommendation() {}

  /**
   * Writes the recommendation.
   *
   * @param measurements everything measured
   * @param budgetBytes the memory budget
   * @return the lines to print, never empty
   */
  static List<String> lines(List<Measurement> measurements, long budgetBytes) {
    double budgetMb = budgetBytes / (1024.0 * 1024.0);
    List<String> out = new ArrayList<>();
    Map<Integer, List<Measurement>> bySize = new TreeMap<>();
    for (Measurement m : candidates(measurements)) {
      bySize.computeIfAbsent(m.run().config().modelSize(), k -> new ArrayList<>()).add(m);
    }
    out.add(String.format(Locale.ROOT, "Recommendation for this machine (memory budget %.0f MB; GPU memory "
        + "for GPU configurations, peak RSS for CPU ones):", budgetMb));
    if (bySize.isEmpty()) {
      out.add("  nothing was measured: no recommendation (see the skipped and failed runs above)");
      return out;
    }
    for (Map.Entry<Integer, List<Measurement>> e : bySize.entrySet()) {
      List<Measurement> list = e.getValue();
      String what = list.get(0).run().kind() == Kind.RESTORE ? "restore() of the 512 px portrait" : "generator per face";
      Optional<Measurement> fastest = list.stream()
          .filter(m -> m.budgetMemoryMb() != null && m.budgetMemoryMb() <= budgetMb)
          .min(Comparator.comparingDouble(Measurement::meanMs));
      Optional<Measurement> smallest = list.stream()
          .filter(m -> m.budgetMemoryMb() != null)
          .min(Comparator.comparingDouble(Measurement::budgetMemoryMb));
      String prefix = "  GPEN-" + e.getKey() + " (" + what + "): ";
      if (fastest.isPresent()) {
        out.add(prefix + "fastest within budget: " + describe(fastest.get()));
      } else {
        out.add(prefix + "no configuration fits in " + Math.round(budgetMb) + " MB"
            + smallest.map(m -> " (the smallest needs " + Math.round(m.budgetMemoryMb()) + " MB)").orElse(""));
      }
      smallest.ifPresent(m -> out.add(prefix + "least memory: " + describe(m)));
    }
    return out;
  }

  /**
   * Says which form each measured ONNX generator file is in ({@code io.gpen4j.onnx.KernelForm}),
   * since an official-style export runs 1.5-1.8x slower unless the {@code onnx} backend
   * rewrites it at load.
   *
   * @param formByFile the form's description by file name, in the order to print
   * @return one line per file; none when no file is given
   */
  static List<String> kernelForms(Map<String, String> formByFile) {
    List<String> out = new ArrayList<>();
    formByFile.forEach((file, form) -> out.add("  " + file + ": " + form
        + (form.startsWith("official") ? " (constant-kernel form in the onnx backend; DJL loads it as exported)" : "")));
    return out;
  }

  /** Returns the portrait restore runs where there are any for a size, else the generator runs. */
  private static List<Measurement> candidates(List<Measurement> measurements) {
    Map<Integer, List<Measurement>> restore = new TreeMap<>();
    Map<Integer, List<Measurement>> generator = new TreeMap<>();
    for (Measurement m : measurements) {
      if (!m.measured() || m.meanMs() == null) {
        continue;
      }
      int size = m.run().config().modelSize();
      if (m.run().kind() == Kind.RESTORE && m.run().photoSize() == PORTRAIT) {
        restore.computeIfAbsent(size, k -> new ArrayList<>()).add(m);
      } else if (m.run().kind() == Kind.GENERATOR) {
        generator.computeIfAbsent(size, k -> new ArrayList<>()).add(m);
      }
    }
    List<Measurement> out = new ArrayList<>();
    for (Map.Entry<Integer, List<Measurement>> e : generator.entrySet()) {
      out.addAll(restore.getOrDefault(e.getKey(), e.getValue()));
    }
    restore.forEach((size, list) -> {
      if (!generator.containsKey(size)) {
        out.addAll(list);
      }
    });
    return out;
  }

  private static String describe(Measurement m) {
    String memory = m.budgetMemoryMb() == null ? "memory not measured"
        : String.format(Locale.ROOT, "%.0f MB %s", m.budgetMemoryMb(),
            m.run().config().device().isGpu() ? "GPU" : "peak RSS");
    return String.format(Locale.ROOT, "%s %s %s, %.0f ms, %s", m.run().config().backend(),
        m.run().config().device(), m.run().config().precision(), m.meanMs(), memory);
  }
}
