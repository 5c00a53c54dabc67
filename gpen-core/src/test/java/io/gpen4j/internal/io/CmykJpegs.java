package io.gpen4j.internal.io;

import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes four-channel JPEGs as Photoshop does: an Adobe APP14 segment (transform 0 = CMYK, 2 =
 * YCCK) and inverted CMYK values. ImageIO writes a four-band raster's samples unconverted and
 * without APP14, so this class converts the samples itself and inserts the segment.
 */
final class CmykJpegs {
  private static final int PATCH = 16;

  private CmykJpegs() {}

  /**
   * Writes one flat 16x16 patch per colour, side by side.
   *
   * @param cmyk colours as {C, M, Y, K} in 0..255 (255 = full ink)
   * @param ycck true for YCCK (Adobe transform 2), false for plain CMYK (transform 0)
   */
  static byte[] patches(int[][] cmyk, boolean ycck) {
    WritableRaster raster =
        Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, PATCH * cmyk.length, PATCH, 4, null);
    for (int i = 0; i < cmyk.length; i++) {
      int[] samples = ycck ? toYcck(cmyk[i]) : inverted(cmyk[i]);
      for (int y = 0; y < PATCH; y++) {
        for (int x = 0; x < PATCH; x++) {
          raster.setPixel(i * PATCH + x, y, samples);
        }
      }
    }
    return withAdobeSegment(writeRaw(raster), ycck ? 2 : 0);
  }

  /** The centre of patch {@code i}. */
  static int patchCentreX(int i) {
    return i * PATCH + PATCH / 2;
  }

  static int patchCentreY() {
    return PATCH / 2;
  }

  /** Adobe CMYK JPEGs store 255 - ink. */
  private static int[] inverted(int[] cmyk) {
    return new int[] {255 - cmyk[0], 255 - cmyk[1], 255 - cmyk[2], 255 - cmyk[3]};
  }

  /**
   * YCCK: the inverted C, M, Y are taken as R, G, B (so R = C) and converted to JFIF YCbCr (ITU-R
   * BT.601 full range); K stays inverted.
   */
  private static int[] toYcck(int[] cmyk) {
    double r = cmyk[0];
    double g = cmyk[1];
    double b = cmyk[2];
    double y = 0.299 * r + 0.587 * g + 0.114 * b;
    double cb = -0.168736 * r - 0.331264 * g + 0.5 * b + 128;
    double cr = 0.5 * r - 0.418688 * g - 0.081312 * b + 128;
    return new int[] {clamp(y), clamp(cb), clamp(cr), 255 - cmyk[3]};
  }

  private static int clamp(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }

  private static byte[] writeRaw(Raster raster) {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    ImageWriter writer = writers.next();
    try {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.98f);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
        writer.setOutput(out);
        writer.write(null, new IIOImage(raster, null, null), param);
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
  }

  /** Inserts APP14 "Adobe" (version 100, flags 0, the transform) right after SOI. */
  private static byte[] withAdobeSegment(byte[] jpeg, int transform) {
    byte[] app14 = {
      (byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, (byte) transform
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    out.writeBytes(app14);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }
}
