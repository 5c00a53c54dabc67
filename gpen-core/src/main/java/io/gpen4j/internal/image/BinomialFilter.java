package io.gpen4j.internal.image;

import java.util.Objects;

/**
 * The 3x3 binomial blur {@code [[1,2,1],[2,4,2],[1,2,1]] / 16}, which official GPEN applies to the
 * generator's output before pasting a small face (docs/REFERENCE.md §5; {@code face_enhancement.py}
 * filters with this kernel when the detector box's shorter side is under 100 px).
 *
 * <p>The kernel is separable, {@code [1,2,1]/4} along each axis, and borders reflect without
 * repeating the edge pixel ({@code dcb|abcd|cba}), OpenCV's default {@code BORDER_REFLECT_101}, so
 * the result matches {@code cv2.filter2D} with that kernel up to float rounding. A side of 1 has no
 * neighbour to reflect and is left unfiltered along that axis.
 *
 * <p>Thread-safety: stateless.
 */
public final class BinomialFilter {
  private BinomialFilter() {}

  /**
   * Filters every channel of an image.
   *
   * @param image the image; not modified
   * @return a new image of the same shape
   */
  public static FloatImage apply(FloatImage image) {
    Objects.requireNonNull(image, "image");
    int w = image.width();
    int h = image.height();
    float[] in = image.data();
    FloatImage out = FloatImage.create(w, h, image.channels());
    float[] dst = out.data();
    float[] rows = new float[w * h];
    for (int c = 0, plane = 0; c < image.channels(); c++, plane += w * h) {
      // Horizontal pass into rows, vertical pass from rows into the output.
      for (int y = 0; y < h; y++) {
        int o = plane + y * w;
        for (int x = 0; x < w; x++) {
          rows[y * w + x] = 0.25f * (in[o + reflect(x - 1, w)] + 2 * in[o + x] + in[o + reflect(x + 1, w)]);
        }
      }
      for (int y = 0; y < h; y++) {
        int up = reflect(y - 1, h) * w;
        int mid = y * w;
        int down = reflect(y + 1, h) * w;
        int o = plane + y * w;
        for (int x = 0; x < w; x++) {
          dst[o + x] = 0.25f * (rows[up + x] + 2 * rows[mid + x] + rows[down + x]);
        }
      }
    }
    return out;
  }

  /** BORDER_REFLECT_101 for one step outside {@code [0, n)}: -1 reads 1, n reads n - 2. */
  private static int reflect(int i, int n) {
    if (n == 1) {
      return 0;
    }
    return i < 0 ? -i : i >= n ? 2 * n - 2 - i : i;
  }
}
