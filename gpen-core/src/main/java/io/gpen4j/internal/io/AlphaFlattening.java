package io.gpen4j.internal.io;

import io.gpen4j.internal.image.RgbaImage;

/**
 * Composites an image with alpha over a solid colour ("over" of Porter and Duff, 1984, in 8-bit
 * sRGB as viewers do), for output formats that cannot keep alpha.
 */
final class AlphaFlattening {
  private AlphaFlattening() {}

  /**
   * Returns an opaque copy of {@code image} composited over {@code background}.
   *
   * @param image the image, not modified
   * @param background {@code 0xRRGGBB}
   * @return a new opaque image
   */
  static RgbaImage over(RgbaImage image, int background) {
    int[] src = image.pixels();
    int[] dst = new int[src.length];
    int br = (background >> 16) & 0xFF;
    int bg = (background >> 8) & 0xFF;
    int bb = background & 0xFF;
    for (int i = 0; i < src.length; i++) {
      int p = src[i];
      int a = p >>> 24;
      int r = blend((p >> 16) & 0xFF, br, a);
      int g = blend((p >> 8) & 0xFF, bg, a);
      int b = blend(p & 0xFF, bb, a);
      dst[i] = 0xFF000000 | (r << 16) | (g << 8) | b;
    }
    return RgbaImage.wrap(image.width(), image.height(), dst, false);
  }

  private static int blend(int fg, int bg, int alpha) {
    return (fg * alpha + bg * (255 - alpha) + 127) / 255;
  }
}
