package io.gpen4j.video.internal.codec;

/**
 * What a {@link VideoWriter} writes.
 *
 * @param width frame width in pixels
 * @param height frame height in pixels
 * @param frameRate the average frame rate
 * @param variableFrameRate whether frames keep uneven timestamps (written on a millisecond grid)
 * @param pixelAspectRatio width over height of one pixel
 * @param quality the quality in (0, 1]
 * @param audioChannels 0 for no audio
 * @param sampleRate the input's audio sample rate
 * @param audioBitrate the input's audio bit rate, 0 when unknown
 */
public record VideoSpec(
    int width,
    int height,
    double frameRate,
    boolean variableFrameRate,
    double pixelAspectRatio,
    double quality,
    int audioChannels,
    int sampleRate,
    int audioBitrate) {
  /**
   * Validates the spec.
   *
   * @throws IllegalArgumentException if a size or rate is not positive
   */
  public VideoSpec {
    if (width <= 0 || height <= 0 || !(frameRate > 0) || !(pixelAspectRatio > 0)) {
      throw new IllegalArgumentException("invalid video " + width + "x" + height + " at " + frameRate + " fps");
    }
  }
}
