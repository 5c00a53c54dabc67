package io.gpen4j.internal.pipeline;

import io.gpen4j.internal.image.FloatImage;
import io.gpen4j.spi.Tensor;

/**
 * GPEN's pre- and post-processing (REFERENCE.md §1): RGB in [0, 255] to NCHW in [-1, 1] with
 * {@code (x / 255 - 0.5) / 0.5}, and back with a clip to [-1, 1] and {@code (y + 1) / 2 * 255}.
 * Rounding to 8 bits is left to the paste stage so no precision is lost twice.
 */
final class GpenNormalization {
  private GpenNormalization() {}

  /**
   * Builds the generator's input tensor from an aligned crop.
   *
   * @param crop a square 3-channel planar crop in [0, 255]
   * @return a {@code [1, 3, S, S]} tensor in [-1, 1]
   */
  static Tensor toInput(FloatImage crop) {
    if (crop.channels() != 3 || crop.width() != crop.height()) {
      throw new IllegalArgumentException(
          "expected a square 3-channel crop, got " + crop.width() + "x" + crop.height() + "x" + crop.channels());
    }
    float[] src = crop.data();
    float[] dst = new float[src.length];
    for (int i = 0; i < src.length; i++) {
      dst[i] = src[i] * (2f / 255f) - 1f;
    }
    return Tensor.wrap(dst, 1, 3, crop.height(), crop.width());
  }

  /**
   * Turns the generator's output back into a crop.
   *
   * @param output a {@code [1, 3, S, S]} tensor
   * @param size the crop side S
   * @return a 3-channel planar crop in [0, 255], or null if the output holds NaN or infinity
   */
  static FloatImage fromOutput(Tensor output, int size) {
    float[] src = output.toArray();
    for (int i = 0; i < src.length; i++) {
      float y = src[i];
      if (!Float.isFinite(y)) {
        return null;
      }
      y = y < -1f ? -1f : (y > 1f ? 1f : y);
      src[i] = (y + 1f) * 127.5f;
    }
    return FloatImage.wrap(size, size, 3, src);
  }
}
