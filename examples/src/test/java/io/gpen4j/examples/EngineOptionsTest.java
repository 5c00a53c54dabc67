package io.gpen4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gpen4j.spi.SessionSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EngineOptionsTest {
  @ParameterizedTest
  @CsvSource({"1,2,2", "2,2,1", "4,2,1", "0,4,4", "2,16,8", "3,16,5"})
  void concurrentRestoresShareTheCores(int concurrentRuns, int cores, int threadsEach) {
    SessionSettings s = new EngineOptions().sessionSettings(concurrentRuns, cores);
    assertEquals(threadsEach, s.intraOpThreads());
    assertEquals(Math.max(1, concurrentRuns), s.concurrency());
  }
}
