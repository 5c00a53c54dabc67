package io.gpen4j.models;

/**
 * How a model expects its input pixels: channel order and the affine map from 8-bit values. A
 * channel value {@code v} in 0..255 is fed as {@code (v - mean(c)) / std(c)}, where {@code c} is the
 * index in the model's channel order (see {@link #bgr()}). Numbers from {@code
 * docs/REFERENCE.md} §1 and §6.
 */
public enum Normalization {
  /** RGB, {@code (v / 255 - 0.5) / 0.5}, so [-1, 1]: GPEN generators. */
  RGB_MINUS_ONE_TO_ONE(false, new double[] {127.5, 127.5, 127.5}, new double[] {127.5, 127.5, 127.5}),
  /** BGR, raw 0..255 values: YuNet. */
  BGR_0_255(true, new double[] {0, 0, 0}, new double[] {1, 1, 1}),
  /** RGB, {@code (v - 127.5) / 128}: SCRFD. */
  RGB_CENTERED_128(false, new double[] {127.5, 127.5, 127.5}, new double[] {128, 128, 128}),
  /** BGR minus the per-channel means (104, 117, 123), no scaling: RetinaFace. */
  BGR_MEAN_104_117_123(true, new double[] {104, 117, 123}, new double[] {1, 1, 1}),
  /**
   * RGB with ImageNet's mean (0.485, 0.456, 0.406) and std (0.229, 0.224, 0.225) on {@code v / 255}:
   * BiSeNet face parsers.
   */
  RGB_IMAGENET(false, new double[] {0.485 * 255, 0.456 * 255, 0.406 * 255},
      new double[] {0.229 * 255, 0.224 * 255, 0.225 * 255}),
  /** RGB, {@code v / 255}, so [0, 1]: Real-ESRGAN background upscalers. */
  RGB_ZERO_TO_ONE(false, new double[] {0, 0, 0}, new double[] {255, 255, 255});

  private final boolean bgr;
  private final double[] mean;
  private final double[] std;

  Normalization(boolean bgr, double[] mean, double[] std) {
    this.bgr = bgr;
    this.mean = mean;
    this.std = std;
  }

  /**
   * Returns whether the model takes channels in BGR order (else RGB).
   *
   * @return true for BGR
   */
  public boolean bgr() {
    return bgr;
  }

  /**
   * Returns the value subtracted from a channel.
   *
   * @param channel the channel index in the model's order, 0 to 2
   * @return the mean, in 0..255 units
   * @throws IndexOutOfBoundsException if {@code channel} is not 0, 1 or 2
   */
  public double mean(int channel) {
    return mean[java.util.Objects.checkIndex(channel, mean.length)];
  }

  /**
   * Returns the divisor applied to a channel after the mean is subtracted.
   *
   * @param channel the channel index in the model's order, 0 to 2
   * @return the divisor, positive
   * @throws IndexOutOfBoundsException if {@code channel} is not 0, 1 or 2
   */
  public double std(int channel) {
    return std[java.util.Objects.checkIndex(channel, std.length)];
  }

  /**
   * Maps an 8-bit channel value to the model's input value.
   *
   * @param channel the channel index in the model's order, 0 to 2
   * @param value the pixel value, nominally 0..255
   * @return {@code (value - mean(channel)) / std(channel)}
   * @throws IndexOutOfBoundsException if {@code channel} is not 0, 1 or 2
   */
  public double apply(int channel, double value) {
    return (value - mean(channel)) / std(channel);
  }
}
