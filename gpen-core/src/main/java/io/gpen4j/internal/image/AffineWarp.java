package io.gpen4j.internal.image;

import io.gpen4j.SimilarityTransform;
import java.util.Objects;

/**
 * Warps a region of a frame into a square face crop.
 *
 * <p>Sampling: every output pixel {@code (x, y)} (pixel centres at integer coordinates) reads the
 * source at {@code srcToCrop.inverse()(x, y)} with bilinear interpolation, replicating the border
 * outside the image, like OpenCV's {@code warpAffine(..., INTER_LINEAR, BORDER_REPLICATE)} with the
 * matrix {@link SimilarityTransform#toMatrix()} (but in floating point, where OpenCV quantises
 * positions to 1/32 pixel).
 *
 * <p>Anti-aliasing: when the transform shrinks (scale {@code s < 1}), a single bilinear tap per
 * output pixel skips source pixels and aliases; OpenCV's {@code INTER_AREA} flag does nothing in
 * {@code warpAffine}, so the Python tools alias large faces. Here each output pixel averages an
 * {@code n x n} grid of bilinear taps spread evenly over its footprint, {@code n = ceil(1/s)}: a box
 * filter one output pixel wide (supersampling, as in ray tracers), which approximates area
 * averaging. {@code n} is capped at {@value #MAX_TAPS_PER_AXIS}; beyond that the taps are more than
 * one source pixel apart but each still averages a 2x2 neighbourhood, and faces more than 8 times
 * the crop size are rare. The cost is {@code n^2} bilinear taps per output pixel: 4 for a face up
 * to twice the crop's size (measured against a plain bilinear warp with gpen-bench's
 * WarpBenchmark; the numbers are in the README, "How it works").
 *
 * <p>Rows whose samples all fall inside the image skip the border clamping, the common case.
 */
public final class AffineWarp {
  /** Most taps per axis and output pixel when shrinking; 64 taps a pixel at most. */
  static final int MAX_TAPS_PER_AXIS = 8;

  private AffineWarp() {}

  /**
   * Warps a region of {@code src} into a {@code size x size} crop.
   *
   * @param src the source frame
   * @param srcToCrop the transform from source coordinates to crop coordinates
   * @param size the side of the crop, positive
   * @return a new 3-channel planar RGB image with values in [0, 255]
   * @throws IllegalArgumentException if {@code size} is not positive
   */
  public static FloatImage warp(RgbaImage src, SimilarityTransform srcToCrop, int size) {
    return warp(src, srcToCrop, size, REPLICATE);
  }

  /**
   * Warps a region of {@code src} into a {@code size x size} crop, reading a constant colour outside
   * the frame, like OpenCV's {@code BORDER_CONSTANT} (each bilinear tap outside the image reads the
   * colour): facexlib fills the crop of a face at the frame's edge with its grey this way.
   *
   * @param src the source frame
   * @param srcToCrop the transform from source coordinates to crop coordinates
   * @param size the side of the crop, positive
   * @param borderRgb the colour outside the frame, {@code 0xRRGGBB}
   * @return a new 3-channel planar RGB image with values in [0, 255]
   * @throws IllegalArgumentException if {@code size} is not positive or the colour is not 24-bit
   */
  public static FloatImage warpWithBorder(RgbaImage src, SimilarityTransform srcToCrop, int size, int borderRgb) {
    if ((borderRgb & 0xFF000000) != 0) {
      throw new IllegalArgumentException("border colour must be 0xRRGGBB: " + Integer.toHexString(borderRgb));
    }
    return warp(src, srcToCrop, size, 0xFF000000 | borderRgb);
  }

  /**
   * Warps a region of {@code src} into a {@code width x height} rectangle, reading a constant colour
   * outside the frame, as {@link #warpWithBorder(RgbaImage, SimilarityTransform, int, int)} does
   * for a square: an ID photo's crop is taller than wide.
   *
   * @param src the source frame
   * @param srcToCrop the transform from source coordinates to the rectangle's coordinates
   * @param width the rectangle's width, positive
   * @param height the rectangle's height, positive
   * @param borderRgb the colour outside the frame, {@code 0xRRGGBB}
   * @return a new 3-channel planar RGB image with values in [0, 255]
   * @throws IllegalArgumentException if a side is not positive or the colour is not 24-bit
   */
  public static FloatImage warpWithBorder(RgbaImage src, SimilarityTransform srcToCrop, int width, int height,
      int borderRgb) {
    if ((borderRgb & 0xFF000000) != 0) {
      throw new IllegalArgumentException("border colour must be 0xRRGGBB: " + Integer.toHexString(borderRgb));
    }
    return warp(src, srcToCrop, width, height, 0xFF000000 | borderRgb);
  }

  /** Marks the replicated border; a constant border colour is opaque, so never equal to it. */
  private static final int REPLICATE = 0;

  private static FloatImage warp(RgbaImage src, SimilarityTransform srcToCrop, int size, int border) {
    return warp(src, srcToCrop, size, size, border);
  }

  private static FloatImage warp(RgbaImage src, SimilarityTransform srcToCrop, int width, int height, int border) {
    Objects.requireNonNull(src, "src");
    Objects.requireNonNull(srcToCrop, "srcToCrop");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("crop size must be positive: " + width + "x" + height);
    }
    FloatImage out = FloatImage.create(width, height, 3);
    SimilarityTransform inv = srcToCrop.inverse();
    int taps = tapsPerAxis(srcToCrop.scale());
    if (taps == 1) {
      warpBilinear(src, inv, width, height, out.data(), border);
    } else {
      warpSupersampled(src, inv, width, height, taps, out.data(), border);
    }
    return out;
  }

  /** Returns how many taps per axis keep a transform of this scale from aliasing. */
  static int tapsPerAxis(double scale) {
    if (scale >= 1) {
      return 1;
    }
    // The epsilon keeps an exact 1/2 or 1/4 from rounding up to one tap more.
    return (int) Math.min(MAX_TAPS_PER_AXIS, Math.ceil(1 / scale - 1e-9));
  }

  private static void warpBilinear(RgbaImage src, SimilarityTransform inv, int width, int height, float[] out,
      int border) {
    int[] px = src.pixels();
    int w = src.width();
    int h = src.height();
    double a = inv.a();
    double b = inv.b();
    int plane = width * height;
    for (int y = 0; y < height; y++) {
      double rowX = -b * y + inv.tx();
      double rowY = a * y + inv.ty();
      int o = y * width;
      // Rows whose every sample has all four neighbours inside the image skip the clamping.
      if (inside(rowX, rowY, rowX + a * (width - 1), rowY + b * (width - 1), w, h)) {
        for (int x = 0; x < width; x++) {
          double sx = rowX + a * x;
          double sy = rowY + b * x;
          int x0 = (int) sx;
          int y0 = (int) sy;
          float fx = (float) (sx - x0);
          float fy = (float) (sy - y0);
          int i = y0 * w + x0;
          int p00 = px[i];
          int p01 = px[i + 1];
          int p10 = px[i + w];
          int p11 = px[i + w + 1];
          out[o + x] = lerp2(p00 >> 16 & 0xFF, p01 >> 16 & 0xFF, p10 >> 16 & 0xFF, p11 >> 16 & 0xFF, fx, fy);
          out[plane + o + x] = lerp2(p00 >> 8 & 0xFF, p01 >> 8 & 0xFF, p10 >> 8 & 0xFF, p11 >> 8 & 0xFF, fx, fy);
          out[2 * plane + o + x] = lerp2(p00 & 0xFF, p01 & 0xFF, p10 & 0xFF, p11 & 0xFF, fx, fy);
        }
      } else {
        for (int x = 0; x < width; x++) {
          double sx = rowX + a * x;
          double sy = rowY + b * x;
          double flx = Math.floor(sx);
          double fly = Math.floor(sy);
          float fx = (float) (sx - flx);
          float fy = (float) (sy - fly);
          int p00 = fetch(px, w, h, flx, fly, border);
          int p01 = fetch(px, w, h, flx + 1, fly, border);
          int p10 = fetch(px, w, h, flx, fly + 1, border);
          int p11 = fetch(px, w, h, flx + 1, fly + 1, border);
          out[o + x] = lerp2(p00 >> 16 & 0xFF, p01 >> 16 & 0xFF, p10 >> 16 & 0xFF, p11 >> 16 & 0xFF, fx, fy);
          out[plane + o + x] = lerp2(p00 >> 8 & 0xFF, p01 >> 8 & 0xFF, p10 >> 8 & 0xFF, p11 >> 8 & 0xFF, fx, fy);
          out[2 * plane + o + x] = lerp2(p00 & 0xFF, p01 & 0xFF, p10 & 0xFF, p11 & 0xFF, fx, fy);
        }
      }
    }
  }

  private static void warpSupersampled(
      RgbaImage src, SimilarityTransform inv, int width, int height, int taps, float[] out, int border) {
    int[] px = src.pixels();
    int w = src.width();
    int h = src.height();
    double a = inv.a();
    double b = inv.b();
    // Source offsets of the taps: an even taps x taps grid over the output pixel's square.
    int count = taps * taps;
    double[] offX = new double[count];
    double[] offY = new double[count];
    for (int j = 0; j < taps; j++) {
      double oy = (j + 0.5) / taps - 0.5;
      for (int i = 0; i < taps; i++) {
        double ox = (i + 0.5) / taps - 0.5;
        offX[j * taps + i] = a * ox - b * oy;
        offY[j * taps + i] = b * ox + a * oy;
      }
    }
    double minOffX = Double.POSITIVE_INFINITY;
    double maxOffX = Double.NEGATIVE_INFINITY;
    double minOffY = Double.POSITIVE_INFINITY;
    double maxOffY = Double.NEGATIVE_INFINITY;
    for (int t = 0; t < count; t++) {
      minOffX = Math.min(minOffX, offX[t]);
      maxOffX = Math.max(maxOffX, offX[t]);
      minOffY = Math.min(minOffY, offY[t]);
      maxOffY = Math.max(maxOffY, offY[t]);
    }
    float norm = 1f / count;
    int plane = width * height;
    for (int y = 0; y < height; y++) {
      double rowX = -b * y + inv.tx();
      double rowY = a * y + inv.ty();
      double endX = rowX + a * (width - 1);
      double endY = rowY + b * (width - 1);
      int o = y * width;
      boolean inside = inside(
          Math.min(rowX, endX) + minOffX, Math.min(rowY, endY) + minOffY,
          Math.max(rowX, endX) + maxOffX, Math.max(rowY, endY) + maxOffY, w, h);
      for (int x = 0; x < width; x++) {
        double cx = rowX + a * x;
        double cy = rowY + b * x;
        float r = 0;
        float g = 0;
        float bl = 0;
        if (inside) {
          for (int t = 0; t < count; t++) {
            double sx = cx + offX[t];
            double sy = cy + offY[t];
            int x0 = (int) sx;
            int y0 = (int) sy;
            float fx = (float) (sx - x0);
            float fy = (float) (sy - y0);
            int i = y0 * w + x0;
            int p00 = px[i];
            int p01 = px[i + 1];
            int p10 = px[i + w];
            int p11 = px[i + w + 1];
            r += lerp2(p00 >> 16 & 0xFF, p01 >> 16 & 0xFF, p10 >> 16 & 0xFF, p11 >> 16 & 0xFF, fx, fy);
            g += lerp2(p00 >> 8 & 0xFF, p01 >> 8 & 0xFF, p10 >> 8 & 0xFF, p11 >> 8 & 0xFF, fx, fy);
            bl += lerp2(p00 & 0xFF, p01 & 0xFF, p10 & 0xFF, p11 & 0xFF, fx, fy);
          }
        } else {
          for (int t = 0; t < count; t++) {
            double sx = cx + offX[t];
            double sy = cy + offY[t];
            double flx = Math.floor(sx);
            double fly = Math.floor(sy);
            float fx = (float) (sx - flx);
            float fy = (float) (sy - fly);
            int p00 = fetch(px, w, h, flx, fly, border);
            int p01 = fetch(px, w, h, flx + 1, fly, border);
            int p10 = fetch(px, w, h, flx, fly + 1, border);
            int p11 = fetch(px, w, h, flx + 1, fly + 1, border);
            r += lerp2(p00 >> 16 & 0xFF, p01 >> 16 & 0xFF, p10 >> 16 & 0xFF, p11 >> 16 & 0xFF, fx, fy);
            g += lerp2(p00 >> 8 & 0xFF, p01 >> 8 & 0xFF, p10 >> 8 & 0xFF, p11 >> 8 & 0xFF, fx, fy);
            bl += lerp2(p00 & 0xFF, p01 & 0xFF, p10 & 0xFF, p11 & 0xFF, fx, fy);
          }
        }
        out[o + x] = r * norm;
        out[plane + o + x] = g * norm;
        out[2 * plane + o + x] = bl * norm;
      }
    }
  }

  /** Whether every sample between the two corners, with its right and lower neighbours, lies inside. */
  private static boolean inside(double x0, double y0, double x1, double y1, int w, int h) {
    // The margin absorbs rounding between the endpoints and the samples computed between them.
    double m = 1e-6;
    return Math.min(x0, x1) >= m && Math.max(x0, x1) < w - 1 - m
        && Math.min(y0, y1) >= m && Math.max(y0, y1) < h - 1 - m;
  }

  /** The pixel at whole-pixel position (x, y): the nearest edge pixel, or the border colour, outside. */
  private static int fetch(int[] px, int w, int h, double x, double y, int border) {
    if (border == REPLICATE) {
      return px[clamp(y, h) * w + clamp(x, w)];
    }
    if (x < 0 || y < 0 || x > w - 1 || y > h - 1) {
      return border;
    }
    return px[(int) y * w + (int) x];
  }

  private static int clamp(double v, int n) {
    return v <= 0 ? 0 : v >= n - 1 ? n - 1 : (int) v;
  }

  private static float lerp2(int v00, int v01, int v10, int v11, float fx, float fy) {
    float top = v00 + fx * (v01 - v00);
    float bottom = v10 + fx * (v11 - v10);
    return top + fy * (bottom - top);
  }
}
