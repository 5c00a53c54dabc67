package io.gpen4j.internal.detect;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;
import java.util.Objects;

/**
 * Read-only access to an image's pixels as packed {@code 0xRRGGBB} ints.
 *
 * <p>Images backed by packed int RGB data ({@code TYPE_INT_RGB}, {@code TYPE_INT_ARGB} and their
 * sub-images) are read in place through their {@link DataBufferInt} without a copy; any other
 * type is converted once through {@link BufferedImage#getRGB}, which handles grey, indexed,
 * 16-bit and ICC colour models. Alpha is ignored: detectors see the colour channels only.
 */
final class ArgbPixels {
  private final int width;
  private final int height;
  private final int[] data;
  private final int offset;
  private final int stride;

  private ArgbPixels(int width, int height, int[] data, int offset, int stride) {
    this.width = width;
    this.height = height;
    this.data = data;
    this.offset = offset;
    this.stride = stride;
  }

  /**
   * Gives access to an image's pixels; the image must not change while the result is in use.
   *
   * @param image the image
   * @return its pixels
   */
  static ArgbPixels of(BufferedImage image) {
    Objects.requireNonNull(image, "image");
    int w = image.getWidth();
    int h = image.getHeight();
    WritableRaster raster = image.getRaster();
    if (image.getColorModel() instanceof DirectColorModel cm
        && !cm.isAlphaPremultiplied()
        && cm.getRedMask() == 0xFF0000
        && cm.getGreenMask() == 0xFF00
        && cm.getBlueMask() == 0xFF
        && raster.getSampleModel() instanceof SinglePixelPackedSampleModel sm
        && raster.getDataBuffer() instanceof DataBufferInt buffer
        && buffer.getNumBanks() == 1) {
      // A sub-image shares its parent's buffer; the sample model translation locates its origin.
      int origin = buffer.getOffset()
          + sm.getOffset(-raster.getSampleModelTranslateX(), -raster.getSampleModelTranslateY());
      return new ArgbPixels(w, h, buffer.getData(), origin, sm.getScanlineStride());
    }
    return new ArgbPixels(w, h, image.getRGB(0, 0, w, h, null, 0, w), 0, w);
  }

  /**
   * Wraps packed pixels without copying them.
   *
   * @param width the width, positive
   * @param height the height, positive
   * @param rgb {@code width * height} packed pixels, row by row
   * @return the pixels
   */
  static ArgbPixels wrap(int width, int height, int[] rgb) {
    Objects.requireNonNull(rgb, "rgb");
    if (width <= 0 || height <= 0 || (long) width * height != rgb.length) {
      throw new IllegalArgumentException("bad size " + width + "x" + height + " for " + rgb.length + " pixels");
    }
    return new ArgbPixels(width, height, rgb, 0, width);
  }

  /** Returns the width. @return pixels */
  int width() {
    return width;
  }

  /** Returns the height. @return pixels */
  int height() {
    return height;
  }

  /**
   * Returns one pixel.
   *
   * @param x the column
   * @param y the row
   * @return the packed value; bits 16-23 red, 8-15 green, 0-7 blue, the top byte undefined
   */
  int rgb(int x, int y) {
    return data[offset + y * stride + x];
  }
}
