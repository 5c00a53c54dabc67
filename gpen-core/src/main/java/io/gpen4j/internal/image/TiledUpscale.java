package io.gpen4j.internal.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs an image-to-image super-resolution model over a frame in overlapping tiles, so the model's
 * memory is bounded by the tile size whatever the frame's, and blends the tiles so no seam shows.
 *
 * <p>Layout: the frame is extended by reflection ({@code dcb|abcd|cba} past the right and bottom
 * edges) to a multiple of the grid {@code inputMultiple}, the model's pixel-unshuffle factor, as
 * Real-ESRGAN's {@code RealESRGANer.pre_process} pads (2 for x2plus, 4 for x1). Tiles of at most
 * {@code tileSize} pixels (rounded down to the grid), neighbours sharing {@code overlap} pixels or a
 * little more, start on the grid: the last tile of a row or column is aligned to the extended
 * frame's edge, which lies on the grid, so every tile sees the unshuffle in the same phase as the
 * whole frame would (a tile starting at an odd column would unshuffle other pixel pairs together
 * than the untiled run). A fixed-input model's tiles are padded by edge replication to its size and
 * its output cropped back; the output past the frame's own edge is dropped.
 *
 * <p>Blending: tiles are written in raster order; a tile is composited over what its left and top
 * neighbours wrote with the weight {@code ramp(x) * ramp(y)}, where a ramp is 0 over the first
 * {@code pad} pixels of a shared edge (the pixels a convolution's zero padding spoils; the official
 * Real-ESRGAN crops the same 10 px), rises linearly over the rest of the overlap but {@code pad}, and
 * is 1 elsewhere and along the frame's own borders. Every weight is continuous, so the result is
 * too; each output pixel is a convex mix of tiles for which it is at least {@code pad} pixels from
 * a cut. The alpha channel is not run through the model: it is resized (see {@link ImageResize}).
 *
 * <p>Memory: the output, one tile and its model output. Stateless and thread-safe.
 */
public final class TiledUpscale {
  /** Runs the model on one tile. */
  @FunctionalInterface
  public interface TileModel {
    /**
     * Upscales one tile.
     *
     * @param tile 3 planar channels (R, G, B) in [0, 255]
     * @return the tile {@code scale} times larger in both directions, values in [0, 255] (clamped
     *     by the caller), or null when the model produced NaN or infinity
     */
    FloatImage run(FloatImage tile);
  }

  /**
   * How a frame is cut.
   *
   * @param tileSize the largest tile side, in input pixels
   * @param overlap the pixels neighbouring tiles share
   * @param pad the pixels along a cut whose output is discarded, at most a third of the overlap
   * @param fixedInput whether the model takes only {@code tileSize x tileSize} tiles (smaller ones
   *     are padded up to it)
   * @param inputMultiple the grid tile origins and sides keep to, and that the frame is extended
   *     to a multiple of: the model's pixel-unshuffle factor (1 for none)
   */
  public record Layout(int tileSize, int overlap, int pad, boolean fixedInput, int inputMultiple) {
    /**
     * Validates the layout.
     *
     * @throws IllegalArgumentException if the tile is not over twice the overlap, the pad is not
     *     under a third of the overlap, or the multiple is not positive
     */
    public Layout {
      if (overlap < 0 || pad < 0 || 3 * pad > overlap || tileSize <= 2 * overlap || inputMultiple <= 0) {
        throw new IllegalArgumentException("bad tile layout: tile " + tileSize + ", overlap " + overlap
            + ", pad " + pad + ", multiple " + inputMultiple + " (need tile > 2 overlap, overlap >= 3 pad)");
      }
    }
  }

  private TiledUpscale() {}

  /**
   * Upscales a frame.
   *
   * @param src the frame; not modified
   * @param scale the model's integer scale
   * @param layout how to cut the frame
   * @param model the model
   * @return a new image {@code scale} times larger, with the source's alpha resized, or null when
   *     a tile's output was not finite
   * @throws IllegalStateException if the model returns a tile of the wrong size
   */
  public static RgbaImage upscale(RgbaImage src, int scale, Layout layout, TileModel model) {
    Objects.requireNonNull(src, "src");
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(model, "model");
    if (scale <= 0) {
      throw new IllegalArgumentException("scale must be positive: " + scale);
    }
    int outW = Math.multiplyExact(src.width(), scale);
    int outH = Math.multiplyExact(src.height(), scale);
    int[] out = new int[Math.multiplyExact(outW, outH)];
    int grid = layout.inputMultiple();
    int tileSize = layout.tileSize() - layout.tileSize() % grid;
    if (tileSize <= 2 * layout.overlap()) {
      throw new IllegalArgumentException("tile " + layout.tileSize() + " on a grid of " + grid
          + " is not over twice the overlap " + layout.overlap());
    }
    int extendedW = roundUp(src.width(), grid);
    int extendedH = roundUp(src.height(), grid);
    List<Integer> xs = starts(extendedW, tileSize, layout.overlap(), grid);
    List<Integer> ys = starts(extendedH, tileSize, layout.overlap(), grid);
    for (int r = 0; r < ys.size(); r++) {
      int y0 = ys.get(r);
      int th = Math.min(tileSize, extendedH - y0);
      float[] rampY = ramp(th * scale, shared(ys, r - 1, r, tileSize) * scale, shared(ys, r, r + 1, tileSize) * scale,
          layout.pad() * scale);
      for (int c = 0; c < xs.size(); c++) {
        int x0 = xs.get(c);
        int tw = Math.min(tileSize, extendedW - x0);
        float[] rampX = ramp(tw * scale, shared(xs, c - 1, c, tileSize) * scale, shared(xs, c, c + 1, tileSize) * scale,
            layout.pad() * scale);
        FloatImage tile = read(src, x0, y0, tw, th, paddedSide(tw, layout), paddedSide(th, layout));
        FloatImage up = model.run(tile);
        if (up == null) {
          return null;
        }
        if (up.width() != tile.width() * scale || up.height() != tile.height() * scale || up.channels() != 3) {
          throw new IllegalStateException("model returned a " + up.width() + "x" + up.height() + "x" + up.channels()
              + " tile for a " + tile.width() + "x" + tile.height() + " input at scale " + scale);
        }
        write(up, out, outW, outH, x0 * scale, y0 * scale, tw * scale, th * scale, rampX, rampY);
      }
    }
    if (src.hasAlpha()) {
      copyAlpha(ImageResize.resize(src, outW, outH), out);
    }
    return RgbaImage.wrap(outW, outH, out, src.hasAlpha());
  }

  /**
   * The tiles' first pixels along one axis: a step of {@code tile - overlap} rounded down to the
   * grid, the last one flush with the end; with {@code length} and {@code tile} multiples of the
   * grid, every start is one.
   */
  static List<Integer> starts(int length, int tile, int overlap, int grid) {
    List<Integer> s = new ArrayList<>();
    if (length <= tile) {
      s.add(0);
      return s;
    }
    int step = Math.max(grid, (tile - overlap) / grid * grid);
    for (int p = 0; p + tile < length; p += step) {
      s.add(p);
    }
    s.add(length - tile);
    return s;
  }

  /** The pixels tiles {@code a} and {@code b} share along one axis; 0 when either does not exist. */
  private static int shared(List<Integer> starts, int a, int b, int tileSize) {
    return a < 0 || b >= starts.size() ? 0 : starts.get(a) + tileSize - starts.get(b);
  }

  private static int roundUp(int length, int grid) {
    return Math.addExact(length, grid - 1) / grid * grid;
  }

  /**
   * The weight of a tile along one axis: 0 over the first {@code pad} pixels of an edge shared with
   * an earlier tile, rising linearly to 1 at {@code before - pad}; 0 again over the last {@code pad}
   * pixels when a later tile shares the far edge (that tile writes them with weight 1); else 1.
   * Zeroing the far pad too keeps a tile's spoiled edge out of the corner where four tiles meet.
   */
  static float[] ramp(int length, int before, int after, int pad) {
    float[] w = new float[length];
    int rise = before - 2 * pad;
    for (int i = 0; i < length; i++) {
      if (after > 0 && i >= length - pad) {
        w[i] = 0f;
      } else if (before == 0 || i >= before - pad) {
        w[i] = 1f;
      } else if (i >= pad) {
        w[i] = (i - pad + 0.5f) / rise;
      }
    }
    return w;
  }

  private static int paddedSide(int side, Layout layout) {
    if (layout.fixedInput()) {
      return layout.tileSize();
    }
    return roundUp(side, layout.inputMultiple());
  }

  /**
   * Copies a tile of the extended frame into planar RGB floats: pixels past the frame's edge are
   * its reflection, and the tile's last row and column are replicated into a fixed input's padding.
   */
  private static FloatImage read(RgbaImage src, int x0, int y0, int w, int h, int pw, int ph) {
    FloatImage tile = FloatImage.create(pw, ph, 3);
    float[] d = tile.data();
    int[] px = src.pixels();
    int plane = pw * ph;
    for (int y = 0; y < ph; y++) {
      int row = reflect(y0 + Math.min(y, h - 1), src.height()) * src.width();
      for (int x = 0; x < pw; x++) {
        int p = px[row + reflect(x0 + Math.min(x, w - 1), src.width())];
        int i = y * pw + x;
        d[i] = p >> 16 & 0xFF;
        d[plane + i] = p >> 8 & 0xFF;
        d[2 * plane + i] = p & 0xFF;
      }
    }
    return tile;
  }

  /** A coordinate past the end of a side mirrored back without repeating the edge, as torch's 'reflect'. */
  private static int reflect(int i, int n) {
    return i < n ? i : Math.max(0, 2 * (n - 1) - i);
  }

  /**
   * Composites the tile's unpadded area over the output with the ramps' product as its weight; what
   * lies past the output's edge (the reflected extension) is dropped.
   */
  private static void write(FloatImage up, int[] out, int outW, int outH, int ox, int oy, int tileW, int tileH,
      float[] rampX, float[] rampY) {
    float[] d = up.data();
    int uw = up.width();
    int plane = uw * up.height();
    int w = Math.min(tileW, outW - ox);
    int h = Math.min(tileH, outH - oy);
    for (int y = 0; y < h; y++) {
      float wy = rampY[y];
      if (wy == 0f) {
        continue;
      }
      int o = (oy + y) * outW + ox;
      for (int x = 0; x < w; x++) {
        float a = wy * rampX[x];
        if (a == 0f) {
          continue;
        }
        int i = y * uw + x;
        float r = clamp(d[i]);
        float g = clamp(d[plane + i]);
        float b = clamp(d[2 * plane + i]);
        if (a < 1f) {
          int old = out[o + x];
          r = (old >> 16 & 0xFF) + a * (r - (old >> 16 & 0xFF));
          g = (old >> 8 & 0xFF) + a * (g - (old >> 8 & 0xFF));
          b = (old & 0xFF) + a * (b - (old & 0xFF));
        }
        out[o + x] = 0xFF000000 | toByte(r) << 16 | toByte(g) << 8 | toByte(b);
      }
    }
  }

  private static void copyAlpha(RgbaImage resized, int[] out) {
    int[] a = resized.pixels();
    for (int i = 0; i < out.length; i++) {
      out[i] = (a[i] & 0xFF000000) | (out[i] & 0x00FFFFFF);
    }
  }

  private static float clamp(float v) {
    return v > 255f ? 255f : (v >= 0f ? v : 0f);
  }

  private static int toByte(float v) {
    return Math.min(255, (int) (v + 0.5f));
  }
}
