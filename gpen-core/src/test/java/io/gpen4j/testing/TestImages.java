package io.gpen4j.testing;

import io.gpen4j.internal.image.FloatImage;
import io.gpen4j.internal.image.RgbaImage;
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

/**
 * Seeded synthetic test images: pixel buffers ({@link RgbaImage}, {@link FloatImage}) for the
 * image-op tests, and {@link BufferedImage}s encoded with ImageIO and Commons Imaging for the
 * codec tests.
 */
public final class TestImages {
  public static final int RED = 0xFFE01010;
  public static final int GREEN = 0xFF10C010;
  public static final int BLUE = 0xFF1010E0;
  public static final int WHITE = 0xFFF0F0F0;

  private TestImages() {}

  /** Uniform noise in every colour channel, opaque: the hardest case for interpolation. */
  public static RgbaImage noise(int width, int height, Random rnd) {
    int[] px = new int[width * height];
    for (int i = 0; i < px.length; i++) {
      px[i] = 0xFF000000 | (rnd.nextInt() & 0xFFFFFF);
    }
    return RgbaImage.wrap(width, height, px, false);
  }

  /** Noise in all four channels, alpha included. */
  public static RgbaImage noiseWithAlpha(int width, int height, Random rnd) {
    int[] px = new int[width * height];
    for (int i = 0; i < px.length; i++) {
      px[i] = rnd.nextInt();
    }
    return RgbaImage.wrap(width, height, px, true);
  }

  /** A smooth image: per channel a sum of random sinusoids with periods of 12 to 60 pixels. */
  public static RgbaImage smooth(int width, int height, Random rnd) {
    double[][] waves = new double[3 * 4][];
    for (int k = 0; k < waves.length; k++) {
      double period = 12 + 48 * rnd.nextDouble();
      double angle = Math.PI * rnd.nextDouble();
      double f = 2 * Math.PI / period;
      waves[k] = new double[] {f * Math.cos(angle), f * Math.sin(angle), 2 * Math.PI * rnd.nextDouble()};
    }
    int[] px = new int[width * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int p = 0xFF000000;
        for (int c = 0; c < 3; c++) {
          double v = 128;
          for (int k = 0; k < 4; k++) {
            double[] wv = waves[c * 4 + k];
            v += 30 * Math.sin(wv[0] * x + wv[1] * y + wv[2]);
          }
          p |= (int) Math.round(v) << (16 - 8 * c);
        }
        px[y * width + x] = p;
      }
    }
    return RgbaImage.wrap(width, height, px, false);
  }

  /** The RGB channels of an image as a planar float image. */
  public static FloatImage planar(RgbaImage image) {
    int w = image.width();
    int h = image.height();
    FloatImage out = FloatImage.create(w, h, 3);
    float[] d = out.data();
    int[] px = image.pixels();
    for (int i = 0; i < px.length; i++) {
      d[i] = px[i] >> 16 & 0xFF;
      d[w * h + i] = px[i] >> 8 & 0xFF;
      d[2 * w * h + i] = px[i] & 0xFF;
    }
    return out;
  }

  /** A planar RGB float image rounded into an opaque frame. */
  public static RgbaImage toRgba(FloatImage image) {
    int plane = image.width() * image.height();
    float[] d = image.data();
    int[] px = new int[plane];
    for (int i = 0; i < plane; i++) {
      px[i] = 0xFF000000 | toByte(d[i]) << 16 | toByte(d[plane + i]) << 8 | toByte(d[2 * plane + i]);
    }
    return RgbaImage.wrap(image.width(), image.height(), px, false);
  }

  public static int toByte(float v) {
    return Math.max(0, Math.min(255, Math.round(v)));
  }

  /** Channel {@code c} (0 = alpha, 1 = red, 2 = green, 3 = blue) of a packed pixel. */
  public static int channel(int argb, int c) {
    return argb >>> (24 - 8 * c) & 0xFF;
  }

  /**
   * Paints a 2x2 grid of flat quadrants.
   *
   * @param layout four letters, row by row, such as {@code "RGBW"}: R red, G green, B blue, W white
   */
  public static BufferedImage quadrants(int width, int height, String layout) {
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

  public static int colour(char letter) {
    return switch (letter) {
      case 'R' -> RED;
      case 'G' -> GREEN;
      case 'B' -> BLUE;
      case 'W' -> WHITE;
      default -> throw new IllegalArgumentException("no colour for " + letter);
    };
  }

  /** A random opaque RGB image from a seed. */
  public static BufferedImage randomRgb(int width, int height, long seed) {
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
  public static BufferedImage gradient(int width, int height) {
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
  public static byte[] encode(BufferedImage image, String format) {
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
  public static byte[] jpeg(BufferedImage image, boolean progressive) {
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
  public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
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
  public static boolean isProgressiveJpeg(byte[] jpeg) {
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
