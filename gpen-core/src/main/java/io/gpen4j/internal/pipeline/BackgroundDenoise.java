package io.gpen4j.internal.pipeline;

import io.gpen4j.spi.ModelSource;
import java.util.Objects;

/**
 * realesr-general-x4v3's denoise strength, as Real-ESRGAN's {@code --denoise_strength}: the
 * background model's weights are interpolated at load time with those of its weak-denoise twin
 * (realesr-general-wdn-x4v3, the same graph), {@code w = s w_general + (1 - s) w_wdn}: 1 keeps the
 * general model (strong denoising), 0 gives the weak-denoise one (keeps noise and detail).
 *
 * @param weakDenoiseModel the realesr-general-wdn-x4v3 model
 * @param strength s, in [0, 1]
 */
public record BackgroundDenoise(ModelSource weakDenoiseModel, double strength) {
  /**
   * Validates the setting.
   *
   * @throws NullPointerException if the model is null
   * @throws IllegalArgumentException if the strength is outside [0, 1]
   */
  public BackgroundDenoise {
    Objects.requireNonNull(weakDenoiseModel, "weakDenoiseModel");
    if (!(strength >= 0 && strength <= 1)) {
      throw new IllegalArgumentException("backgroundDenoise strength must be in [0, 1]: " + strength);
    }
  }
}
