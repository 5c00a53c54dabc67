package io.gpen4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The machine's one-minute load average ({@code /proc/loadavg}), sampled around every fork of the
 * report: a fork measured while it exceeded the processor count shared the CPU with something
 * else, so its time says little about the configuration.
 */
final class LoadAverage {
  private static final Path PROC = Paths.get("/proc/loadavg");

  private LoadAverage() {}

  /**
   * Reads the one-minute load average.
   *
   * @return the load, or NaN where the system does not publish it
   */
  static double oneMinute() {
    try {
      String text = Files.readString(PROC, StandardCharsets.US_ASCII).trim();
      return Double.parseDouble(text.substring(0, text.indexOf(' ')));
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }
}
