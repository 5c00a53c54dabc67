package io.gpen4j.examples.cli;

import java.time.Duration;
import java.util.Locale;

/** Formats durations for people: {@code 0.42 s}, {@code 12.3 s}, {@code 4:05}, {@code 1:02:03}. */
final class Durations {
  private Durations() {}

  static String format(Duration d) {
    long millis = d.toMillis();
    if (millis < 10_000) {
      return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    return clock(d);
  }

  /** Returns {@code m:ss} or {@code h:mm:ss}, for a progress bar's elapsed time and ETA. */
  static String clock(Duration d) {
    long s = Math.max(0, d.getSeconds());
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
