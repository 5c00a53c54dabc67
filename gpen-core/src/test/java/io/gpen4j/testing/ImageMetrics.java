package io.gpen4j.testing;

import java.awt.image.BufferedImage;

/** Image comparisons for tests. */
public final class ImageMetrics {
  private ImageMetrics() {}

  /**
   * Returns the peak signal-to-noise ratio over the RGB channels of two images of equal size.
   *
   * @param a one image
   * @param b the other
   * @return PSNR in dB; positive infinity when identical
   */
  public static double psnr(BufferedImage a, BufferedImage b) {
    requireSameSize(a, b);
    int w = a.getWidth();
    int h = a.getHeight();
    int[] pa = a.getRGB(0, 0, w, h, null, 0, w);
    int[] pb = b.getRGB(0, 0, w, h, null, 0, w);
    double sum = 0;
    for (int i = 0; i < pa.length; i++) {
      for (int shift = 0; shift <= 16; shift += 8) {
        int d = ((pa[i] >> shift) & 0xFF) - ((pb[i] >> shift) & 0xFF);
        sum += d * d;
      }
    }
    double mse = sum / (3.0 * pa.length);
    return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
  }

  /**
   * Counts pixels whose ARGB differs.
   *
   * @param a one image
   * @param b the other
   * @return the number of differing pixels
   */
  public static int differingPixels(BufferedImage a, BufferedImage b) {
    requireSameSize(a, b);
    int w = a.getWidth();
    int h = a.getHeight();
    int[] pa = a.getRGB(0, 0, w, h, null, 0, w);
    int[] pb = b.getRGB(0, 0, w, h, null, 0, w);
    int n = 0;
    for (int i = 0; i < pa.length; i++) {
      if (pa[i] != pb[i]) {
        n++;
      }
    }
    return n;
  }

  private static void requireSameSize(BufferedImage a, BufferedImage b) {
    if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
      throw new IllegalArgumentException("sizes differ: " + a.getWidth() + "x" + a.getHeight()
          + " vs " + b.getWidth() + "x" + b.getHeight());
    }
  }
}
