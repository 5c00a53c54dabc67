package io.gpen4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a check on several threads at once, for tests that a session keeps concurrent callers'
 * results apart. The threads wait on one latch so their runs overlap rather than queue.
 */
public final class ConcurrentRuns {
  private static final long TIMEOUT_SECONDS = 120;

  /** One run of the check; throws (an {@link AssertionError} or any exception) when it fails. */
  @FunctionalInterface
  public interface Run {
    /**
     * Runs once.
     *
     * @param thread the thread's index, from 0
     * @param run the run's index on that thread, from 0
     * @throws Exception if the run fails
     */
    void run(int thread, int run) throws Exception;
  }

  private ConcurrentRuns() {}

  /**
   * Returns a seed distinct for every thread and run (for up to 1,000 runs a thread).
   *
   * @param thread the thread's index
   * @param run the run's index
   * @return the seed
   */
  public static long seed(int thread, int run) {
    return thread * 1000L + run;
  }

  /**
   * Starts {@code threads} threads together, each doing {@code runs} runs in turn, and fails with
   * the first failure, or when the runs take more than two minutes.
   *
   * @param threads how many threads
   * @param runs how many runs each
   * @param check the run
   * @throws InterruptedException if interrupted while waiting
   */
  public static void runTogether(int threads, int runs, Run check) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          start.await();
          for (int r = 0; r < runs; r++) {
            check.run(thread, r);
          }
          return runs;
        }));
      }
      start.countDown();
      int done = 0;
      for (Future<Integer> f : results) {
        try {
          done += f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
          throw new AssertionError("a concurrent run failed", e);
        }
      }
      assertEquals(threads * runs, done);
    } finally {
      pool.shutdownNow();
    }
  }
}
