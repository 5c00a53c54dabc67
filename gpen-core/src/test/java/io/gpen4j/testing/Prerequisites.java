package io.gpen4j.testing;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * Decides what a test does when something it needs (test data, a tool) is missing: it skips on a
 * developer's machine and fails when {@code CI=true}, so CI never goes green without running it.
 */
public final class Prerequisites {
  private Prerequisites() {}

  /**
   * Returns normally when the prerequisite is present; otherwise skips the test, or fails it
   * under {@code CI=true}.
   *
   * @param present whether the prerequisite is there
   * @param missing what is missing and how to provide it
   */
  public static void require(boolean present, String missing) {
    if (present) {
      return;
    }
    if (isCi()) {
      fail(missing + " (required when CI=true)");
    }
    Assumptions.abort(missing);
  }

  /** Returns whether the build runs under CI ({@code CI=true}). @return true under CI */
  public static boolean isCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }
}
