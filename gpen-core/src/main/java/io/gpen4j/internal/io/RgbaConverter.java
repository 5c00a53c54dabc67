package io.gpen4j.internal.io;

import io.gpen4j.internal.image.RgbaImage;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.util.Objects;

/**
 * Converts whatever an ImageIO reader returns into 8-bit, non-premultiplied sRGB ARGB.
 *
 * <p>Design: Java2D's own {@code getRGB} is not used for grey images because it treats the JDK's
 * {@code CS_GRAY} as linear light and brightens it (grey 128 becomes 188), while grey PNG and JPEG
 * samples are gamma-encoded exactly like sRGB and every viewer shows them unchanged. Grey and sRGB
 * component images are therefore read sample by sample from the raster, and samples deeper than 8
 * bits are rescaled with rounding ({@code round(s * 255 / (2^bits - 1))}), never by keeping one
 * byte. Palette and packed images go through their colour model, which is exact for them; anything
 * else (an embedded ICC profile, CMYK, premultiplied or floating-point samples) is converted to
 * sRGB by {@link ColorConvertOp}.
 *
 * <p>Thread-safe: stateless.
 */
final class RgbaConverter {
  private RgbaConverter() {}

  /**
   * Copies an image into a new sRGB {@link RgbaImage}.
   *
   * @param image the source, not modified
   * @return a new image; {@link RgbaImage#hasAlpha()} is true when the colour model has alpha
   */
  static RgbaImage toRgba(BufferedImage image) {
    Objects.requireNonNull(image, "image");
    ColorModel cm = image.getColorModel();
    boolean alpha = cm.hasAlpha();
    int[] argb;
    if (isPlainComponent(cm) && isGrey(cm)) {
      argb = fromComponents(image.getRaster(), cm, true);
    } else if (isPlainComponent(cm) && cm.getColorSpace().isCS_sRGB()) {
      argb = fromComponents(image.getRaster(), cm, false);
    } else if (cm instanceof IndexColorModel
        || (cm instanceof DirectColorModel && cm.getColorSpace().isCS_sRGB())) {
      argb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    } else {
      argb = throughColorConvertOp(image, alpha);
    }
    if (!alpha) {
      for (int i = 0; i < argb.length; i++) {
        argb[i] |= 0xFF000000;
      }
    }
    return RgbaImage.wrap(image.getWidth(), image.getHeight(), argb, alpha);
  }

  /** Integer samples of at most 16 bits, not premultiplied: safe to read from the raster. */
  private static boolean isPlainComponent(ColorModel cm) {
    if (!(cm instanceof ComponentColorModel) || cm.isAlphaPremultiplied()) {
      return false;
    }
    int type = cm.getTransferType();
    if (type != DataBuffer.TYPE_BYTE && type != DataBuffer.TYPE_USHORT) {
      return false;
    }
    for (int size : cm.getComponentSize()) {
      if (size < 1 || size > 16) {
        return false;
      }
    }
    return true;
  }

  private static boolean isGrey(ColorModel cm) {
    return cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && cm.getNumColorComponents() == 1;
  }

  /** Reads grey (+alpha) or RGB (+alpha) samples; colour bands first, alpha last. */
  private static int[] fromComponents(Raster raster, ColorModel cm, boolean grey) {
    int w = raster.getWidth();
    int h = raster.getHeight();
    int bands = raster.getNumBands();
    int[] bits = cm.getComponentSize();
    boolean alpha = cm.hasAlpha();
    int[] argb = new int[Math.multiplyExact(w, h)];
    if (allEightBit(bits) && fromInterleavedBytes(raster, grey, alpha, argb)) {
      return argb;
    }
    int[] row = new int[w * bands];
    for (int y = 0; y < h; y++) {
      raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
      int out = y * w;
      for (int x = 0, i = 0; x < w; x++, i += bands) {
        int r;
        int g;
        int b;
        int a;
        if (grey) {
          r = to8Bit(row[i], bits[0]);
          g = r;
          b = r;
          a = alpha ? to8Bit(row[i + 1], bits[1]) : 255;
        } else {
          r = to8Bit(row[i], bits[0]);
          g = to8Bit(row[i + 1], bits[1]);
          b = to8Bit(row[i + 2], bits[2]);
          a = alpha ? to8Bit(row[i + 3], bits[3]) : 255;
        }
        argb[out + x] = a << 24 | r << 16 | g << 8 | b;
      }
    }
    return argb;
  }

  /**
   * The fast path for the usual 8-bit interleaved rasters (JPEG, 8-bit PNG): reads the byte array
   * directly instead of going through the sample model per pixel.
   *
   * @return false if the raster is not laid out that way (the caller then takes the slow path)
   */
  private static boolean fromInterleavedBytes(
      Raster raster, boolean grey, boolean alpha, int[] argb) {
    if (!(raster.getDataBuffer() instanceof DataBufferByte buffer)
        || buffer.getNumBanks() != 1
        || !(raster.getSampleModel() instanceof ComponentSampleModel sm)) {
      return false;
    }
    for (int bank : sm.getBankIndices()) {
      if (bank != 0) {
        return false;
      }
    }
    byte[] data = buffer.getData();
    int[] offsets = sm.getBandOffsets();
    int pixelStride = sm.getPixelStride();
    int scanline = sm.getScanlineStride();
    int x0 = raster.getMinX() - raster.getSampleModelTranslateX();
    int y0 = raster.getMinY() - raster.getSampleModelTranslateY();
    int base = buffer.getOffset() + y0 * scanline + x0 * pixelStride;
    int w = raster.getWidth();
    int h = raster.getHeight();
    int oR = offsets[0];
    int oG = grey ? offsets[0] : offsets[1];
    int oB = grey ? offsets[0] : offsets[2];
    int oA = alpha ? offsets[grey ? 1 : 3] : -1;
    for (int y = 0; y < h; y++) {
      int p = base + y * scanline;
      int out = y * w;
      for (int x = 0; x < w; x++, p += pixelStride) {
        int a = oA < 0 ? 0xFF : data[p + oA] & 0xFF;
        argb[out + x] =
            a << 24
                | (data[p + oR] & 0xFF) << 16
                | (data[p + oG] & 0xFF) << 8
                | (data[p + oB] & 0xFF);
      }
    }
    return true;
  }

  private static boolean allEightBit(int[] bits) {
    for (int b : bits) {
      if (b != 8) {
        return false;
      }
    }
    return true;
  }

  /** Rescales an unsigned sample of {@code bits} bits to 0..255, rounding to nearest. */
  static int to8Bit(int sample, int bits) {
    if (bits == 8) {
      return sample;
    }
    int max = (1 << bits) - 1;
    return (int) (((long) sample * 255 + max / 2) / max);
  }

  private static int[] throughColorConvertOp(BufferedImage image, boolean alpha) {
    int w = image.getWidth();
    int h = image.getHeight();
    BufferedImage srgb =
        new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    new ColorConvertOp(null).filter(image, srgb);
    // srgb is ours alone, so its backing array can be handed on without a copy.
    return ((DataBufferInt) srgb.getRaster().getDataBuffer()).getData();
  }
}
