package io.gpen4j.internal.detect;

import io.gpen4j.spi.Tensor;
import java.util.Arrays;

/**
 * Renders a {@link Letterbox} of an image into a detector's {@code [1, 3, H, W]} float input:
 * resampled with {@link ResampleWeights} (separable, rows first), normalised with a
 * {@link PixelNormalization}, and padded with black on the bottom and right as the reference
 * implementations pad (black is normalised too, so the padding is the model's view of black).
 */
final class InputTensorWriter {
  private InputTensorWriter() {}

  /**
   * Writes the input tensor.
   *
   * @param pixels the source image
   * @param letterbox where the image's region goes in the input
   * @param normalization the channel order and value map
   * @return a new tensor of shape {@code [1, 3, inputHeight, inputWidth]}
   */
  static Tensor write(ArgbPixels pixels, Letterbox letterbox, PixelNormalization normalization) {
    int inW = letterbox.inputWidth();
    int inH = letterbox.inputHeight();
    int plane = inW * inH;
    float[] data = new float[3 * plane];
    for (int c = 0; c < 3; c++) {
      Arrays.fill(data, c * plane, (c + 1) * plane, -normalization.mean(c) * normalization.scale());
    }
    int outW = letterbox.contentWidth();
    int outH = letterbox.contentHeight();
    ResampleWeights wx = ResampleWeights.compute(outW, letterbox.scale(), letterbox.regionX(), pixels.width());
    ResampleWeights wy = ResampleWeights.compute(outH, letterbox.scale(), letterbox.regionY(), pixels.height());

    // Horizontal pass over every source row the vertical pass will read: rows x outW x (r, g, b).
    int row0 = wy.minSource();
    int rows = wy.maxSource() - row0 + 1;
    float[] horizontal = new float[rows * outW * 3];
    for (int r = 0; r < rows; r++) {
      int y = row0 + r;
      int base = r * outW * 3;
      for (int x = 0; x < outW; x++) {
        float red = 0;
        float green = 0;
        float blue = 0;
        int f = wx.first(x);
        for (int k = 0, n = wx.count(x); k < n; k++) {
          int p = pixels.rgb(f + k, y);
          float w = wx.weight(x, k);
          red += w * ((p >>> 16) & 0xFF);
          green += w * ((p >>> 8) & 0xFF);
          blue += w * (p & 0xFF);
        }
        horizontal[base + 3 * x] = red;
        horizontal[base + 3 * x + 1] = green;
        horizontal[base + 3 * x + 2] = blue;
      }
    }

    boolean bgr = normalization.bgr();
    float scale = normalization.scale();
    float m0 = normalization.mean0();
    float m1 = normalization.mean1();
    float m2 = normalization.mean2();
    for (int y = 0; y < outH; y++) {
      int f = wy.first(y) - row0;
      int n = wy.count(y);
      int out = y * inW;
      for (int x = 0; x < outW; x++) {
        float red = 0;
        float green = 0;
        float blue = 0;
        for (int k = 0; k < n; k++) {
          int i = ((f + k) * outW + x) * 3;
          float w = wy.weight(y, k);
          red += w * horizontal[i];
          green += w * horizontal[i + 1];
          blue += w * horizontal[i + 2];
        }
        float c0 = bgr ? blue : red;
        float c2 = bgr ? red : blue;
        data[out + x] = (c0 - m0) * scale;
        data[plane + out + x] = (green - m1) * scale;
        data[2 * plane + out + x] = (c2 - m2) * scale;
      }
    }
    return Tensor.wrap(data, 1, 3, inH, inW);
  }
}
