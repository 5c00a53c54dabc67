package io.gpen4j.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

final class VideoOptionsTest {
  @Test
  void defaults_areDocumented() {
    VideoOptions o = VideoOptions.DEFAULTS;
    assertEquals(8, o.maxFramesInFlight());
    assertEquals(1, o.restoreThreads());
    assertEquals(0.8, o.quality());
    assertTrue(o.keepAudio());
    assertEquals(Duration.ZERO, o.start());
    assertTrue(o.duration().isEmpty());
  }

  @Test
  void builder_rejectsBadValuesByName() {
    VideoOptions.Builder b = VideoOptions.builder();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> b.maxFramesInFlight(0)).getMessage()
        .contains("maxFramesInFlight"));
    assertThrows(IllegalArgumentException.class, () -> b.restoreThreads(0));
    assertThrows(IllegalArgumentException.class, () -> b.quality(0));
    assertThrows(IllegalArgumentException.class, () -> b.quality(1.5));
    assertThrows(IllegalArgumentException.class, () -> b.start(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> b.duration(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> b.framesPerSecond(Double.NaN));
  }

  @Test
  void toBuilder_keepsEverySetting() {
    VideoOptions o = VideoOptions.builder().maxFramesInFlight(3).quality(0.5).overwrite(true)
        .start(Duration.ofSeconds(2)).duration(Duration.ofSeconds(1)).keepAudio(false).build();
    VideoOptions copy = o.toBuilder().build();
    assertEquals(o.toString(), copy.toString());
  }

  @Test
  void progress_timeLeft_fromRateAndFramesLeft() {
    VideoProgress p = new VideoProgress(50, OptionalLong.of(150), 10, Duration.ofSeconds(5));
    assertEquals(Duration.ofSeconds(10), p.timeLeft().orElseThrow());
    assertTrue(new VideoProgress(50, OptionalLong.empty(), 10, Duration.ofSeconds(5)).timeLeft().isEmpty());
  }
}
