package io.gpen4j.spi;

/**
 * Splits the machine's cores between callers that run models at the same time, so that callers x
 * intra-op threads stays within the cores: each caller gets {@code max(1, cores / callers)}.
 *
 * <p>Why: ONNX Runtime and libtorch left to themselves size their pools from the physical cores,
 * which on small virtual machines is one (gpen-onnx README, "Threads"); and several callers that
 * each take every core slow each other down.
 *
 * @param cores the cores to share, at least 1
 * @param callers the callers running at once, at least 1
 * @deprecated use {@link io.gpen4j.Threads}, the one value for threads, given to
 *     {@link io.gpen4j.FaceRestorer.Builder#threads(io.gpen4j.Threads)}
 */
@Deprecated
public record ThreadBudget(int cores, int callers) {
  /**
   * Validates the budget.
   *
   * @throws IllegalArgumentException if a count is below 1
   */
  public ThreadBudget {
    if (cores < 1 || callers < 1) {
      throw new IllegalArgumentException(
          "cores and callers must be at least 1: " + cores + " cores, " + callers + " callers");
    }
  }

  /**
   * Shares this machine's cores: {@link Runtime#availableProcessors()}, which honours a container's
   * CPU limit (cgroup quota) and the process's CPU affinity.
   *
   * @param callers the callers running at once, at least 1
   * @return the budget
   * @throws IllegalArgumentException if callers is below 1
   */
  public static ThreadBudget forCallers(int callers) {
    return new ThreadBudget(availableCores(), callers);
  }

  /** Returns the cores this JVM may use. @return at least 1 */
  public static int availableCores() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  /** Returns the intra-op threads each caller may use. @return at least 1 */
  public int threadsPerCaller() {
    return Math.max(1, cores / callers);
  }
}
