package io.gpen4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThreadBudgetTest {
  @ParameterizedTest
  @CsvSource({"2,1,2", "2,2,1", "2,3,1", "16,3,5", "16,4,4", "1,8,1", "8,1,8"})
  void splitsTheCoresBetweenCallers(int cores, int callers, int expected) {
    assertEquals(expected, new ThreadBudget(cores, callers).threadsPerCaller());
  }

  @RepeatedTest(20)
  void callersTimesThreadsNeverExceedTheCoresUnlessEachHasOne(RepetitionInfo info) {
    Random rnd = new Random(info.getCurrentRepetition());
    int cores = 1 + rnd.nextInt(128);
    int callers = 1 + rnd.nextInt(64);
    int threads = new ThreadBudget(cores, callers).threadsPerCaller();
    assertTrue(threads >= 1);
    assertTrue(callers * threads <= cores || threads == 1, cores + " cores, " + callers + " callers: " + threads);
    // No core is left idle that one more thread per caller would use.
    assertTrue(callers * (threads + 1) > cores, cores + " cores, " + callers + " callers: " + threads);
  }

  @Test
  void forCallersSharesThisMachinesCores() {
    int cores = Runtime.getRuntime().availableProcessors();
    assertEquals(cores, ThreadBudget.availableCores());
    assertEquals(cores, ThreadBudget.forCallers(1).threadsPerCaller());
    assertEquals(Math.max(1, cores / 2), ThreadBudget.forCallers(2).threadsPerCaller());
  }

  @Test
  void rejectsCountsBelowOne() {
    assertThrows(IllegalArgumentException.class, () -> new ThreadBudget(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new ThreadBudget(4, 0));
    assertThrows(IllegalArgumentException.class, () -> ThreadBudget.forCallers(0));
  }
}
