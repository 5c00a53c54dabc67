package io.gpen4j.internal.io;

import io.gpen4j.ImageFormat;
import io.gpen4j.internal.image.RgbaImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Objects;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageOutputStream;

/**
 * How each {@link ImageFormat} is written with ImageIO, straight from the pipeline's
 * {@link RgbaImage}.
 *
 * <p>PNG and an opaque JPEG are written from a view that shares the image's pixels (no copy): PNG
 * with alpha when the image has it, its rows read as views too ({@link RowViewImage}). An image
 * with alpha is composited over a background colour for JPEG and BMP (one copy; the CLI warns):
 * dropping alpha alone would show whatever colours the transparent pixels hold, often garbage. BMP's
 * writer takes 3-byte BGR only, so that format costs one copy.
 */
final class OutputFormat {
  /** JPEG quality: visually lossless for restored faces at a fraction of PNG's size. */
  static final float JPEG_QUALITY = 0.95f;
  /** White: what a transparent area looks like on a page. */
  static final int DEFAULT_BACKGROUND = 0xFFFFFF;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OutputFormat.class);

  private OutputFormat() {}

  /**
   * Returns the format for a file name's extension, ignoring case.
   *
   * @param target the file to write
   * @return the format
   * @throws IllegalArgumentException if the extension is missing or not supported; the message
   *     names the file and the supported extensions
   */
  static ImageFormat forFile(Path target) {
    Objects.requireNonNull(target, "target");
    Path name = target.getFileName();
    String fileName = name == null ? "" : name.toString();
    int dot = fileName.lastIndexOf('.');
    String extension = dot < 0 ? "" : fileName.substring(dot + 1);
    return ImageFormat.forExtension(extension).orElseThrow(() -> new IllegalArgumentException("Cannot write "
        + target + ": it " + (extension.isEmpty() ? "has no file extension" : "has unsupported extension '"
        + extension + "'") + "; supported extensions are " + ImageFormat.supportedExtensions()));
  }

  /**
   * Encodes an image.
   *
   * @param format the format
   * @param image the image, not modified
   * @param out where to write
   * @throws IOException if no writer is installed or writing fails
   */
  static void encode(ImageFormat format, RgbaImage image, ImageOutputStream out) throws IOException {
    encode(format, image, DEFAULT_BACKGROUND, out);
  }

  /**
   * Encodes an image, compositing alpha over {@code background} for formats without alpha.
   *
   * @param format the format
   * @param image the image, not modified
   * @param background {@code 0xRRGGBB} under transparent areas (JPEG, BMP)
   * @param out where to write
   * @throws IOException if no writer is installed or writing fails
   */
  static void encode(ImageFormat format, RgbaImage image, int background, ImageOutputStream out)
      throws IOException {
    encode(format, image, background, EncodeSettings.DEFAULT, out);
  }

  /**
   * Encodes an image, compositing alpha over {@code background} for formats without alpha, with a
   * JPEG quality and a print resolution.
   *
   * @param format the format
   * @param image the image, not modified
   * @param background {@code 0xRRGGBB} under transparent areas (JPEG, BMP)
   * @param settings the JPEG quality and the resolution to record (JPEG and PNG; BMP records none)
   * @param out where to write
   * @throws IOException if no writer is installed or writing fails
   */
  static void encode(ImageFormat format, RgbaImage image, int background, EncodeSettings settings,
      ImageOutputStream out) throws IOException {
    RgbaImage opaque = image;
    if (format != ImageFormat.PNG && image.hasAlpha()) {
      // Debug, not warn: the caller knows the file and the option, and warns in its own words.
      LOG.debug("{} has no alpha: transparent areas composited on #{}", format,
          String.format(java.util.Locale.ROOT, "%06X", background));
      opaque = AlphaFlattening.over(image, background);
    }
    BufferedImage writable = switch (format) {
      case PNG -> RowViewImage.of(image.view());
      case JPEG -> RgbaImage.wrap(opaque.width(), opaque.height(), opaque.pixels(), false).view();
      case BMP -> bgr(opaque);
    };
    String name = format.name().toLowerCase(java.util.Locale.ROOT);
    Iterator<ImageWriter> writers = ImageIO.getImageWriters(ImageTypeSpecifier.createFromRenderedImage(writable), name);
    if (!writers.hasNext()) {
      throw new IOException("no ImageIO writer for " + name + " can encode " + writable);
    }
    ImageWriter writer = writers.next();
    try {
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (format == ImageFormat.JPEG) {
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(settings.jpegQuality());
      }
      IIOMetadata metadata = settings.dotsPerInch() > 0 && format != ImageFormat.BMP
          ? PrintResolution.metadata(writer, writable, param, format, settings.dotsPerInch()) : null;
      writer.setOutput(out);
      writer.write(null, new IIOImage(writable, null, metadata), param);
    } finally {
      writer.dispose();
    }
  }

  /** An opaque 3-byte BGR copy; {@code setRGB} into an opaque type ignores the alpha byte. */
  private static BufferedImage bgr(RgbaImage image) {
    int w = image.width();
    int h = image.height();
    BufferedImage copy = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    copy.setRGB(0, 0, w, h, image.pixels(), 0, w);
    return copy;
  }
}
