package io.gpen4j.testing;

/**
 * The reliability suite's long-run mode, switched on with {@code -Dgpen4j.longRun=true}: fuzz
 * tests run many more cases and the soak tests (thousands of restores in one JVM) run at all.
 * The normal build leaves it off, so {@code mvn verify} stays fast.
 */
public final class LongRun {
  /** The system property that turns long-run mode on. */
  public static final String PROPERTY = "gpen4j.longRun";

  private LongRun() {}

  /** Returns whether long-run mode is on. @return true when {@code -Dgpen4j.longRun=true} */
  public static boolean enabled() {
    return Boolean.getBoolean(PROPERTY);
  }

  /**
   * Picks a case count for the current mode.
   *
   * @param normal the count in the normal build
   * @param longRun the count in long-run mode
   * @return {@code longRun} when long-run mode is on, else {@code normal}; a system property
   *     {@code gpen4j.fuzzCases} overrides both
   */
  public static int cases(int normal, int longRun) {
    return Integer.getInteger("gpen4j.fuzzCases", enabled() ? longRun : normal);
  }
}
