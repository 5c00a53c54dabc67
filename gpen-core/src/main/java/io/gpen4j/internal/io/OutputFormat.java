package io.gpen4j.internal.io;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The formats {@link ImageEncoder} writes, chosen by file extension, and how each is written.
 *
 * <p>JPEG and BMP cannot store alpha: it is dropped, keeping each pixel's colour as it is, not
 * composited over a background. That keeps the colours of the photograph the pipeline restored,
 * whatever a transparent area happened to hold. WebP is read but not written: no writer is on the
 * classpath.
 */
enum OutputFormat {
  /** Lossless; alpha kept. */
  PNG("png", List.of("png")),
  /** Quality {@value #JPEG_QUALITY}, baseline; alpha dropped. */
  JPEG("jpeg", List.of("jpg", "jpeg")),
  /** Uncompressed 24-bit; alpha dropped. */
  BMP("bmp", List.of("bmp"));

  /** JPEG quality: visually lossless for restored faces at a fraction of PNG's size. */
  static final float JPEG_QUALITY = 0.95f;

  private final String imageIoName;
  private final List<String> extensions;

  OutputFormat(String imageIoName, List<String> extensions) {
    this.imageIoName = imageIoName;
    this.extensions = extensions;
  }

  /**
   * Returns the format for a file name's extension, ignoring case.
   *
   * @param target the file to write
   * @return the format
   * @throws IllegalArgumentException if the extension is missing or not supported; the message
   *     names it and the supported ones
   */
  static OutputFormat forFile(Path target) {
    Objects.requireNonNull(target, "target");
    Path name = target.getFileName();
    String fileName = name == null ? "" : name.toString();
    int dot = fileName.lastIndexOf('.');
    String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    for (OutputFormat f : values()) {
      if (f.extensions.contains(extension)) {
        return f;
      }
    }
    String what =
        extension.isEmpty()
            ? "has no file extension"
            : "has unsupported extension '" + extension + "'";
    throw new IllegalArgumentException(
        "Cannot write "
            + target
            + ": it "
            + what
            + "; supported extensions are "
            + supportedExtensions());
  }

  /** Returns every supported extension. @return such as {@code png, jpg, jpeg, bmp} */
  static String supportedExtensions() {
    StringBuilder sb = new StringBuilder();
    for (OutputFormat f : values()) {
      for (String e : f.extensions) {
        sb.append(sb.length() == 0 ? "" : ", ").append(e);
      }
    }
    return sb.toString();
  }

  /**
   * Encodes an image in this format.
   *
   * @param image the image, not modified
   * @param out where to write
   * @throws IOException if no writer is installed or writing fails
   */
  void encode(BufferedImage image, ImageOutputStream out) throws IOException {
    BufferedImage writable = writable(image);
    Iterator<ImageWriter> writers =
        ImageIO.getImageWriters(ImageTypeSpecifier.createFromRenderedImage(writable), imageIoName);
    if (!writers.hasNext()) {
      throw new IOException("no ImageIO writer for " + imageIoName + " can encode " + writable);
    }
    ImageWriter writer = writers.next();
    try {
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (this == JPEG) {
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(JPEG_QUALITY);
      }
      writer.setOutput(out);
      writer.write(null, new IIOImage(writable, null, null), param);
    } finally {
      writer.dispose();
    }
  }

  /** Returns the image itself when this format stores it as it is, else a copy that fits. */
  private BufferedImage writable(BufferedImage image) {
    int type = image.getType();
    return switch (this) {
      case PNG -> pngStoresAsItIs(image) ? image : copyAs(image, argbOrRgb(image));
      case JPEG ->
          type == BufferedImage.TYPE_INT_RGB
                  || type == BufferedImage.TYPE_3BYTE_BGR
                  || type == BufferedImage.TYPE_BYTE_GRAY
              ? image
              : copyAs(image, BufferedImage.TYPE_INT_RGB);
      case BMP ->
          type == BufferedImage.TYPE_3BYTE_BGR
              ? image
              : copyAs(image, BufferedImage.TYPE_3BYTE_BGR);
    };
  }

  /**
   * PNG stores straight-alpha sRGB, grey and palette images (16-bit ones too) as they are, when a
   * writer accepts them. The writer copies samples unconverted, so premultiplied or other colour
   * spaces must be converted first.
   */
  private static boolean pngStoresAsItIs(BufferedImage image) {
    ColorModel cm = image.getColorModel();
    ColorSpace cs = cm.getColorSpace();
    boolean plain =
        !cm.isAlphaPremultiplied()
            && (cm instanceof IndexColorModel
                || cs.isCS_sRGB()
                || cs.getType() == ColorSpace.TYPE_GRAY);
    return plain
        && ImageIO.getImageWriters(ImageTypeSpecifier.createFromRenderedImage(image), "png")
            .hasNext();
  }

  private static int argbOrRgb(BufferedImage image) {
    return image.getColorModel().hasAlpha()
        ? BufferedImage.TYPE_INT_ARGB
        : BufferedImage.TYPE_INT_RGB;
  }

  /**
   * Copies into an 8-bit RGB(A) type. The pixels go through {@link RgbaConverter}, so grey and
   * 16-bit images keep the values the decoder would give them; for an opaque destination {@code
   * setRGB} ignores the alpha byte, which drops alpha without compositing.
   */
  private static BufferedImage copyAs(BufferedImage image, int type) {
    int w = image.getWidth();
    int h = image.getHeight();
    BufferedImage copy = new BufferedImage(w, h, type);
    copy.setRGB(0, 0, w, h, RgbaConverter.toRgba(image).pixels(), 0, w);
    return copy;
  }
}
