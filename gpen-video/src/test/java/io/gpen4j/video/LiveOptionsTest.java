package io.gpen4j.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

final class LiveOptionsTest {
  @Test
  void defaults_fixedQuality_windowOf120() {
    LiveOptions o = LiveOptions.DEFAULTS;
    assertFalse(o.adaptive());
    assertEquals(OptionalDouble.empty(), o.targetFramesPerSecond());
    assertEquals(Optional.empty(), o.targetLatency());
    assertEquals(8, o.maxDetectEvery());
    assertEquals(120, o.statsWindowFrames());
    assertEquals(LiveFrameListener.NONE, o.listener());
  }

  @Test
  void target_makesItAdaptive_andSurvivesToBuilder() {
    LiveOptions fps = LiveOptions.builder().targetFramesPerSecond(12.5).maxDetectEvery(4).build();
    assertTrue(fps.adaptive());
    assertEquals(12.5, fps.toBuilder().build().targetFramesPerSecond().orElseThrow());
    assertEquals(4, fps.toBuilder().build().maxDetectEvery());
    LiveOptions latency = LiveOptions.builder().targetLatency(Duration.ofMillis(150)).build();
    assertTrue(latency.adaptive());
    assertEquals(Duration.ofMillis(150), latency.targetLatency().orElseThrow());
  }

  @Test
  void badValues_areRefusedNamingTheOption() {
    refused("targetFramesPerSecond", () -> LiveOptions.builder().targetFramesPerSecond(0));
    refused("targetFramesPerSecond", () -> LiveOptions.builder().targetFramesPerSecond(Double.NaN));
    refused("targetLatency", () -> LiveOptions.builder().targetLatency(Duration.ZERO));
    refused("maxDetectEvery", () -> LiveOptions.builder().maxDetectEvery(0));
    refused("statsWindowFrames", () -> LiveOptions.builder().statsWindowFrames(1));
    refused("not both", () -> LiveOptions.builder().targetFramesPerSecond(10)
        .targetLatency(Duration.ofMillis(100)).build());
  }

  private static void refused(String words, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(words), e.getMessage());
  }
}
