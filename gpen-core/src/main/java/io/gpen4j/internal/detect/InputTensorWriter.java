package io.gpen4j.internal.detect;

import io.gpen4j.internal.image.ResampleFilter;
import io.gpen4j.internal.image.ResampleTaps;
import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.models.Normalization;
import io.gpen4j.spi.Tensor;
import java.util.Arrays;

/**
 * Renders a {@link Letterbox} of an image into a detector's {@code [1, 3, H, W]} float input in
 * one pass: resampled with {@link ResampleTaps} ({@link ResampleFilter#TRIANGLE}, separable,
 * vertical taps first so memory is one source row whatever the image size), normalised with the
 * model's {@link Normalization}, and padded with black on the bottom and right as the reference
 * implementations pad (black is normalised too, so the padding is the model's view of black).
 * Alpha is ignored: detectors see the colour channels only.
 */
final class InputTensorWriter {
  private InputTensorWriter() {}

  /**
   * Writes the input tensor.
   *
   * @param image the source image
   * @param letterbox where the image's region goes in the input
   * @param normalization the channel order and value map
   * @return a new tensor of shape {@code [1, 3, inputHeight, inputWidth]}
   */
  static Tensor write(RgbaImage image, Letterbox letterbox, Normalization normalization) {
    return write(image, letterbox, normalization, null);
  }

  /**
   * Writes the input into an array of the previous tile when it has the size: a tiled search of a
   * 100-megapixel photo runs hundreds of tiles, and a new array each (several MB, outside the
   * collector's thread-local buffers) kept the collector busy and the heap growing. Every element
   * is written (content and padding), so nothing of the previous tile is left.
   *
   * @param image the image
   * @param letterbox where the image's region goes in the input
   * @param normalization the channel order and value map
   * @param reuse an array to write into, used when it holds exactly {@code 3 x input} floats; or null
   * @return the tensor, backed by {@code reuse} when it was used
   */
  static Tensor write(RgbaImage image, Letterbox letterbox, Normalization normalization, float[] reuse) {
    int inW = letterbox.inputWidth();
    int inH = letterbox.inputHeight();
    int plane = inW * inH;
    float[] mean = new float[3];
    float[] inv = new float[3];
    float[] data = reuse != null && reuse.length == 3 * plane ? reuse : new float[3 * plane];
    int outW = letterbox.contentWidth();
    int outH = letterbox.contentHeight();
    for (int c = 0; c < 3; c++) {
      mean[c] = (float) normalization.mean(c);
      inv[c] = (float) (1.0 / normalization.std(c));
      fillPadding(data, c * plane, inW, inH, outW, outH, -mean[c] * inv[c]);
    }
    boolean bgr = normalization.bgr();
    if (letterbox.scale() == 1.0) {
      copyUnscaled(image, letterbox, data, mean, inv, bgr);
      return Tensor.wrap(data, 1, 3, inH, inW);
    }
    int width = image.width();
    ResampleTaps tx = ResampleTaps.region(ResampleFilter.TRIANGLE, outW, letterbox.scale(), letterbox.regionX(), width);
    ResampleTaps ty =
        ResampleTaps.region(ResampleFilter.TRIANGLE, outH, letterbox.scale(), letterbox.regionY(), image.height());
    int col0 = tx.first(0);
    int cols = tx.first(outW - 1) + tx.count(outW - 1) - col0;
    int[] px = image.pixels();
    // One source row span of (r, g, b) sums over the vertical taps of the current output row.
    float[] row = new float[cols * 3];
    for (int y = 0; y < outH; y++) {
      Arrays.fill(row, 0f);
      int fy = ty.first(y);
      for (int k = 0, n = ty.count(y); k < n; k++) {
        float w = ty.weight(y, k);
        int base = (fy + k) * width + col0;
        for (int x = 0, j = 0; x < cols; x++, j += 3) {
          int p = px[base + x];
          row[j] += w * ((p >> 16) & 0xFF);
          row[j + 1] += w * ((p >> 8) & 0xFF);
          row[j + 2] += w * (p & 0xFF);
        }
      }
      int out = y * inW;
      for (int x = 0; x < outW; x++) {
        float red = 0;
        float green = 0;
        float blue = 0;
        int f = tx.first(x) - col0;
        for (int k = 0, n = tx.count(x); k < n; k++) {
          int j = (f + k) * 3;
          float w = tx.weight(x, k);
          red += w * row[j];
          green += w * row[j + 1];
          blue += w * row[j + 2];
        }
        float c0 = bgr ? blue : red;
        float c2 = bgr ? red : blue;
        data[out + x] = (c0 - mean[0]) * inv[0];
        data[plane + out + x] = (green - mean[1]) * inv[1];
        data[2 * plane + out + x] = (c2 - mean[2]) * inv[2];
      }
    }
    return Tensor.wrap(data, 1, 3, inH, inW);
  }

  /**
   * The region at its own size (a photo no larger than the detector's input): each input pixel is
   * one source pixel, which is what the one-tap resampling gives, without its per-tap work.
   */
  private static void copyUnscaled(
      RgbaImage image, Letterbox letterbox, float[] data, float[] mean, float[] inv, boolean bgr) {
    int inW = letterbox.inputWidth();
    int plane = inW * letterbox.inputHeight();
    int width = image.width();
    int[] px = image.pixels();
    int x0 = letterbox.regionX();
    int y0 = letterbox.regionY();
    int w = letterbox.regionWidth();
    int shift0 = bgr ? 0 : 16;
    int shift2 = bgr ? 16 : 0;
    for (int y = 0, h = letterbox.regionHeight(); y < h; y++) {
      int src = (y0 + y) * width + x0;
      int out = y * inW;
      for (int x = 0; x < w; x++) {
        int p = px[src + x];
        data[out + x] = (((p >> shift0) & 0xFF) - mean[0]) * inv[0];
        data[plane + out + x] = (((p >> 8) & 0xFF) - mean[1]) * inv[1];
        data[2 * plane + out + x] = (((p >> shift2) & 0xFF) - mean[2]) * inv[2];
      }
    }
  }

  /** Fills one channel's padding (right of and below the content) with the normalised black. */
  private static void fillPadding(float[] data, int offset, int inW, int inH, int outW, int outH, float black) {
    if (outW < inW) {
      for (int y = 0; y < outH; y++) {
        Arrays.fill(data, offset + y * inW + outW, offset + (y + 1) * inW, black);
      }
    }
    Arrays.fill(data, offset + outH * inW, offset + inH * inW, black);
  }
}
