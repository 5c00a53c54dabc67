package io.gpen4j.bench;

import io.gpen4j.bench.PlannedRun.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Picks, for each GPEN resolution measured (the resolution is a quality choice, so sizes are not
 * compared with each other), the fastest configuration whose memory fits the budget, and the one
 * that needs the least memory.
 *
 * <p>Speed is the median over a configuration's interleaved rounds ({@link RoundSeries}) of the
 * mean {@code restore()} latency on the 512 px portrait, where measured, else of the generator's
 * latency per face. Memory is the largest of its forks' GPU peaks for a GPU configuration and of
 * its host peak RSS (model load included) for a CPU one.
 *
 * <p>The fastest is recommended only when it is faster than the runner-up by more than the
 * measured spread, the two configurations' ranges of round values added, and at least
 * {@link #NOISE_FLOOR} of the faster one's median; the margin beyond that is stated. Otherwise the comparison is reported as inconclusive, with the numbers; so is
 * one where either configuration was measured while the machine was busy
 * ({@link RoundSeries#busy()}).
 */
final class Recommendation {
  /** The photo whose {@code restore()} time decides: the reference deployment's portrait. */
  static final int PORTRAIT = 512;

  /**
   * The smallest relative difference recommended on, whatever the ranges say: three forks rarely
   * show a configuration's whole fork-to-fork variation, and with a 2% variation per fork the
   * difference of two medians of three exceeds 8% by chance about once in a thousand.
   */
  static final double NOISE_FLOOR = 0.08;

  private Recommendation() {}

  /**
   * Writes the recommendation.
   *
   * @param series every configuration's rounds
   * @param budgetBytes the memory budget
   * @param processors the processor count the load average was compared with
   * @return the lines to print, never empty
   */
  static List<String> lines(List<RoundSeries> series, long budgetBytes, int processors) {
    double budgetMb = budgetBytes / (1024.0 * 1024.0);
    List<String> out = new ArrayList<>();
    Map<Integer, List<RoundSeries>> bySize = new TreeMap<>();
    for (RoundSeries s : candidates(series)) {
      bySize.computeIfAbsent(s.run().config().modelSize(), k -> new ArrayList<>()).add(s);
    }
    out.add(String.format(Locale.ROOT, "Recommendation for this machine (memory budget %.0f MB; GPU memory "
        + "for GPU configurations, peak RSS for CPU ones; medians over interleaved rounds):", budgetMb));
    if (bySize.isEmpty()) {
      out.add("  nothing was measured: no recommendation (see the skipped and failed runs above)");
      return out;
    }
    for (Map.Entry<Integer, List<RoundSeries>> e : bySize.entrySet()) {
      List<RoundSeries> list = e.getValue();
      String what = list.get(0).run().kind() == Kind.RESTORE ? "restore() of the 512 px portrait" : "generator per face";
      String prefix = "  GPEN-" + e.getKey() + " (" + what + "): ";
      List<RoundSeries> fits = list.stream()
          .filter(s -> memory(s) != null && memory(s) <= budgetMb)
          .sorted(Comparator.comparingDouble(RoundSeries::median))
          .toList();
      RoundSeries smallest = list.stream().filter(s -> memory(s) != null)
          .min(Comparator.comparingDouble(Recommendation::memory)).orElse(null);
      if (fits.isEmpty()) {
        out.add(prefix + "no configuration fits in " + Math.round(budgetMb) + " MB"
            + (smallest == null ? "" : " (the smallest needs " + Math.round(memory(smallest)) + " MB)"));
      } else if (fits.size() == 1) {
        out.add(prefix + (fits.get(0).busy() ? "inconclusive: the only configuration within budget, "
            + describe(fits.get(0)) + ", was measured while the machine was busy" + busyNote(processors)
            : "fastest within budget (the only one that fits): " + describe(fits.get(0))));
      } else {
        out.add(prefix + compare(fits.get(0), fits.get(1), processors));
      }
      if (smallest != null) {
        out.add(prefix + "least memory: " + describe(smallest));
      }
    }
    return out;
  }

  /**
   * Compares the fastest with the runner-up: a recommendation when the difference exceeds the
   * spread (the two ranges added, at least the noise floor), else "inconclusive".
   */
  static String compare(RoundSeries fastest, RoundSeries second, int processors) {
    if (fastest.busy() || second.busy()) {
      RoundSeries busy = fastest.busy() ? fastest : second;
      return "inconclusive: " + label(busy) + " was measured while the machine was busy" + busyNote(processors)
          + "; " + describe(fastest) + " against " + describe(second);
    }
    double a = fastest.median();
    double b = second.median();
    double spread = Math.max(fastest.spread() + second.spread(), NOISE_FLOOR * a);
    double difference = b - a;
    if (difference > spread) {
      return String.format(Locale.ROOT, "fastest within budget: %s; the runner-up, %s, takes %.0f%% longer, "
          + "a margin of %.0f%% beyond the measured spread (%.1f ms: the two ranges added, at least 8%%)", describe(fastest),
          describe(second), 100 * difference / a, 100 * (difference - spread) / a, spread);
    }
    return String.format(Locale.ROOT, "inconclusive: %s and %s differ by %.1f%%, within the measured spread "
        + "(%.1f ms: the two ranges added, at least 8%%); run --full or on a quieter machine to separate them",
        describe(fastest), describe(second), 100 * difference / a, spread);
  }

  private static String busyNote(int processors) {
    return " (load average above " + processors + " processors and no quiet re-run; see the rounds table)";
  }

  /**
   * Says which form each measured ONNX generator file is in, since an official-style export runs
   * slower unless it is rewritten at load.
   *
   * @param formByFile the form's description by file name, in the order to print
   * @return one line per file; none when no file is given
   */
  static List<String> kernelForms(Map<String, String> formByFile) {
    List<String> out = new ArrayList<>();
    formByFile.forEach((file, form) -> out.add("  " + file + ": " + form
        + (form.startsWith("official") ? " (constant-kernel form in the onnx and djl-onnxruntime backends)" : "")));
    return out;
  }

  /** Returns the portrait restore series where there are any for a size, else the generator series. */
  private static List<RoundSeries> candidates(List<RoundSeries> all) {
    Map<Integer, List<RoundSeries>> restore = new TreeMap<>();
    Map<Integer, List<RoundSeries>> generator = new TreeMap<>();
    for (RoundSeries s : all) {
      if (!s.hasNumbers() || Double.isNaN(s.median()) || s.summary().meanMs() == null) {
        continue;
      }
      int size = s.run().config().modelSize();
      if (s.run().kind() == Kind.RESTORE && s.run().photoSize() == PORTRAIT) {
        restore.computeIfAbsent(size, k -> new ArrayList<>()).add(s);
      } else if (s.run().kind() == Kind.GENERATOR) {
        generator.computeIfAbsent(size, k -> new ArrayList<>()).add(s);
      }
    }
    List<RoundSeries> out = new ArrayList<>();
    for (Map.Entry<Integer, List<RoundSeries>> e : generator.entrySet()) {
      out.addAll(restore.getOrDefault(e.getKey(), e.getValue()));
    }
    restore.forEach((size, list) -> {
      if (!generator.containsKey(size)) {
        out.addAll(list);
      }
    });
    return out;
  }

  private static Double memory(RoundSeries s) {
    return s.summary().budgetMemoryMb();
  }

  private static String label(RoundSeries s) {
    return s.run().config().backend() + " " + s.run().config().device() + " " + s.run().config().precision();
  }

  private static String describe(RoundSeries s) {
    Double mem = memory(s);
    String memory = mem == null ? "memory not measured"
        : String.format(Locale.ROOT, "%.0f MB %s", mem, s.run().config().device().isGpu() ? "GPU" : "peak RSS");
    int n = s.counted().size();
    String range = n > 1 ? String.format(Locale.ROOT, " (%.0f-%.0f over %d rounds)", s.min(), s.max(), n) : " (1 round)";
    return String.format(Locale.ROOT, "%s, %.0f ms%s, %s", label(s), s.median(), range, memory);
  }
}
