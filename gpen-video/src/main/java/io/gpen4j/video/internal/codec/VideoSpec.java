package io.gpen4j.video.internal.codec;

import java.util.Objects;

/**
 * What a {@link VideoWriter} writes.
 *
 * @param width frame width in pixels
 * @param height frame height in pixels
 * @param frameRate the average frame rate (for the bit budget and the keyframe interval)
 * @param ticksPerSecond the grid timestamps are written on: the frame rate when every timestamp
 *     sits on it, else the input's own time base; never coarser than the timestamps it must hold
 * @param pixelAspectRatio width over height of one pixel
 * @param encoder the video encoder and what drives its rate
 * @param audioChannels 0 for no audio
 * @param sampleRate the input's audio sample rate
 * @param audioBitrate the input's audio bit rate, 0 when unknown
 */
public record VideoSpec(
    int width,
    int height,
    double frameRate,
    double ticksPerSecond,
    double pixelAspectRatio,
    EncoderSettings encoder,
    int audioChannels,
    int sampleRate,
    int audioBitrate) {
  /**
   * Validates the spec.
   *
   * @throws IllegalArgumentException if a size or rate is not positive
   * @throws NullPointerException if {@code encoder} is null
   */
  public VideoSpec {
    if (width <= 0 || height <= 0 || !(frameRate > 0) || !(ticksPerSecond > 0) || !(pixelAspectRatio > 0)) {
      throw new IllegalArgumentException("invalid video " + width + "x" + height + " at " + frameRate + " fps");
    }
    Objects.requireNonNull(encoder, "encoder");
  }
}
