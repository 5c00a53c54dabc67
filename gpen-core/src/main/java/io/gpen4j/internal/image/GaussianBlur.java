package io.gpen4j.internal.image;

/**
 * A separable Gaussian blur of a planar float image: the kernel is
 * {@code exp(-d^2 / (2 sigma^2))} for {@code |d| <= radius}, normalised to sum 1, and pixels past the
 * border are read mirrored without repeating the edge ({@code dcb|abcd|cba}), the semantics of
 * OpenCV's {@code GaussianBlur(src, (2r+1, 2r+1), sigma)} with its default
 * {@code BORDER_REFLECT_101}. The support is finite, so a value more than {@code radius} pixels
 * from any non-zero value stays exactly 0.
 *
 * <p>Thread-safety: stateless.
 */
public final class GaussianBlur {
  private GaussianBlur() {}

  /**
   * The radius that keeps all but about 3e-3 of the kernel's weight: {@code ceil(3 sigma)}.
   *
   * @param sigma the standard deviation in pixels, positive
   * @return the radius in pixels
   */
  public static int radiusFor(double sigma) {
    return (int) Math.ceil(3 * sigma);
  }

  /**
   * Blurs every channel of an image.
   *
   * @param src the image; not modified
   * @param sigma the standard deviation in pixels, positive and finite
   * @param radius the kernel's half width in pixels, 0 or more
   * @return a new image of the same shape
   * @throws IllegalArgumentException if {@code sigma} is not positive, or {@code radius} is
   *     negative or not smaller than both sides (the mirrored border needs it)
   */
  public static FloatImage blur(FloatImage src, double sigma, int radius) {
    if (!(sigma > 0 && sigma < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("blur sigma must be positive: " + sigma);
    }
    int w = src.width();
    int h = src.height();
    if (radius < 0 || (radius > 0 && (radius >= w || radius >= h))) {
      throw new IllegalArgumentException(
          "blur radius " + radius + " must be 0 or more and under the image's sides " + w + "x" + h);
    }
    float[] kernel = kernel(sigma, radius);
    FloatImage out = FloatImage.create(w, h, src.channels());
    float[] in = src.data();
    float[] dst = out.data();
    float[] tmp = new float[w * h];
    for (int c = 0; c < src.channels(); c++) {
      int base = c * w * h;
      // Horizontal pass into tmp, vertical pass into the output plane.
      for (int y = 0; y < h; y++) {
        int row = base + y * w;
        for (int x = 0; x < w; x++) {
          float sum = 0;
          for (int k = -radius; k <= radius; k++) {
            sum += kernel[k + radius] * in[row + mirror(x + k, w)];
          }
          tmp[y * w + x] = sum;
        }
      }
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          float sum = 0;
          for (int k = -radius; k <= radius; k++) {
            sum += kernel[k + radius] * tmp[mirror(y + k, h) * w + x];
          }
          dst[base + y * w + x] = sum;
        }
      }
    }
    return out;
  }

  private static float[] kernel(double sigma, int radius) {
    double[] k = new double[2 * radius + 1];
    double sum = 0;
    for (int i = -radius; i <= radius; i++) {
      k[i + radius] = Math.exp(-(double) i * i / (2 * sigma * sigma));
      sum += k[i + radius];
    }
    float[] f = new float[k.length];
    for (int i = 0; i < k.length; i++) {
      f[i] = (float) (k[i] / sum);
    }
    return f;
  }

  /** Reflects an index into [0, n) without repeating the edge (OpenCV's BORDER_REFLECT_101). */
  private static int mirror(int i, int n) {
    if (i < 0) {
      return -i;
    }
    return i >= n ? 2 * n - 2 - i : i;
  }
}
