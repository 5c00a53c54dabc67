package io.gpen4j.internal.image;

import io.gpen4j.SimilarityTransform;
import io.gpen4j.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Blends restored face crops back into a frame.
 *
 * <p>Per frame pixel {@code p} and patch {@code i}: {@code q = frameToCrop_i(p)}; the patch's face
 * colour {@code f_i} is read at {@code q} bicubically (Catmull-Rom) and its mask {@code m_i}
 * bilinearly ({@code m_i = 0} outside the crop, which matches the mask's zero border). Bicubic
 * keeps the generator's detail: the warp-in, paste-back round trip of an identity generator loses
 * about 3 dB less than with a bilinear read (see PasteBackTest). Patches combine by weight: face colour
 * {@code f = sum(m_i f_i) / sum(m_i)}, coverage {@code alpha = 1 - prod(1 - m_i)} (each patch hides a
 * fraction {@code m_i} of what is under it), and the pixel becomes
 * {@code bg + fidelity * alpha * (f - bg)}, rounded. A lone patch reduces to
 * {@code bg + fidelity * m * (f - bg)}, GPEN's blend (docs/REFERENCE.md §5).
 *
 * <p>Cost: each patch touches only its region, the bounding box of its crop square mapped into the
 * frame and clipped to it, so the cost grows with the face, not the frame. Patches whose regions
 * overlap form a group that accumulates into buffers the size of the group's joint region; a lone
 * patch needs no buffer. A pixel that no mask covers is never written, so it stays bit-identical,
 * and the alpha channel is always kept. {@link #paste} copies the frame once (O(frame)) and calls
 * {@link #pasteInPlace}, which is O(faces).
 *
 * <p>Shrunk crops: GPEN's and the other Python tools' {@code warpAffine} read the crop with one
 * interpolated tap per frame pixel, which aliases the crop's finest detail when the crop is much
 * larger than the face in the frame ({@code frameToCrop} scale 3-5 for small faces). Here a patch
 * shrunk by more than 1.5 is first area-averaged to 1.5 pixels per frame pixel, face and mask
 * alike ({@link PatchPrefilter}); patches at scale 1.5 or less are read exactly as GPEN reads them.
 *
 * <p>Thread-safety: stateless; concurrent calls are safe when they write different targets.
 */
public final class PasteBack {
  private PasteBack() {}

  /**
   * Returns a new frame with the patches blended in; the input frame is not modified.
   *
   * @param frame the frame to paste into
   * @param patches the restored faces, possibly overlapping, possibly partly or wholly outside
   * @param fidelity how much of the restored face to use, in [0, 1]; 0 returns an identical frame
   * @param ticker the clock that times each patch
   * @return the new frame and the time attributed to each patch
   * @throws IllegalArgumentException if {@code fidelity} is not in [0, 1]
   */
  public static PasteResult paste(
      RgbaImage frame, List<FacePatch> patches, double fidelity, Ticker ticker) {
    Objects.requireNonNull(frame, "frame");
    RgbaImage out = frame.copy();
    return new PasteResult(out, pasteInPlace(out, patches, fidelity, ticker));
  }

  /**
   * Blends the patches into {@code target}, writing only pixels that some mask covers.
   *
   * @param target the frame to modify; the caller must own it
   * @param patches the restored faces, possibly overlapping, possibly partly or wholly outside
   * @param fidelity how much of the restored face to use, in [0, 1]
   * @param ticker the clock that times each patch
   * @return the time attributed to each patch, in order; a group's final blend is split evenly
   *     among its patches
   * @throws IllegalArgumentException if {@code fidelity} is not in [0, 1]
   */
  public static List<Duration> pasteInPlace(
      RgbaImage target, List<FacePatch> patches, double fidelity, Ticker ticker) {
    return pasteInPlace(target, patches, fidelity, ticker, true);
  }

  /**
   * {@link #pasteInPlace(RgbaImage, List, double, Ticker)}, with the prefilter of shrunk patches
   * optional: without it, every patch is read with one tap per frame pixel, as before issue 13 (the
   * tests compare the two).
   */
  static List<Duration> pasteInPlace(
      RgbaImage target, List<FacePatch> patches, double fidelity, Ticker ticker, boolean prefilterShrunk) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(patches, "patches");
    Objects.requireNonNull(ticker, "ticker");
    if (!(fidelity >= 0 && fidelity <= 1)) {
      throw new IllegalArgumentException("fidelity must be in [0, 1]: " + fidelity);
    }
    int n = patches.size();
    int[][] regions = new int[n][];
    for (int i = 0; i < n; i++) {
      regions[i] = region(Objects.requireNonNull(patches.get(i), "patches[" + i + "]"), target.width(), target.height());
    }
    long[] nanos = new long[n];
    float fid = (float) fidelity;
    for (int[] group : groups(regions)) {
      if (group.length == 1) {
        int i = group[0];
        long start = ticker.read();
        blendAlone(target, sampled(patches.get(i), prefilterShrunk), regions[i], fid);
        nanos[i] += ticker.read() - start;
      } else {
        blendGroup(target, patches, regions, group, fid, ticker, nanos, prefilterShrunk);
      }
    }
    List<Duration> times = new ArrayList<>(n);
    for (long t : nanos) {
      times.add(Duration.ofNanos(t));
    }
    return times;
  }

  /**
   * The patch as the blend reads it. Its region stays the one of the original crop square, which
   * contains the reduced one's.
   */
  private static FacePatch sampled(FacePatch patch, boolean prefilterShrunk) {
    return prefilterShrunk ? PatchPrefilter.forPaste(patch) : patch;
  }

  /**
   * The frame region {@code {x0, y0, x1, y1}} (inclusive) that the patch's crop covers, clipped to
   * the frame, or {@code null} when the patch lies wholly outside.
   */
  static int[] region(FacePatch patch, int width, int height) {
    SimilarityTransform toFrame = patch.frameToCrop().inverse();
    double last = patch.size() - 1;
    double minX = Double.POSITIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (int corner = 0; corner < 4; corner++) {
      double cx = (corner & 1) * last;
      double cy = (corner >> 1) * last;
      double fx = toFrame.a() * cx - toFrame.b() * cy + toFrame.tx();
      double fy = toFrame.b() * cx + toFrame.a() * cy + toFrame.ty();
      minX = Math.min(minX, fx);
      minY = Math.min(minY, fy);
      maxX = Math.max(maxX, fx);
      maxY = Math.max(maxY, fy);
    }
    double x0 = Math.max(0, Math.floor(minX));
    double y0 = Math.max(0, Math.floor(minY));
    double x1 = Math.min(width - 1, Math.ceil(maxX));
    double y1 = Math.min(height - 1, Math.ceil(maxY));
    if (x0 > x1 || y0 > y1) {
      return null;
    }
    return new int[] {(int) x0, (int) y0, (int) x1, (int) y1};
  }

  /** Connected components of the region-overlap graph (union-find); patches outside form none. */
  static List<int[]> groups(int[][] regions) {
    int n = regions.length;
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (regions[i] != null && regions[j] != null && overlap(regions[i], regions[j])) {
          parent[root(parent, i)] = root(parent, j);
        }
      }
    }
    // Groups in the order of their first patch, each listing its patches in order.
    List<int[]> groups = new ArrayList<>();
    int[] groupOfRoot = new int[n];
    Arrays.fill(groupOfRoot, -1);
    int[] sizes = new int[n];
    for (int i = 0; i < n; i++) {
      if (regions[i] != null) {
        sizes[root(parent, i)]++;
      }
    }
    int[] filled = new int[n];
    for (int i = 0; i < n; i++) {
      if (regions[i] == null) {
        continue;
      }
      int r = root(parent, i);
      if (groupOfRoot[r] < 0) {
        groupOfRoot[r] = groups.size();
        groups.add(new int[sizes[r]]);
      }
      groups.get(groupOfRoot[r])[filled[r]++] = i;
    }
    return groups;
  }

  private static int root(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static boolean overlap(int[] a, int[] b) {
    return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
  }

  private static void blendAlone(RgbaImage target, FacePatch patch, int[] box, float fid) {
    int[] px = target.pixels();
    int width = target.width();
    SimilarityTransform t = patch.frameToCrop();
    double a = t.a();
    double b = t.b();
    int s = patch.size();
    double last = s - 1;
    float[] face = patch.face().data();
    float[] mask = patch.mask().data();
    int plane = s * s;
    float[] wx = new float[4];
    float[] wy = new float[4];
    for (int y = box[1]; y <= box[3]; y++) {
      double rowX = -b * y + t.tx();
      double rowY = a * y + t.ty();
      int row = y * width;
      long span = span(rowX, a, rowY, b, last, box[0], box[2]);
      for (int x = (int) (span >> 32), end = (int) span; x <= end; x++) {
        double cx = rowX + a * x;
        double cy = rowY + b * x;
        if (!(cx >= 0 && cy >= 0 && cx <= last && cy <= last)) {
          continue;
        }
        int ix = (int) cx;
        int iy = (int) cy;
        float fx = (float) (cx - ix);
        float fy = (float) (cy - iy);
        int i00 = iy * s + ix;
        int dx = ix < s - 1 ? 1 : 0;
        int dy = iy < s - 1 ? s : 0;
        float m = lerp2(mask, i00, dx, dy, fx, fy);
        if (m <= 0) {
          continue;
        }
        float w = fid * m;
        int p = px[row + x];
        cubicWeights(fx, wx);
        cubicWeights(fy, wy);
        int r = mix(p >> 16 & 0xFF, cubic(face, 0, s, ix, iy, wx, wy), w);
        int g = mix(p >> 8 & 0xFF, cubic(face, plane, s, ix, iy, wx, wy), w);
        int bl = mix(p & 0xFF, cubic(face, 2 * plane, s, ix, iy, wx, wy), w);
        px[row + x] = (p & 0xFF000000) | r << 16 | g << 8 | bl;
      }
    }
  }

  private static void blendGroup(
      RgbaImage target, List<FacePatch> patches, int[][] regions, int[] group, float fid,
      Ticker ticker, long[] nanos, boolean prefilterShrunk) {
    int gx0 = Integer.MAX_VALUE;
    int gy0 = Integer.MAX_VALUE;
    int gx1 = Integer.MIN_VALUE;
    int gy1 = Integer.MIN_VALUE;
    for (int i : group) {
      gx0 = Math.min(gx0, regions[i][0]);
      gy0 = Math.min(gy0, regions[i][1]);
      gx1 = Math.max(gx1, regions[i][2]);
      gy1 = Math.max(gy1, regions[i][3]);
    }
    int gw = gx1 - gx0 + 1;
    int gh = gy1 - gy0 + 1;
    int area = Math.multiplyExact(gw, gh);
    float[] weightSum = new float[area];
    float[] colourSum = new float[3 * area];
    float[] uncovered = new float[area];
    Arrays.fill(uncovered, 1f);
    for (int i : group) {
      long start = ticker.read();
      accumulate(sampled(patches.get(i), prefilterShrunk), regions[i], gx0, gy0, gw, area, weightSum, colourSum, uncovered);
      nanos[i] += ticker.read() - start;
    }
    long start = ticker.read();
    int[] px = target.pixels();
    int width = target.width();
    for (int y = gy0; y <= gy1; y++) {
      int row = y * width;
      int k = (y - gy0) * gw - gx0;
      for (int x = gx0; x <= gx1; x++) {
        float sum = weightSum[k + x];
        if (sum <= 0) {
          continue;
        }
        float w = fid * (1 - uncovered[k + x]);
        float inv = 1 / sum;
        int p = px[row + x];
        int r = mix(p >> 16 & 0xFF, colourSum[k + x] * inv, w);
        int g = mix(p >> 8 & 0xFF, colourSum[area + k + x] * inv, w);
        int bl = mix(p & 0xFF, colourSum[2 * area + k + x] * inv, w);
        px[row + x] = (p & 0xFF000000) | r << 16 | g << 8 | bl;
      }
    }
    long share = (ticker.read() - start) / group.length;
    for (int i : group) {
      nanos[i] += share;
    }
  }

  private static void accumulate(
      FacePatch patch, int[] box, int gx0, int gy0, int gw, int area,
      float[] weightSum, float[] colourSum, float[] uncovered) {
    SimilarityTransform t = patch.frameToCrop();
    double a = t.a();
    double b = t.b();
    int s = patch.size();
    double last = s - 1;
    float[] face = patch.face().data();
    float[] mask = patch.mask().data();
    int plane = s * s;
    float[] wx = new float[4];
    float[] wy = new float[4];
    for (int y = box[1]; y <= box[3]; y++) {
      double rowX = -b * y + t.tx();
      double rowY = a * y + t.ty();
      int k = (y - gy0) * gw - gx0;
      long span = span(rowX, a, rowY, b, last, box[0], box[2]);
      for (int x = (int) (span >> 32), end = (int) span; x <= end; x++) {
        double cx = rowX + a * x;
        double cy = rowY + b * x;
        if (!(cx >= 0 && cy >= 0 && cx <= last && cy <= last)) {
          continue;
        }
        int ix = (int) cx;
        int iy = (int) cy;
        float fx = (float) (cx - ix);
        float fy = (float) (cy - iy);
        int i00 = iy * s + ix;
        int dx = ix < s - 1 ? 1 : 0;
        int dy = iy < s - 1 ? s : 0;
        float m = lerp2(mask, i00, dx, dy, fx, fy);
        if (m <= 0) {
          continue;
        }
        int j = k + x;
        weightSum[j] += m;
        uncovered[j] *= 1 - m;
        cubicWeights(fx, wx);
        cubicWeights(fy, wy);
        colourSum[j] += m * cubic(face, 0, s, ix, iy, wx, wy);
        colourSum[area + j] += m * cubic(face, plane, s, ix, iy, wx, wy);
        colourSum[2 * area + j] += m * cubic(face, 2 * plane, s, ix, iy, wx, wy);
      }
    }
  }

  /**
   * The columns {@code from..to} of a row, packed as {@code from << 32 | to}, outside which the crop
   * coordinates {@code (ox + a*x, oy + b*x)} leave {@code [0, last]}; one column of slack each side
   * absorbs rounding, and the per-pixel test stays exact. It skips the corners of the bounding box
   * of a rotated crop without testing them.
   */
  private static long span(double ox, double a, double oy, double b, double last, int from, int to) {
    double lo = from;
    double hi = to;
    for (int axis = 0; axis < 2; axis++) {
      double o = axis == 0 ? ox : oy;
      double c = axis == 0 ? a : b;
      if (c == 0) {
        if (o < 0 || o > last) {
          return (long) from << 32 | (from - 1) & 0xFFFFFFFFL;
        }
      } else {
        double e0 = -o / c;
        double e1 = (last - o) / c;
        lo = Math.max(lo, Math.floor(Math.min(e0, e1)) - 1);
        hi = Math.min(hi, Math.ceil(Math.max(e0, e1)) + 1);
      }
    }
    if (lo > hi) {
      return (long) from << 32 | (from - 1) & 0xFFFFFFFFL;
    }
    return (long) lo << 32 | (long) hi & 0xFFFFFFFFL;
  }

  /** Bilinear read at {@code i00} with the right neighbour {@code dx} and lower {@code dy} away. */
  private static float lerp2(float[] v, int i00, int dx, int dy, float fx, float fy) {
    float top = v[i00] + fx * (v[i00 + dx] - v[i00]);
    float bottom = v[i00 + dy] + fx * (v[i00 + dy + dx] - v[i00 + dy]);
    return top + fy * (bottom - top);
  }

  /**
   * Catmull-Rom weights (Keys 1981, "Cubic convolution interpolation for digital image processing",
   * a = -0.5) for the taps at offsets -1, 0, 1, 2 from the sample's integer position.
   */
  private static void cubicWeights(float t, float[] w) {
    float t2 = t * t;
    float t3 = t2 * t;
    w[0] = -0.5f * t3 + t2 - 0.5f * t;
    w[1] = 1.5f * t3 - 2.5f * t2 + 1f;
    w[2] = -1.5f * t3 + 2f * t2 + 0.5f * t;
    w[3] = 0.5f * t3 - 0.5f * t2;
  }

  /** Bicubic read of one plane at {@code (ix + fx, iy + fy)}, replicating the crop's border. */
  private static float cubic(float[] v, int plane, int s, int ix, int iy, float[] wx, float[] wy) {
    float sum = 0;
    int last = s - 1;
    for (int j = 0; j < 4; j++) {
      int yy = iy - 1 + j;
      int row = plane + (yy < 0 ? 0 : yy > last ? last : yy) * s;
      int x0 = ix - 1;
      float r = wx[0] * v[row + (x0 < 0 ? 0 : x0)]
          + wx[1] * v[row + ix]
          + wx[2] * v[row + (ix + 1 > last ? last : ix + 1)]
          + wx[3] * v[row + (ix + 2 > last ? last : ix + 2)];
      sum += wy[j] * r;
    }
    return sum;
  }

  private static int mix(int bg, float face, float w) {
    int v = (int) (bg + w * (face - bg) + 0.5f);
    return v < 0 ? 0 : Math.min(v, 255);
  }
}
