package io.gpen4j.examples.cli;

import java.util.Locale;
import javax.imageio.ImageIO;
import picocli.CommandLine;

/**
 * The {@code --format} choices. PNG and JPEG are written by gpen4j itself; WebP only when an
 * ImageIO WebP writer is on the class path (TwelveMonkeys' WebP plugin reads but does not write),
 * otherwise PNG.
 */
enum OutputFormatOption {
  PNG("png"),
  JPG("jpg"),
  WEBP_IF_AVAILABLE("webp-if-available");

  private final String label;

  OutputFormatOption(String label) {
    this.label = label;
  }

  /**
   * Returns the extension the outputs get here: {@code webp} only when a writer is installed.
   *
   * @return png, jpg or webp
   */
  String extension() {
    return switch (this) {
      case PNG -> "png";
      case JPG -> "jpg";
      case WEBP_IF_AVAILABLE -> webpWriterInstalled() ? "webp" : "png";
    };
  }

  static boolean webpWriterInstalled() {
    return ImageIO.getImageWritersByFormatName("webp").hasNext();
  }

  @Override
  public String toString() {
    return label;
  }

  /** Parses {@code png}, {@code jpg} (or {@code jpeg}) and {@code webp-if-available}. */
  static final class Converter implements CommandLine.ITypeConverter<OutputFormatOption> {
    @Override
    public OutputFormatOption convert(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      for (OutputFormatOption f : values()) {
        if (f.label.equals(v)) {
          return f;
        }
      }
      if (v.equals("jpeg")) {
        return JPG;
      }
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a format; use png, jpg or webp-if-available");
    }
  }
}
