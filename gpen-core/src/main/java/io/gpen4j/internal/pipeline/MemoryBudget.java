package io.gpen4j.internal.pipeline;

import io.gpen4j.ImageTooLargeException;
import io.gpen4j.RestorationException;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits restores while their estimated peak memory (see {@link MemoryEstimate}) fits a budget
 * shared by every call on one restorer.
 *
 * <p>Concurrency: a fair semaphore whose permits are KiB; a restore takes its estimate before its
 * pixels are decoded (from the header) and gives it back when it ends, so concurrent restores wait
 * in arrival order while others hold the memory. A restore whose estimate exceeds the whole budget
 * could never fit and fails at once with {@link ImageTooLargeException}. Waiting is interruptible.
 */
public final class MemoryBudget {
  private static final Logger LOG = LoggerFactory.getLogger(MemoryBudget.class);
  /** No limit: the budget of a pipeline built without one. */
  public static final MemoryBudget UNLIMITED = new MemoryBudget(Long.MAX_VALUE);
  /** How long a waiting restore goes before the wait is logged. */
  private static final long LOG_WAIT_SECONDS = 5;

  private final long bytes;
  private final Semaphore kib;

  /**
   * Creates a budget.
   *
   * @param bytes the memory that restores in flight may hold together
   * @throws IllegalArgumentException if not positive
   */
  public MemoryBudget(long bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("memoryBudget must be positive: " + bytes);
    }
    this.bytes = bytes;
    this.kib = new Semaphore((int) Math.min(Integer.MAX_VALUE, bytes >> 10), true);
  }

  /**
   * The default budget: 70% of the largest heap, and at most half the machine's memory (pixels
   * live on the heap; the models' native memory and other processes need the rest).
   *
   * @return the default budget in bytes
   */
  public static long defaultBytes() {
    long heap = Runtime.getRuntime().maxMemory();
    long budget = heap == Long.MAX_VALUE ? Long.MAX_VALUE : heap / 10 * 7;
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os && os.getTotalMemorySize() > 0) {
      budget = Math.min(budget, os.getTotalMemorySize() / 2);
    }
    return Math.max(budget, 64L << 20);
  }

  /** Returns the budget. @return bytes */
  public long bytes() {
    return bytes;
  }

  /** Returns what is free now. @return bytes */
  public long availableBytes() {
    return this == UNLIMITED ? Long.MAX_VALUE : (long) kib.availablePermits() << 10;
  }

  /**
   * Takes memory for one restore, waiting while others hold it.
   *
   * @param estimate the restore's estimated peak in bytes
   * @param what the restore, for messages (e.g. {@code "photo.jpg (9999x9999, upscale 1)"})
   * @return the grant; close it when the restore ends
   * @throws ImageTooLargeException if {@code estimate} exceeds the whole budget
   * @throws RestorationException if the thread is interrupted while waiting
   */
  public Grant acquire(long estimate, String what) {
    if (this == UNLIMITED) {
      return Grant.NONE;
    }
    if (estimate > bytes) {
      throw new ImageTooLargeException(String.format(Locale.ROOT,
          "Cannot restore %s: it needs about %s of memory, over the memory budget of %s "
              + "(memoryBudget; give the JVM more heap with -Xmx or lower the upscale)",
          what, megabytes(estimate), megabytes(bytes)));
    }
    int permits = (int) Math.min(Integer.MAX_VALUE, Math.max(1, (estimate + 1023) >> 10));
    if (!kib.hasQueuedThreads() && kib.tryAcquire(permits)) {
      // Free now and nobody waiting: no wait, and an interrupted thread is left to the pipeline's checks.
      return new Grant(kib, permits);
    }
    try {
      if (!kib.tryAcquire(permits, LOG_WAIT_SECONDS, TimeUnit.SECONDS)) {
        LOG.info("{} waits for {} of memory ({} of {} free)", what, megabytes(estimate),
            megabytes(availableBytes()), megabytes(bytes));
        kib.acquire(permits);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RestorationException("interrupted while " + what + " waited for memory", e);
    }
    return new Grant(kib, permits);
  }

  static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%,.0f MB", bytes / 1e6);
  }

  /** Memory held by one restore; closing gives it back, once. */
  public static final class Grant implements AutoCloseable {
    static final Grant NONE = new Grant(null, 0);
    private final Semaphore kib;
    private int permits;

    private Grant(Semaphore kib, int permits) {
      this.kib = kib;
      this.permits = permits;
    }

    /** Gives the memory back; idempotent. */
    @Override
    public synchronized void close() {
      if (kib != null && permits > 0) {
        kib.release(permits);
        permits = 0;
      }
    }
  }
}
