package io.gpen4j.bench;

import io.gpen4j.bench.PlannedRun.Kind;
import io.gpen4j.spi.Precision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Renders the measurements as Markdown tables: model load, generator latency per face,
 * {@code restore()} latency, throughput, FP16 against FP32 (each configuration's median over its
 * rounds), then every fork with the load average around it, what was skipped and why, and the
 * recommendation.
 */
final class MarkdownReport {
  private MarkdownReport() {}

  /**
   * Renders the report.
   *
   * @param title the first heading's text
   * @param machine lines describing the machine and the settings
   * @param series every run's forks; the tables show each run's median fork
   * @param recommendation the recommendation's lines
   * @return Markdown
   */
  static String render(String title, List<String> machine, List<RoundSeries> series, List<String> recommendation) {
    List<Measurement> measurements = series.stream().map(RoundSeries::summary).toList();
    StringBuilder md = new StringBuilder();
    md.append("## ").append(title).append("\n\n");
    for (String line : machine) {
      md.append("- ").append(line).append('\n');
    }
    md.append('\n');

    table(md, "Model load (ms per load; cold = no cache folder, cached = optimised model on disk)",
        List.of("backend", "device", "precision", "model", "cache", "mean", "p50", "peak RSS MB", "GPU MB"),
        measurements, m -> m.run().kind() == Kind.LOAD_COLD || m.run().kind() == Kind.LOAD_CACHED,
        m -> List.of(m.run().kind() == Kind.LOAD_COLD ? "cold" : "cached", ms(m.meanMs()), ms(m.p50Ms()),
            mb(m.rssHwmMb()), gpu(m)));
    table(md, "Generator latency per face (ms)",
        List.of("backend", "device", "precision", "model", "mean", "p50", "p99", "peak RSS MB", "GPU MB"),
        measurements, m -> m.run().kind() == Kind.GENERATOR,
        m -> List.of(ms(m.meanMs()), ms(m.p50Ms()), ms(m.p99Ms()), mb(m.rssHwmMb()), gpu(m)));
    table(md, "End-to-end restore() latency (ms; detection, alignment, generator per face, paste-back)",
        List.of("backend", "device", "precision", "model", "photo", "faces", "mean", "p50", "p99", "peak RSS MB", "GPU MB"),
        measurements, m -> m.run().kind() == Kind.RESTORE,
        m -> List.of(m.run().photoSize() + " px", Integer.toString(BenchPhotos.faces(m.run().photoSize())),
            ms(m.meanMs()), ms(m.p50Ms()), ms(m.p99Ms()), mb(m.rssHwmMb()), gpu(m)));
    table(md, "Throughput (photos per second, one shared restorer, 512 px portrait)",
        List.of("backend", "device", "precision", "model", "callers", "photos/s", "peak RSS MB", "GPU MB"),
        measurements, m -> m.run().kind() == Kind.THROUGHPUT,
        m -> List.of(Integer.toString(m.run().callers()), rate(m.photosPerSecond()), mb(m.rssHwmMb()), gpu(m)));
    fp16(md, measurements);
    rounds(md, series);
    skipped(md, measurements);

    md.append("### Recommendation\n\n```\n");
    for (String line : recommendation) {
      md.append(line).append('\n');
    }
    md.append("```\n");
    return md.toString();
  }

  private interface Filter {
    boolean test(Measurement m);
  }

  private interface Cells {
    List<String> of(Measurement m);
  }

  private static void table(StringBuilder md, String heading, List<String> header, List<Measurement> all,
      Filter filter, Cells cells) {
    List<Measurement> rows = new ArrayList<>();
    for (Measurement m : all) {
      if (m.measured() && filter.test(m)) {
        rows.add(m);
      }
    }
    md.append("### ").append(heading).append("\n\n");
    if (rows.isEmpty()) {
      md.append("(nothing measured)\n\n");
      return;
    }
    md.append("| ").append(String.join(" | ", header)).append(" |\n|");
    for (int i = 0; i < header.size(); i++) {
      md.append(i < 4 ? "---|" : "---:|");
    }
    md.append('\n');
    for (Measurement m : rows) {
      BenchConfig c = m.run().config();
      List<String> row = new ArrayList<>(List.of(c.backend(), c.device().toString(), c.precision().name(),
          Integer.toString(c.modelSize())));
      row.addAll(cells.of(m));
      md.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
    md.append('\n');
  }

  /** FP16 against FP32 for the same backend, device and model: the reference's "35%, 1.8x". */
  private static void fp16(StringBuilder md, List<Measurement> all) {
    List<String> rows = new ArrayList<>();
    for (Measurement half : all) {
      if (!half.measured() || half.run().kind() != Kind.GENERATOR || half.run().config().precision() != Precision.FP16) {
        continue;
      }
      BenchConfig c = half.run().config();
      for (Measurement full : all) {
        BenchConfig f = full.run().config();
        if (full.measured() && full.run().kind() == Kind.GENERATOR && f.precision() == Precision.FP32
            && f.backend().equals(c.backend()) && f.device().equals(c.device()) && f.modelSize() == c.modelSize()) {
          Double memHalf = half.budgetMemoryMb();
          Double memFull = full.budgetMemoryMb();
          String memory = memHalf == null || memFull == null ? "-"
              : String.format(Locale.ROOT, "%+.0f%%", 100 * (memHalf - memFull) / memFull);
          rows.add(String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %.1f | %.2fx | %s |", c.backend(), c.device(),
              c.modelSize(), full.meanMs(), half.meanMs(), full.meanMs() / half.meanMs(), memory));
        }
      }
    }
    md.append("### FP16 against FP32 (generator per face)\n\n");
    if (rows.isEmpty()) {
      md.append("(no configuration measured in both precisions)\n\n");
      return;
    }
    md.append("| backend | device | model | FP32 ms | FP16 ms | speed-up | memory change |\n"
        + "|---|---|---|---:|---:|---:|---:|\n");
    for (String r : rows) {
      md.append(r).append('\n');
    }
    md.append('\n');
  }

  /**
   * Every measured fork of every configuration, in rounds: the values, their median and spread,
   * the load average before and after each fork (a star marks a fork run while it exceeded the
   * processors) and the GPU memory of each GPU fork.
   */
  private static void rounds(StringBuilder md, List<RoundSeries> all) {
    List<RoundSeries> rows = all.stream().filter(RoundSeries::hasNumbers).toList();
    md.append("### Rounds (each fork: value, load average before -> after; * = load above the processors, "
        + "not counted when enough quiet forks exist)\n\n");
    if (rows.isEmpty()) {
      md.append("(nothing measured)\n\n");
      return;
    }
    md.append("| run | forks | median | spread | forks (value @ load) |\n|---|---:|---:|---:|---|\n");
    for (RoundSeries s : rows) {
      BenchConfig c = s.run().config();
      boolean rate = s.run().kind() == Kind.THROUGHPUT;
      StringBuilder forks = new StringBuilder();
      for (ForkResult f : s.measured()) {
        if (forks.length() > 0) {
          forks.append("; ");
        }
        forks.append(String.format(Locale.ROOT, rate ? "%.2f" : "%.1f", f.value()))
            .append(String.format(Locale.ROOT, " @ %.1f->%.1f", f.loadBefore(), f.loadAfter()))
            .append(f.busy() ? "*" : "");
        if (f.measurement().gpuPeakMb() != null && c.device().isGpu()) {
          forks.append(String.format(Locale.ROOT, " (%.0f MB GPU)", f.measurement().gpuPeakMb()));
        }
      }
      String what = s.run().kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + c.label()
          + (s.run().photoSize() > 0 ? " photo " + s.run().photoSize() : "")
          + (rate ? " x" + s.run().callers() : "") + (s.busy() ? " (busy)" : "");
      md.append(String.format(Locale.ROOT, rate ? "| %s | %d | %.2f/s | %.2f | %s |%n" : "| %s | %d | %.1f ms | %.1f | %s |%n",
          what, s.measured().size(), s.median(), s.spread(), forks));
    }
    md.append('\n');
  }

  /** One row per reason: the configurations and benchmarks it stopped. */
  private static void skipped(StringBuilder md, List<Measurement> all) {
    Map<String, Set<String>> configs = new LinkedHashMap<>();
    Map<String, Set<String>> benchmarks = new LinkedHashMap<>();
    for (Measurement m : all) {
      if (!m.measured()) {
        PlannedRun r = m.run();
        String why = m.status().name().toLowerCase(Locale.ROOT) + ": " + escape(Objects.requireNonNull(m.reason()));
        configs.computeIfAbsent(why, k -> new LinkedHashSet<>()).add(
            r.config().backend() + " " + r.config().device() + " " + r.config().precision());
        benchmarks.computeIfAbsent(why, k -> new LinkedHashSet<>()).add(
            r.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + r.config().modelSize());
      }
    }
    md.append("### Not measured\n\n");
    if (configs.isEmpty()) {
      md.append("(everything ran)\n\n");
      return;
    }
    md.append("| configurations | benchmarks (model size) | why |\n|---|---|---|\n");
    for (Map.Entry<String, Set<String>> e : configs.entrySet()) {
      md.append("| ").append(String.join(", ", e.getValue())).append(" | ")
          .append(String.join(", ", benchmarks.get(e.getKey()))).append(" | ").append(e.getKey()).append(" |\n");
    }
    md.append('\n');
  }

  private static String escape(String s) {
    return s.replace("|", "\\|").replace('\n', ' ');
  }

  private static String ms(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.1f", v);
  }

  private static String mb(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.0f", v);
  }

  private static String rate(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String gpu(Measurement m) {
    if (m.gpuPeakMb() != null) {
      return mb(m.gpuPeakMb());
    }
    return m.run().config().device().isGpu() ? "n/a" : "-";
  }
}
