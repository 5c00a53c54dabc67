package io.gpen4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.spi.SessionSettings;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class ThreadsTest {
  @ParameterizedTest
  @CsvSource({"2,1,2", "2,2,1", "2,3,1", "16,3,5", "16,4,4", "1,8,1", "8,1,8"})
  void sharing_splitsTheCoresBetweenRuns(int cores, int runs, int expected) {
    assertEquals(new Threads(runs, expected), Threads.sharing(cores, runs));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
  void sharing_runsTimesThreadsNeverExceedTheCoresUnlessEachHasOne(long seed) {
    Random rnd = new Random(seed);
    int cores = 1 + rnd.nextInt(128);
    int runs = 1 + rnd.nextInt(64);
    int threads = Threads.sharing(cores, runs).intraOpThreads();
    assertTrue(runs * threads <= cores || threads == 1, cores + " cores, " + runs + " runs: " + threads);
    // No core is left idle that one more thread per run would use.
    assertTrue(runs * (threads + 1) > cores, cores + " cores, " + runs + " runs: " + threads);
  }

  @Test
  void sharedBy_matchesWhatSessionSettingsResolveByDefault() {
    for (int runs = 1; runs <= 4; runs++) {
      SessionSettings s = SessionSettings.builder().concurrency(runs).build();
      assertEquals(s.resolvedIntraOpThreads(), Threads.sharedBy(runs).intraOpThreads());
    }
  }

  @Test
  void applyTo_setsDefaultThreadsAndKeepsExplicitOnes() {
    Threads t = new Threads(3, 2);
    SessionSettings applied = t.applyTo(SessionSettings.DEFAULTS);
    assertEquals(2, applied.intraOpThreads());
    assertEquals(3, applied.concurrency());
    SessionSettings own = SessionSettings.builder().intraOpThreads(5).build();
    assertSame(own, t.applyTo(own));
  }

  @Test
  void rejectsCountsBelowOne() {
    assertThrows(IllegalArgumentException.class, () -> new Threads(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new Threads(1, 0));
    assertThrows(IllegalArgumentException.class, () -> Threads.sharing(0, 1));
    assertThrows(IllegalArgumentException.class, () -> Threads.sharedBy(0));
  }
}
