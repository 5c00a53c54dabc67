package io.gpen4j;

/**
 * A source of nanosecond time for stage timings, replaceable in tests (as Caffeine's Ticker is).
 */
@FunctionalInterface
public interface Ticker {
  /**
   * Returns the current time in nanoseconds from an arbitrary origin.
   *
   * @return the time
   */
  long read();

  /**
   * Returns the ticker backed by {@link System#nanoTime()}.
   *
   * @return the system ticker
   */
  static Ticker system() {
    return System::nanoTime;
  }
}
