package io.gpen4j.internal.io;

/**
 * How {@link ImageEncoder} writes a file beyond its format: the JPEG quality and the print
 * resolution recorded in it (JFIF density for JPEG, {@code pHYs} for PNG), which an ID photo's
 * specification prescribes and a print service reads to size the print.
 *
 * @param jpegQuality JPEG quality in (0, 1]; ignored by PNG and BMP
 * @param dotsPerInch the resolution to record, or 0 to record none (the writers' defaults)
 */
public record EncodeSettings(float jpegQuality, int dotsPerInch) {
  /** What the pipeline writes: quality 0.95, no resolution. */
  public static final EncodeSettings DEFAULT = new EncodeSettings(OutputFormat.JPEG_QUALITY, 0);

  /**
   * Validates the settings.
   *
   * @throws IllegalArgumentException if the quality is not in (0, 1] or the resolution is negative
   *     or above 65535 (JFIF's 16-bit density)
   */
  public EncodeSettings {
    if (!(jpegQuality > 0 && jpegQuality <= 1)) {
      throw new IllegalArgumentException("jpegQuality must be in (0, 1]: " + jpegQuality);
    }
    if (dotsPerInch < 0 || dotsPerInch > 65535) {
      throw new IllegalArgumentException("dotsPerInch must be 0 (none) to 65535: " + dotsPerInch);
    }
  }

  /**
   * Returns these settings with another JPEG quality.
   *
   * @param quality the quality in (0, 1]
   * @return the settings
   */
  public EncodeSettings withJpegQuality(float quality) {
    return new EncodeSettings(quality, dotsPerInch);
  }
}
