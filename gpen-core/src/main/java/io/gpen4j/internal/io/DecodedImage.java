package io.gpen4j.internal.io;

import io.gpen4j.internal.image.RgbaImage;
import java.util.Objects;

/**
 * A decoded image: upright pixels (EXIF orientation already applied) in 8-bit sRGB ARGB, with where
 * they came from.
 *
 * @param image the upright pixels; {@link RgbaImage#hasAlpha()} is true when the file has an alpha
 *     channel (or a transparent palette entry)
 * @param format the container format, lower case as ImageIO names it: {@code jpeg}, {@code png},
 *     {@code bmp}, {@code webp}, {@code gif}, {@code tiff}
 * @param exifOrientation the EXIF orientation found in the file, 1 to 8; 1 when there was none
 */
public record DecodedImage(RgbaImage image, String format, int exifOrientation) {
  /**
   * Validates the parts.
   *
   * @throws NullPointerException if {@code image} or {@code format} is null
   * @throws IllegalArgumentException if {@code format} is blank or the orientation is not 1 to 8
   */
  public DecodedImage {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(format, "format");
    if (format.isBlank()) {
      throw new IllegalArgumentException("format is blank");
    }
    if (exifOrientation < 1 || exifOrientation > 8) {
      throw new IllegalArgumentException("exifOrientation must be 1 to 8, got " + exifOrientation);
    }
  }
}
