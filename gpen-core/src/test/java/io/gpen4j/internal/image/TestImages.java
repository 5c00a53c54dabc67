package io.gpen4j.internal.image;

import java.util.Random;

/** Seeded synthetic images and comparisons shared by the image-op tests. */
final class TestImages {
  private TestImages() {}

  /** Uniform noise in every colour channel, opaque: the hardest case for interpolation. */
  static RgbaImage noise(int width, int height, Random rnd) {
    int[] px = new int[width * height];
    for (int i = 0; i < px.length; i++) {
      px[i] = 0xFF000000 | (rnd.nextInt() & 0xFFFFFF);
    }
    return RgbaImage.wrap(width, height, px, false);
  }

  /** Noise in all four channels, alpha included. */
  static RgbaImage noiseWithAlpha(int width, int height, Random rnd) {
    int[] px = new int[width * height];
    for (int i = 0; i < px.length; i++) {
      px[i] = rnd.nextInt();
    }
    return RgbaImage.wrap(width, height, px, true);
  }

  /** A smooth image: per channel a sum of random sinusoids with periods of 12 to 60 pixels. */
  static RgbaImage smooth(int width, int height, Random rnd) {
    double[][] waves = new double[3 * 4][];
    for (int k = 0; k < waves.length; k++) {
      double period = 12 + 48 * rnd.nextDouble();
      double angle = Math.PI * rnd.nextDouble();
      double f = 2 * Math.PI / period;
      waves[k] = new double[] {f * Math.cos(angle), f * Math.sin(angle), 2 * Math.PI * rnd.nextDouble()};
    }
    int[] px = new int[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int p = 0xFF000000;
        for (int c = 0; c < 3; c++) {
          double v = 128;
          for (int k = 0; k < 4; k++) {
            double[] wv = waves[c * 4 + k];
            v += 30 * Math.sin(wv[0] * x + wv[1] * y + wv[2]);
          }
          p |= (int) Math.round(v) << (16 - 8 * c);
        }
        px[y * width + x] = p;
      }
    }
    return RgbaImage.wrap(width, height, px, false);
  }

  /** The RGB channels of an image as a planar float image. */
  static FloatImage planar(RgbaImage image) {
    int w = image.width();
    int h = image.height();
    FloatImage out = FloatImage.create(w, h, 3);
    float[] d = out.data();
    int[] px = image.pixels();
    for (int i = 0; i < px.length; i++) {
      d[i] = px[i] >> 16 & 0xFF;
      d[w * h + i] = px[i] >> 8 & 0xFF;
      d[2 * w * h + i] = px[i] & 0xFF;
    }
    return out;
  }

  /** A planar RGB float image rounded into an opaque frame. */
  static RgbaImage toRgba(FloatImage image) {
    int plane = image.width() * image.height();
    float[] d = image.data();
    int[] px = new int[plane];
    for (int i = 0; i < plane; i++) {
      px[i] = 0xFF000000 | toByte(d[i]) << 16 | toByte(d[plane + i]) << 8 | toByte(d[2 * plane + i]);
    }
    return RgbaImage.wrap(image.width(), image.height(), px, false);
  }

  static int toByte(float v) {
    return Math.max(0, Math.min(255, Math.round(v)));
  }

  /** Channel {@code c} (0 = alpha, 1 = red, 2 = green, 3 = blue) of a packed pixel. */
  static int channel(int argb, int c) {
    return argb >>> (24 - 8 * c) & 0xFF;
  }
}
