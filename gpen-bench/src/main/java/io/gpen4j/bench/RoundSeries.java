package io.gpen4j.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Every fork of one configuration in the report, and what they add up to: the median over its
 * quiet forks (all forks when fewer than {@value #MIN_QUIET} were quiet, and then the series is
 * {@link #busy()}), and the spread, the range of those values.
 *
 * @param run the configuration and benchmark
 * @param forks its forks in the order they ran
 */
record RoundSeries(PlannedRun run, List<ForkResult> forks) {
  /** Quiet forks a series needs for its numbers to count as measured on a quiet machine. */
  static final int MIN_QUIET = 2;

  RoundSeries {
    Objects.requireNonNull(run, "run");
    forks = List.copyOf(forks);
  }

  /** The measured forks, quiet or not. */
  List<ForkResult> measured() {
    return forks.stream().filter(f -> f.measurement().measured() && f.value() != null).toList();
  }

  /** Whether any fork produced numbers. */
  boolean hasNumbers() {
    return !measured().isEmpty();
  }

  /** Whether fewer than {@value #MIN_QUIET} measured forks (or all there are, if fewer) ran on a quiet machine. */
  boolean busy() {
    List<ForkResult> m = measured();
    long quiet = m.stream().filter(f -> !f.busy()).count();
    return !m.isEmpty() && quiet < Math.min(MIN_QUIET, m.size());
  }

  /** The forks the numbers come from: the quiet ones, unless the series is busy. */
  List<ForkResult> counted() {
    List<ForkResult> m = measured();
    return busy() ? m : m.stream().filter(f -> !f.busy()).toList();
  }

  private double[] values() {
    return counted().stream().mapToDouble(ForkResult::value).sorted().toArray();
  }

  /** The median of the counted values (NaN if none). */
  double median() {
    double[] v = values();
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /** The smallest counted value (NaN if none). */
  double min() {
    double[] v = values();
    return v.length == 0 ? Double.NaN : v[0];
  }

  /** The largest counted value (NaN if none). */
  double max() {
    double[] v = values();
    return v.length == 0 ? Double.NaN : v[v.length - 1];
  }

  /** The range of the counted values, max - min (0 for one value). */
  double spread() {
    return max() - min();
  }

  /** The highest load average sampled around any of its forks (NaN if none was read). */
  double peakLoad() {
    return forks.stream().flatMapToDouble(f -> java.util.stream.DoubleStream.of(f.loadBefore(), f.loadAfter()))
        .filter(d -> !Double.isNaN(d)).max().orElse(Double.NaN);
  }

  /**
   * One measurement that stands for the series in the report's tables: the counted fork closest to
   * the median for latency and rates, with the largest memory of any fork (the budget is a peak);
   * the first fork's outcome when none measured.
   */
  Measurement summary() {
    List<ForkResult> c = counted();
    if (c.isEmpty()) {
      return forks.get(0).measurement();
    }
    double median = median();
    Measurement m = c.stream().min(Comparator.comparingDouble(f -> Math.abs(f.value() - median)))
        .orElseThrow().measurement();
    Double rss = maxOf(c, x -> x.rssPeakMb());
    Double hwm = maxOf(c, x -> x.rssHwmMb());
    Double gpu = maxOf(c, x -> x.gpuPeakMb());
    boolean rate = m.photosPerSecond() != null;
    return new Measurement(m.run(), m.status(), m.reason(), rate ? m.meanMs() : median, m.p50Ms(), m.p99Ms(),
        rate ? median : null, rss, hwm, gpu, m.gpuNote());
  }

  private static Double maxOf(List<ForkResult> forks, java.util.function.Function<Measurement, Double> f) {
    Double best = null;
    for (ForkResult r : forks) {
      Double v = f.apply(r.measurement());
      if (v != null && (best == null || v > best)) {
        best = v;
      }
    }
    return best;
  }

  /** Appends a fork. @return a new series with it */
  RoundSeries with(ForkResult fork) {
    List<ForkResult> all = new ArrayList<>(forks);
    all.add(fork);
    return new RoundSeries(run, all);
  }
}
