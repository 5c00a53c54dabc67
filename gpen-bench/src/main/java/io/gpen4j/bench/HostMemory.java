package io.gpen4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.OptionalLong;

/**
 * This process's resident memory, from {@code /proc/self/status} (Linux): the current resident
 * set ({@code VmRSS}) and its high-water mark since the process started ({@code VmHWM}, which
 * cannot be reset, hence a JMH fork per configuration). Empty where the file does not exist.
 */
final class HostMemory {
  private static final Path STATUS = Paths.get("/proc/self/status");

  private HostMemory() {}

  /** Returns the resident set in bytes, if known. */
  static OptionalLong residentBytes() {
    return field("VmRSS:");
  }

  /** Returns the peak resident set of this process in bytes, if known. */
  static OptionalLong peakResidentBytes() {
    return field("VmHWM:");
  }

  private static OptionalLong field(String name) {
    List<String> lines;
    try {
      lines = Files.readAllLines(STATUS, StandardCharsets.US_ASCII);
    } catch (IOException | SecurityException e) {
      return OptionalLong.empty();
    }
    return parse(lines, name);
  }

  /** Parses {@code "VmRSS:    123456 kB"} into bytes. */
  static OptionalLong parse(List<String> statusLines, String name) {
    for (String line : statusLines) {
      if (line.startsWith(name)) {
        String[] parts = line.substring(name.length()).trim().split("\\s+");
        try {
          long value = Long.parseLong(parts[0]);
          long unit = parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? 1024 : 1;
          return OptionalLong.of(value * unit);
        } catch (NumberFormatException e) {
          return OptionalLong.empty();
        }
      }
    }
    return OptionalLong.empty();
  }
}
