package io.gpen4j.video.internal.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

final class LiveWindowTest {
  @Test
  void percentiles_oneToHundredMillis_areTheNearestRanks() {
    LiveWindow w = new LiveWindow(100);
    for (int ms = 100; ms >= 1; ms--) {
      w.restored(ms, Duration.ofMillis(ms).toNanos());
    }
    assertEquals(Duration.ofMillis(50), w.latencyPercentile(0.50));
    assertEquals(Duration.ofMillis(95), w.latencyPercentile(0.95));
    assertEquals(Duration.ofMillis(100), w.latencyPercentile(1.0));
    assertEquals(100, w.frames());
  }

  /** Against the nearest-rank definition computed from the last W latencies, over seeded streams. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void percentiles_afterTheRingWraps_coverTheLastFramesOnly(long seed) {
    Random random = new Random(seed);
    int window = 2 + random.nextInt(50);
    int total = window + random.nextInt(200);
    long[] latencies = LongStream.generate(() -> 1 + random.nextInt(1_000_000)).limit(total).toArray();
    LiveWindow w = new LiveWindow(window);
    for (int i = 0; i < total; i++) {
      w.restored(i, latencies[i]);
    }
    long[] last = Arrays.copyOfRange(latencies, total - window, total);
    Arrays.sort(last);
    for (double p : new double[] {0.5, 0.95}) {
      // Nearest rank: the smallest value with at least p of the values at or below it.
      long expected = Arrays.stream(last).filter(v -> Arrays.stream(last).filter(x -> x <= v).count() >= p * window)
          .min().orElseThrow();
      assertEquals(Duration.ofNanos(expected), w.latencyPercentile(p), "p" + p + " window " + window);
    }
  }

  @Test
  void rates_countFramesBetweenTheOldestAndNewestInTheWindow() {
    LiveWindow w = new LiveWindow(10);
    assertEquals(0, w.restoredPerSecond());
    assertEquals(Double.NaN, w.offerIntervalNanos());
    for (int i = 0; i < 30; i++) {
      w.offered(i * 40_000_000L);
      if (i % 2 == 0) {
        w.restored(i * 40_000_000L, 1);
      }
    }
    assertEquals(25.0, w.offeredPerSecond(), 1e-9);
    assertEquals(12.5, w.restoredPerSecond(), 1e-9);
    assertEquals(40_000_000, w.offerIntervalNanos(), 1e-3);
  }

  @Test
  void empty_hasZeroLatencyAndRejectsATinyWindow() {
    assertEquals(Duration.ZERO, new LiveWindow(2).latencyPercentile(0.5));
    assertThrows(IllegalArgumentException.class, () -> new LiveWindow(1));
  }
}
