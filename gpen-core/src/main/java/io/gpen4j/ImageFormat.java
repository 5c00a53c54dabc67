package io.gpen4j;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The formats a restored image can be written in.
 *
 * <p>JPEG and BMP cannot store alpha: transparent areas are composited on
 * {@link RestoreOptions#jpegBackground()} (white by default) before the alpha is dropped. WebP is
 * read but not written.
 */
public enum ImageFormat {
  /** Lossless; alpha kept. */
  PNG(List.of("png")),
  /** Quality 0.95, baseline; alpha composited on the background colour. */
  JPEG(List.of("jpg", "jpeg")),
  /** Uncompressed 24-bit; alpha composited on the background colour. */
  BMP(List.of("bmp"));

  private final List<String> extensions;

  ImageFormat(List<String> extensions) {
    this.extensions = extensions;
  }

  /**
   * Returns the file extensions of this format, the usual one first.
   *
   * @return such as {@code [jpg, jpeg]}
   */
  public List<String> extensions() {
    return extensions;
  }

  /**
   * Returns the format of a file extension, ignoring case.
   *
   * @param extension such as {@code jpg}, without the dot
   * @return the format, or empty when none is written with that extension
   */
  public static Optional<ImageFormat> forExtension(String extension) {
    String e = Objects.requireNonNull(extension, "extension").toLowerCase(Locale.ROOT);
    for (ImageFormat f : values()) {
      if (f.extensions.contains(e)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** Returns every supported extension. @return {@code png, jpg, jpeg, bmp} */
  public static String supportedExtensions() {
    StringBuilder sb = new StringBuilder();
    for (ImageFormat f : values()) {
      for (String e : f.extensions) {
        sb.append(sb.length() == 0 ? "" : ", ").append(e);
      }
    }
    return sb.toString();
  }
}
