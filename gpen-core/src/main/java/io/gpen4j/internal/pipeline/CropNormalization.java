package io.gpen4j.internal.pipeline;

import io.gpen4j.internal.image.FloatImage;
import io.gpen4j.models.Normalization;
import io.gpen4j.spi.Tensor;
import java.nio.FloatBuffer;

/**
 * A generator's pre- and post-processing from its {@link Normalization}, the one source of those
 * numbers for detectors and generators alike. For GPEN ({@link Normalization#RGB_MINUS_ONE_TO_ONE},
 * docs/REFERENCE.md §1): RGB in [0, 255] to NCHW in [-1, 1] with {@code (x - 127.5) / 127.5}, and back
 * with a clip to [-1, 1] and {@code y * 127.5 + 127.5}. Rounding to 8 bits is left to the paste
 * stage so no precision is lost twice.
 */
final class CropNormalization {
  private CropNormalization() {}

  /**
   * Builds the generator's input tensor from an aligned crop.
   *
   * @param crop a square 3-channel planar RGB crop in [0, 255]
   * @param n the model's normalisation
   * @return a {@code [1, 3, S, S]} tensor in the model's channel order and range
   */
  static Tensor toInput(FloatImage crop, Normalization n) {
    if (crop.channels() != 3 || crop.width() != crop.height()) {
      throw new IllegalArgumentException(
          "expected a square 3-channel crop, got " + crop.width() + "x" + crop.height() + "x" + crop.channels());
    }
    float[] src = crop.data();
    float[] dst = new float[src.length];
    int plane = crop.width() * crop.height();
    for (int c = 0; c < 3; c++) {
      int from = (n.bgr() ? 2 - c : c) * plane;
      float mean = (float) n.mean(c);
      float inv = (float) (1.0 / n.std(c));
      for (int i = 0; i < plane; i++) {
        dst[c * plane + i] = (src[from + i] - mean) * inv;
      }
    }
    return Tensor.wrap(dst, 1, 3, crop.height(), crop.width());
  }

  /**
   * Turns the generator's output back into a crop.
   *
   * @param output a {@code [1, 3, S, S]} tensor in the model's channel order and range
   * @param size the crop side S
   * @param n the model's normalisation; its output range is its input range
   * @return a 3-channel planar RGB crop in [0, 255], or null if the output holds NaN or infinity
   */
  static FloatImage fromOutput(Tensor output, int size, Normalization n) {
    // Read in place: the backend's output array is already this call's own copy.
    FloatBuffer src = output.buffer();
    float[] dst = new float[src.remaining()];
    int plane = size * size;
    for (int c = 0; c < 3; c++) {
      int to = (n.bgr() ? 2 - c : c) * plane;
      float mean = (float) n.mean(c);
      float std = (float) n.std(c);
      float lo = (0f - mean) / std;
      float hi = (255f - mean) / std;
      for (int i = 0; i < plane; i++) {
        float y = src.get(c * plane + i);
        if (!Float.isFinite(y)) {
          return null;
        }
        y = y < lo ? lo : (y > hi ? hi : y);
        dst[to + i] = y * std + mean;
      }
    }
    return FloatImage.wrap(size, size, 3, dst);
  }
}
