package io.gpen4j.video.internal.codec;

import java.util.Optional;

/**
 * Which video encoder writes the output and what drives its rate: a quality in (0, 1] that {@link
 * RateControl} turns into each encoder's own control, or a bit rate that overrides it.
 *
 * @param videoEncoder an FFmpeg encoder name ({@code libvpx-vp9}); null for the container's default
 * @param quality in (0, 1]; used when {@code bitrate} is 0
 * @param bitrate bits per second; 0 to let {@code quality} decide
 */
public record EncoderSettings(String videoEncoder, double quality, long bitrate) {
  /**
   * Validates the settings.
   *
   * @throws IllegalArgumentException if the quality is outside (0, 1] or the bit rate negative
   */
  public EncoderSettings {
    if (!(quality > 0 && quality <= 1)) {
      throw new IllegalArgumentException("quality must be in (0, 1]: " + quality);
    }
    if (bitrate < 0) {
      throw new IllegalArgumentException("bitrate must not be negative: " + bitrate);
    }
  }

  /**
   * Returns the settings of a quality alone, with the container's default encoder.
   *
   * @param quality in (0, 1]
   * @return the settings
   */
  public static EncoderSettings ofQuality(double quality) {
    return new EncoderSettings(null, quality, 0);
  }

  /** Returns the chosen encoder. @return the name; empty for the container's default */
  public Optional<String> encoder() {
    return Optional.ofNullable(videoEncoder);
  }
}
