package io.gpen4j.bench;

import io.gpen4j.internal.image.RgbaImage;
import java.util.Random;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/** Synthetic, seeded frames for the image-op benchmarks, and their OpenCV copies. */
final class BenchImages {
  private BenchImages() {}

  /** Smooth shading plus per-pixel texture, opaque: costs what a photo costs to sample. */
  static RgbaImage photoLike(int width, int height, Random rnd) {
    int[] px = new int[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int base = (int) (110 + 60 * Math.sin(x * 0.013) * Math.cos(y * 0.017));
        int r = clamp(base + rnd.nextInt(31) - 15);
        int g = clamp(base - 20 + rnd.nextInt(31) - 15);
        int b = clamp(base - 40 + rnd.nextInt(31) - 15);
        px[y * width + x] = 0xFF000000 | r << 16 | g << 8 | b;
      }
    }
    return RgbaImage.wrap(width, height, px, false);
  }

  /** An 8-bit 3-channel copy (R, G, B order). */
  static Mat toMat(RgbaImage image) {
    int[] px = image.pixels();
    byte[] bytes = new byte[px.length * 3];
    for (int i = 0; i < px.length; i++) {
      bytes[3 * i] = (byte) (px[i] >> 16);
      bytes[3 * i + 1] = (byte) (px[i] >> 8);
      bytes[3 * i + 2] = (byte) px[i];
    }
    Mat mat = new Mat(image.height(), image.width(), CvType.CV_8UC3);
    mat.put(0, 0, bytes);
    return mat;
  }

  private static int clamp(int v) {
    return Math.max(0, Math.min(255, v));
  }
}
