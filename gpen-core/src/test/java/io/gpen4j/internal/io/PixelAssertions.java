package io.gpen4j.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.internal.image.RgbaImage;
import java.awt.image.BufferedImage;

/** Pixel comparisons with a tolerance per channel, with messages that show both colours. */
final class PixelAssertions {
  private PixelAssertions() {}

  static void assertColour(int expectedArgb, int actualArgb, int tolerance, String where) {
    for (int shift = 0; shift <= 24; shift += 8) {
      int e = expectedArgb >>> shift & 0xFF;
      int a = actualArgb >>> shift & 0xFF;
      assertTrue(
          Math.abs(e - a) <= tolerance,
          () ->
              String.format(
                  "%s: expected %08x, got %08x (tolerance %d)",
                  where, expectedArgb, actualArgb, tolerance));
    }
  }

  /** Exact equality with a BufferedImage, compared through getRGB (valid for 8-bit sRGB types). */
  static void assertSamePixels(BufferedImage expected, RgbaImage actual) {
    assertEquals(expected.getWidth(), actual.width(), "width");
    assertEquals(expected.getHeight(), actual.height(), "height");
    for (int y = 0; y < expected.getHeight(); y++) {
      for (int x = 0; x < expected.getWidth(); x++) {
        int e = expected.getRGB(x, y);
        int a = actual.argb(x, y);
        if (e != a) {
          throw new AssertionError(
              String.format("pixel (%d,%d): expected %08x, got %08x", x, y, e, a));
        }
      }
    }
  }

  /** Mean absolute difference over the RGB channels. */
  static double meanAbsDiff(BufferedImage expected, RgbaImage actual) {
    assertEquals(expected.getWidth(), actual.width(), "width");
    assertEquals(expected.getHeight(), actual.height(), "height");
    long sum = 0;
    for (int y = 0; y < expected.getHeight(); y++) {
      for (int x = 0; x < expected.getWidth(); x++) {
        int e = expected.getRGB(x, y);
        int a = actual.argb(x, y);
        for (int shift = 0; shift <= 16; shift += 8) {
          sum += Math.abs((e >> shift & 0xFF) - (a >> shift & 0xFF));
        }
      }
    }
    return sum / (3.0 * expected.getWidth() * expected.getHeight());
  }
}
