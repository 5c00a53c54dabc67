package io.gpen4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SessionSettingsTest {
  private static final int CORES = Runtime.getRuntime().availableProcessors();

  @Test
  void theDefaultResolvesToTheAvailableCores() {
    assertEquals(0, SessionSettings.DEFAULTS.intraOpThreads());
    assertEquals(CORES, SessionSettings.DEFAULTS.resolvedIntraOpThreads());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 64})
  void anExplicitValueIsKept(int threads) {
    SessionSettings s = SessionSettings.builder().intraOpThreads(threads).concurrency(4).build();
    assertEquals(threads, s.intraOpThreads());
    assertEquals(threads, s.resolvedIntraOpThreads());
    assertEquals(threads, s.toBuilder().build().resolvedIntraOpThreads());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 8})
  void theDefaultSharesTheCoresBetweenConcurrentRuns(int runs) {
    SessionSettings s = SessionSettings.builder().concurrency(runs).build();
    assertEquals(Math.max(1, CORES / runs), s.resolvedIntraOpThreads());
  }

  @Test
  void rejectsNegativeThreads() {
    assertThrows(IllegalArgumentException.class, () -> SessionSettings.builder().intraOpThreads(-1));
  }
}
