package io.gpen4j;

import io.gpen4j.spi.SessionSettings;

/**
 * How many threads a {@link FaceRestorer}'s models use: the runs expected at once and the
 * intra-op threads each gets. One value, resolved once when the restorer is built and written into
 * every stage's {@link SessionSettings} (a stage's own settings that set threads keep theirs).
 *
 * <p>Why set it: ONNX Runtime and libtorch left to themselves size their pools from the physical
 * cores, which on small virtual machines is one; and several runs that each take every core slow
 * each other down. {@link #sharedBy(int)} gives each of {@code n} concurrent runs
 * {@code max(1, cores / n)} threads (gpen-bench README, threads).
 *
 * @param concurrentRuns the model runs expected at once (restoring threads, video restore threads)
 * @param intraOpThreads the threads one run may use
 */
public record Threads(int concurrentRuns, int intraOpThreads) {
  /**
   * Validates the counts.
   *
   * @throws IllegalArgumentException if a count is below 1
   */
  public Threads {
    if (concurrentRuns < 1 || intraOpThreads < 1) {
      throw new IllegalArgumentException("concurrentRuns and intraOpThreads must be at least 1: "
          + concurrentRuns + " runs, " + intraOpThreads + " threads");
    }
  }

  /**
   * Shares this JVM's cores ({@link Runtime#availableProcessors()}, which honours a container's CPU
   * limit and the process's CPU affinity) between runs at once.
   *
   * @param concurrentRuns the runs expected at once, at least 1
   * @return each run gets {@code max(1, cores / concurrentRuns)} threads
   * @throws IllegalArgumentException if {@code concurrentRuns} is below 1
   */
  public static Threads sharedBy(int concurrentRuns) {
    return sharing(availableCores(), concurrentRuns);
  }

  /**
   * Shares a number of cores between runs at once.
   *
   * @param cores the cores to share, at least 1
   * @param concurrentRuns the runs expected at once, at least 1
   * @return each run gets {@code max(1, cores / concurrentRuns)} threads
   * @throws IllegalArgumentException if a count is below 1
   */
  public static Threads sharing(int cores, int concurrentRuns) {
    if (cores < 1 || concurrentRuns < 1) {
      throw new IllegalArgumentException(
          "cores and concurrentRuns must be at least 1: " + cores + " cores, " + concurrentRuns + " runs");
    }
    return new Threads(concurrentRuns, Math.max(1, cores / concurrentRuns));
  }

  /** Returns the cores this JVM may use. @return at least 1 */
  public static int availableCores() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Writes these counts into settings whose threads were left to the default.
   *
   * @param settings the settings
   * @return settings with {@code intraOpThreads} and {@code concurrency} set; {@code settings}
   *     itself when it sets its own intra-op threads
   */
  SessionSettings applyTo(SessionSettings settings) {
    if (settings.intraOpThreads() > 0) {
      return settings;
    }
    return settings.toBuilder().concurrency(concurrentRuns).intraOpThreads(intraOpThreads).build();
  }
}
