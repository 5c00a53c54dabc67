package io.gpen4j.internal.io;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/** Builds test images in memory and encodes them with ImageIO and Commons Imaging. */
final class TestImages {
  static final int RED = 0xFFE01010;
  static final int GREEN = 0xFF10C010;
  static final int BLUE = 0xFF1010E0;
  static final int WHITE = 0xFFF0F0F0;

  private TestImages() {}

  /**
   * Paints a 2x2 grid of flat quadrants.
   *
   * @param layout four letters, row by row, such as {@code "RGBW"}: R red, G green, B blue, W white
   */
  static BufferedImage quadrants(int width, int height, String layout) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    for (int q = 0; q < 4; q++) {
      g.setColor(new Color(colour(layout.charAt(q)), true));
      int x0 = (q % 2) * width / 2;
      int y0 = (q / 2) * height / 2;
      g.fillRect(x0, y0, width / 2, height / 2);
    }
    g.dispose();
    return img;
  }

  static int colour(char letter) {
    return switch (letter) {
      case 'R' -> RED;
      case 'G' -> GREEN;
      case 'B' -> BLUE;
      case 'W' -> WHITE;
      default -> throw new IllegalArgumentException("no colour for " + letter);
    };
  }

  /** A random opaque RGB image from a seed. */
  static BufferedImage randomRgb(int width, int height, long seed) {
    Random random = new Random(seed);
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        img.setRGB(x, y, random.nextInt() | 0xFF000000);
      }
    }
    return img;
  }

  /** A smooth colour gradient, which JPEG reproduces closely. */
  static BufferedImage gradient(int width, int height) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int r = x * 255 / (width - 1);
        int g = y * 255 / (height - 1);
        int b = 255 - (r + g) / 2;
        img.setRGB(x, y, 0xFF000000 | r << 16 | g << 8 | b);
      }
    }
    return img;
  }

  /** Encodes with the first ImageIO writer for the format. */
  static byte[] encode(BufferedImage image, String format) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no " + format + " writer for " + image);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Encodes a JPEG at quality 0.95, progressive or baseline. */
  static byte[] jpeg(BufferedImage image, boolean progressive) {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    ImageWriter writer = writers.next();
    try {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.95f);
      if (progressive) {
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
        writer.setOutput(out);
        writer.write(null, new IIOImage(image, null, null), param);
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
  }

  /** Adds an EXIF APP1 segment holding only the orientation, leaving the image data as it is. */
  static byte[] withExifOrientation(byte[] jpeg, int orientation) {
    try {
      TiffOutputSet exif = new TiffOutputSet();
      exif.getOrCreateRootDirectory()
          .add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) orientation);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new ExifRewriter().updateExifMetadataLossless(jpeg, out, exif);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether a JPEG stream's frame header is SOF2 (progressive, Huffman), walking the segments. */
  static boolean isProgressiveJpeg(byte[] jpeg) {
    int i = 2;
    while (i + 3 < jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
      int marker = jpeg[i + 1] & 0xFF;
      if (marker == 0xC2) {
        return true;
      }
      if (marker == 0xDA) {
        return false;
      }
      i += 2 + ((jpeg[i + 2] & 0xFF) << 8 | (jpeg[i + 3] & 0xFF));
    }
    return false;
  }
}
