package io.gpen4j.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The encoder choices of {@link VideoOptions}: validated, kept by toBuilder, off by default. */
final class VideoOptionsEncoderTest {
  @Test
  void defaults_leaveTheEncoderToTheContainerAndTheRateToQuality() {
    assertEquals(Optional.empty(), VideoOptions.DEFAULTS.videoCodec());
    assertEquals(OptionalLong.empty(), VideoOptions.DEFAULTS.videoBitrate());
  }

  @Test
  void videoCodecAndBitrate_areKeptByToBuilder() {
    VideoOptions o = VideoOptions.builder().videoCodec(" libaom-av1 ").videoBitrate(2_500_000).build();
    VideoOptions copy = o.toBuilder().build();
    assertEquals(Optional.of("libaom-av1"), copy.videoCodec());
    assertEquals(OptionalLong.of(2_500_000), copy.videoBitrate());
  }

  @Test
  void badValues_failNamingTheOption() {
    IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
        () -> VideoOptions.builder().videoCodec("  "));
    assertTrue(blank.getMessage().contains("videoCodec"), blank.getMessage());
    IllegalArgumentException low = assertThrows(IllegalArgumentException.class,
        () -> VideoOptions.builder().videoBitrate(9_999));
    assertTrue(low.getMessage().contains("videoBitrate"), low.getMessage());
    assertThrows(IllegalArgumentException.class, () -> VideoOptions.builder().videoBitrate(1L << 31));
  }
}
