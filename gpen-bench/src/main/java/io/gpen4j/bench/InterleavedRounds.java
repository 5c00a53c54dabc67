package io.gpen4j.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Runs the report's configurations in interleaved rounds, each configuration once per round in a
 * fork of its own (A B C, A B C, ...), so that whatever else the machine does at one moment
 * falls on every configuration alike instead of deciding the ranking. The load average is
 * sampled around every fork; a fork run while it exceeded the processor count is marked busy.
 * After the rounds, a configuration is run again once per busy fork, when the machine is quiet
 * again, and the busy forks are then not counted; if it does not become quiet, a configuration
 * left with too few quiet forks stays marked busy and the comparisons that involve it are
 * reported as inconclusive.
 *
 * <p>The rounds run the runs whose numbers are compared ({@link #compared}), in plan order; the
 * other runs (loads, other photos, throughput) follow once. A run that was skipped or failed is
 * not repeated. Not thread-safe.
 */
final class InterleavedRounds {
  /** Runs one planned run in a fork of its own. */
  @FunctionalInterface
  interface Fork {
    /**
     * Runs one fork.
     *
     * @param run the run
     * @param round the round, for naming its log
     * @return its outcome
     */
    Measurement run(PlannedRun run, int round);
  }

  /** Waits for the machine to become quiet. */
  @FunctionalInterface
  interface Quiet {
    /** @return true once the load is at most the processor count, false if it did not get there in time */
    boolean await();
  }

  /** Hears about every fork as it ends, for the progress lines. */
  @FunctionalInterface
  interface Listener {
    /**
     * Called after each fork.
     *
     * @param run the run
     * @param fork its outcome and loads
     */
    void forked(PlannedRun run, ForkResult fork);
  }

  private final Fork fork;
  private final DoubleSupplier load;
  private final Quiet quiet;
  private final int processors;
  private final Listener listener;

  /**
   * @param fork runs a fork
   * @param load reads the one-minute load average
   * @param quiet waits for a quiet machine before re-runs
   * @param processors the processor count the load is compared with
   * @param listener hears about every fork
   */
  InterleavedRounds(Fork fork, DoubleSupplier load, Quiet quiet, int processors, Listener listener) {
    this.fork = Objects.requireNonNull(fork, "fork");
    this.load = Objects.requireNonNull(load, "load");
    this.quiet = Objects.requireNonNull(quiet, "quiet");
    this.listener = Objects.requireNonNull(listener, "listener");
    if (processors < 1) {
      throw new IllegalArgumentException("processors must be at least 1: " + processors);
    }
    this.processors = processors;
  }

  /** Whether a run's numbers are compared across configurations, so it gets every round. */
  static boolean compared(PlannedRun run) {
    return run.kind() == PlannedRun.Kind.GENERATOR
        || (run.kind() == PlannedRun.Kind.RESTORE && run.photoSize() == Recommendation.PORTRAIT);
  }

  /**
   * Runs the plan.
   *
   * @param plan every run, in the order of the first round
   * @param rounds rounds for the compared runs, at least 1
   * @return one series per run, in plan order
   */
  List<RoundSeries> run(List<PlannedRun> plan, int rounds) {
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be at least 1: " + rounds);
    }
    Map<PlannedRun, RoundSeries> series = new LinkedHashMap<>();
    for (PlannedRun r : plan) {
      series.put(r, new RoundSeries(r, List.of()));
    }
    for (int round = 1; round <= rounds; round++) {
      for (PlannedRun r : plan) {
        RoundSeries s = series.get(r);
        if (compared(r) && (round == 1 || s.hasNumbers())) {
          series.put(r, s.with(forkOnce(r, round)));
        }
      }
    }
    for (PlannedRun r : plan) {
      if (!compared(r)) {
        series.put(r, series.get(r).with(forkOnce(r, 1)));
      }
    }
    int round = rounds;
    // Re-runs: as many extra rounds as the most busy forks any configuration has, while quiet.
    while (true) {
      List<PlannedRun> again = new ArrayList<>();
      for (RoundSeries s : series.values()) {
        long busyForks = s.measured().stream().filter(ForkResult::busy).count();
        long reruns = s.forks().size() - rounds(s.run(), rounds);
        if (reruns < busyForks) {
          again.add(s.run());
        }
      }
      if (again.isEmpty() || !quiet.await()) {
        break;
      }
      round++;
      for (PlannedRun r : again) {
        series.put(r, series.get(r).with(forkOnce(r, round)));
      }
    }
    return List.copyOf(series.values());
  }

  private static int rounds(PlannedRun run, int rounds) {
    return compared(run) ? rounds : 1;
  }

  private ForkResult forkOnce(PlannedRun r, int round) {
    double before = load.getAsDouble();
    Measurement m = fork.run(r, round);
    double after = load.getAsDouble();
    ForkResult f = ForkResult.of(round, m, before, after, processors);
    listener.forked(r, f);
    return f;
  }
}
