package io.gpen4j.internal.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;
import java.util.Objects;

/**
 * A full-resolution frame as packed, non-premultiplied {@code 0xAARRGGBB} ints: 4 bytes a pixel,
 * the same layout as {@link BufferedImage#TYPE_INT_ARGB}, so it converts to and from Java2D
 * without a per-pixel loop.
 *
 * <p>The pipeline treats it as immutable once built: stages read it and write a new image or a
 * copy. {@link #pixels()} exposes the array to pipeline code for speed; only the stage that created
 * an image may write to it.
 */
public final class RgbaImage {
  private final int width;
  private final int height;
  private final int[] argb;
  private final boolean hasAlpha;

  private RgbaImage(int width, int height, int[] argb, boolean hasAlpha) {
    this.width = width;
    this.height = height;
    this.argb = argb;
    this.hasAlpha = hasAlpha;
  }

  /**
   * Wraps pixels without copying them.
   *
   * @param width the width, positive
   * @param height the height, positive
   * @param argb {@code width * height} packed pixels, row by row
   * @param hasAlpha whether the alpha channel carries information (else every alpha is 255)
   * @return the image
   * @throws IllegalArgumentException if the sizes do not fit
   */
  public static RgbaImage wrap(int width, int height, int[] argb, boolean hasAlpha) {
    Objects.requireNonNull(argb, "argb");
    if (width <= 0 || height <= 0 || (long) width * height != argb.length) {
      throw new IllegalArgumentException(
          "bad image size " + width + "x" + height + " for " + argb.length + " pixels");
    }
    return new RgbaImage(width, height, argb, hasAlpha);
  }

  /**
   * Creates an opaque black image.
   *
   * @param width the width, positive
   * @param height the height, positive
   * @param hasAlpha whether the image has an alpha channel (initially opaque)
   * @return the image
   */
  public static RgbaImage blank(int width, int height, boolean hasAlpha) {
    int[] px = new int[Math.multiplyExact(width, height)];
    java.util.Arrays.fill(px, 0xFF000000);
    return wrap(width, height, px, hasAlpha);
  }

  /**
   * Copies any {@link BufferedImage} into a new 8-bit sRGB image: grey and 16-bit samples are
   * read from the raster (Java2D's {@code getRGB} brightens grey), CMYK and ICC images are
   * converted to sRGB. See {@link RgbaConverter}.
   *
   * @param image the source, not modified
   * @return a new image that shares nothing with the source
   */
  public static RgbaImage fromBufferedImage(BufferedImage image) {
    return RgbaConverter.toRgba(image);
  }

  /** Returns the width. @return pixels */
  public int width() {
    return width;
  }

  /** Returns the height. @return pixels */
  public int height() {
    return height;
  }

  /** Returns whether the alpha channel carries information. @return true if not all opaque */
  public boolean hasAlpha() {
    return hasAlpha;
  }

  /** Returns the backing pixels, row by row. Pipeline use only. @return the live array */
  public int[] pixels() {
    return argb;
  }

  /**
   * Returns one pixel.
   *
   * @param x the column
   * @param y the row
   * @return the packed {@code 0xAARRGGBB} value
   */
  public int argb(int x, int y) {
    return argb[y * width + x];
  }

  /** Returns a deep copy. @return a new image with its own pixels */
  public RgbaImage copy() {
    return new RgbaImage(width, height, argb.clone(), hasAlpha);
  }

  /**
   * Returns a {@link BufferedImage} that shares this image's pixels: no copy, so it must be
   * treated as read-only. Used to hand the detection view to a {@link io.gpen4j.FaceDetector}.
   *
   * @return a view of type {@code TYPE_INT_ARGB} or {@code TYPE_INT_RGB}
   */
  public BufferedImage view() {
    DataBufferInt buffer = new DataBufferInt(argb, argb.length);
    DirectColorModel model = hasAlpha
        ? new DirectColorModel(32, 0x00FF0000, 0x0000FF00, 0x000000FF, 0xFF000000)
        : new DirectColorModel(24, 0x00FF0000, 0x0000FF00, 0x000000FF, 0);
    int[] masks = hasAlpha
        ? new int[] {0x00FF0000, 0x0000FF00, 0x000000FF, 0xFF000000}
        : new int[] {0x00FF0000, 0x0000FF00, 0x000000FF};
    SinglePixelPackedSampleModel sample =
        new SinglePixelPackedSampleModel(buffer.getDataType(), width, height, masks);
    WritableRaster raster = Raster.createWritableRaster(sample, buffer, null);
    return new BufferedImage(model, raster, false, null);
  }

  /**
   * Returns a new {@link BufferedImage} with a copy of the pixels, owned by the caller.
   *
   * @return an image of type {@code TYPE_INT_ARGB} when there is alpha, else {@code TYPE_INT_RGB}
   */
  public BufferedImage toBufferedImage() {
    return copy().view();
  }
}
