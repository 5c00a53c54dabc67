package io.gpen4j.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the soak tests measure about their own process: resident memory, Java heap after a full
 * collection, native threads and open file descriptors. RSS, threads and descriptors come from
 * Linux's {@code /proc/self}; {@link #available()} says whether it is there.
 */
public final class ProcessStats {
  private static final Path STATUS = Paths.get("/proc/self/status");
  private static final Path FDS = Paths.get("/proc/self/fd");

  private ProcessStats() {}

  /** Returns whether {@code /proc/self} can be read (Linux). @return true on Linux */
  public static boolean available() {
    return Files.isReadable(STATUS) && Files.isDirectory(FDS);
  }

  /** Returns the resident set size. @return bytes */
  public static long rssBytes() {
    return statusField("VmRSS:") * 1024;
  }

  /** Returns the threads of the process, Java and native (ONNX Runtime's pools among them). @return the count */
  public static long threads() {
    return statusField("Threads:");
  }

  /** Returns the open file descriptors. @return the count */
  public static long openFileDescriptors() {
    try (Stream<Path> fds = Files.list(FDS)) {
      // Listing the folder opens one descriptor of its own.
      return fds.count() - 1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns the memory the Java heap has committed, which the resident set includes and which the
   * collector grows and shrinks on its own; subtracting it from {@link #rssBytes()} leaves the
   * native memory (runtimes, metaspace, code, thread stacks) whose growth would be a leak.
   *
   * @return bytes
   */
  public static long heapCommitted() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
  }

  /** Returns the live Java threads. @return the count */
  public static int javaThreads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }

  /**
   * Runs the garbage collector until the used heap stops falling, then returns it.
   *
   * @return the used heap in bytes
   */
  public static long heapAfterGc() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      if (now >= used) {
        return now;
      }
      used = now;
    }
    return used;
  }

  /**
   * Fits a least-squares line through samples.
   *
   * @param x the x values (such as restores done)
   * @param y the y values (such as bytes)
   * @return the slope, in y units per x unit
   */
  public static double slope(List<? extends Number> x, List<? extends Number> y) {
    int n = x.size();
    if (n != y.size() || n < 2) {
      throw new IllegalArgumentException("need two or more (x, y) pairs: " + n + " x, " + y.size() + " y");
    }
    double mx = x.stream().mapToDouble(Number::doubleValue).average().orElseThrow();
    double my = y.stream().mapToDouble(Number::doubleValue).average().orElseThrow();
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      double dx = x.get(i).doubleValue() - mx;
      sxy += dx * (y.get(i).doubleValue() - my);
      sxx += dx * dx;
    }
    return sxy / sxx;
  }

  private static long statusField(String name) {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith(name)) {
          return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("no " + name + " in " + STATUS);
  }
}
