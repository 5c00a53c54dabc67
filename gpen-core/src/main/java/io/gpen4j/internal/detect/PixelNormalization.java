package io.gpen4j.internal.detect;

/**
 * How a detector model wants its pixels: the channel order of the input tensor and the affine
 * map {@code (value - mean[c]) * scale} applied to each 0-255 channel value.
 *
 * @param bgr whether the tensor's channels are blue, green, red (else red, green, blue)
 * @param mean0 the mean subtracted from the tensor's first channel
 * @param mean1 the mean subtracted from the tensor's second channel
 * @param mean2 the mean subtracted from the tensor's third channel
 * @param scale the factor applied after subtracting the mean
 */
record PixelNormalization(boolean bgr, float mean0, float mean1, float mean2, float scale) {
  /** YuNet: BGR, raw 0-255 values. */
  static final PixelNormalization YUNET = new PixelNormalization(true, 0f, 0f, 0f, 1f);

  /** SCRFD: RGB, {@code (x - 127.5) / 128} (InsightFace's {@code SCRFD.detect}). */
  static final PixelNormalization SCRFD =
      new PixelNormalization(false, 127.5f, 127.5f, 127.5f, 1f / 128f);

  /** RetinaFace (Pytorch_Retinaface): BGR minus the Caffe ImageNet means (104, 117, 123). */
  static final PixelNormalization RETINAFACE = new PixelNormalization(true, 104f, 117f, 123f, 1f);

  /**
   * Validates the map.
   *
   * @throws IllegalArgumentException if a value is not finite or the scale is not positive
   */
  PixelNormalization {
    if (!Float.isFinite(mean0) || !Float.isFinite(mean1) || !Float.isFinite(mean2)) {
      throw new IllegalArgumentException("means must be finite: " + mean0 + ", " + mean1 + ", " + mean2);
    }
    if (!(scale > 0) || !Float.isFinite(scale)) {
      throw new IllegalArgumentException("scale must be positive and finite: " + scale);
    }
  }

  /**
   * Returns the mean of one tensor channel.
   *
   * @param channel 0, 1 or 2, in the tensor's order
   * @return the mean
   */
  float mean(int channel) {
    switch (channel) {
      case 0:
        return mean0;
      case 1:
        return mean1;
      case 2:
        return mean2;
      default:
        throw new IllegalArgumentException("channel must be 0, 1 or 2: " + channel);
    }
  }
}
