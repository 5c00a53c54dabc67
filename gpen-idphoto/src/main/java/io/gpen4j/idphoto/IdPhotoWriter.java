package io.gpen4j.idphoto;

import io.gpen4j.ImageFormat;
import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.internal.io.EncodeSettings;
import io.gpen4j.internal.io.ImageEncoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes ID photos and print sheets as JPEG or PNG with the print resolution in the file (JFIF
 * density, PNG {@code pHYs}), through gpen-core's encoder; files are replaced atomically.
 *
 * <p>Size limit: a JPEG is written at quality 0.95 when it fits; otherwise the highest quality that
 * fits is found by bisection (to 1/128) down to {@value #LOWEST_QUALITY}. A limit that even that
 * quality misses, or a PNG (lossless) over its limit, is refused with the sizes in the message and
 * nothing written. A kB is 1000 bytes, the stricter reading of upload limits.
 *
 * <p>Thread-safe: stateless.
 */
public final class IdPhotoWriter {
  /** The quality written when no limit forces a lower one. */
  static final float BEST_QUALITY = 0.95f;
  /** The lowest quality the size search tries. */
  static final float LOWEST_QUALITY = 0.05f;

  private IdPhotoWriter() {}

  /**
   * Writes an ID photo under the spec's file-size limit, if it has one.
   *
   * @param photo the photo
   * @param target the file; {@code .jpg}, {@code .jpeg} or {@code .png}
   * @return what was written, with the report's file-size rule
   * @throws IOException if writing fails
   * @throws IdPhotoException if the photo cannot fit the limit
   * @throws IllegalArgumentException if the extension is not supported
   */
  public static WrittenPhoto write(IdPhoto photo, Path target) throws IOException {
    return write(photo, target, photo.spec().maxFileKb());
  }

  /**
   * Writes an ID photo under a file-size limit.
   *
   * @param photo the photo
   * @param target the file; {@code .jpg}, {@code .jpeg} or {@code .png}
   * @param maxKb the largest file in kB (1000 bytes), or 0 for none (the spec's limit is not used)
   * @return what was written, with the report's file-size rule
   * @throws IOException if writing fails
   * @throws IdPhotoException if the photo cannot fit the limit
   * @throws IllegalArgumentException if the extension is not supported or {@code maxKb} is negative
   */
  public static WrittenPhoto write(IdPhoto photo, Path target, int maxKb) throws IOException {
    Objects.requireNonNull(photo, "photo");
    WrittenPhoto w = write(photo.image(), target, photo.spec().dpi(), maxKb, photo.background().rgb());
    return new WrittenPhoto(w.path(), w.bytes(), w.jpegQuality(), w.dpi(),
        photo.report().withFile(w.bytes(), photo.spec()));
  }

  /**
   * Writes a print sheet at its resolution.
   *
   * @param sheet the sheet
   * @param target the file; {@code .jpg}, {@code .jpeg} or {@code .png}
   * @return what was written
   * @throws IOException if writing fails
   * @throws IllegalArgumentException if the extension is not supported
   */
  public static WrittenPhoto write(PrintSheet sheet, Path target) throws IOException {
    Objects.requireNonNull(sheet, "sheet");
    return write(sheet.image(), target, sheet.size().dpi(), 0, 0xFFFFFF);
  }

  private static WrittenPhoto write(BufferedImage image, Path target, int dpi, int maxKb, int background)
      throws IOException {
    Objects.requireNonNull(target, "target");
    if (maxKb < 0) {
      throw new IllegalArgumentException("maxKb must be 0 (no limit) or positive: " + maxKb);
    }
    ImageFormat format = ImageEncoder.formatOf(target);
    if (format == ImageFormat.BMP) {
      throw new IllegalArgumentException("Cannot write " + target + ": an ID photo is written as .jpg or .png");
    }
    RgbaImage pixels = RgbaImage.fromBufferedImage(image);
    EncodeSettings settings = new EncodeSettings(BEST_QUALITY, dpi);
    long limit = maxKb * 1000L;
    byte[] best = ImageEncoder.encode(pixels, format, background, settings);
    float quality = format == ImageFormat.JPEG ? BEST_QUALITY : 0;
    if (limit > 0 && best.length > limit) {
      if (format != ImageFormat.JPEG) {
        throw new IdPhotoException(String.format(java.util.Locale.ROOT, "%s is %.1f kB as PNG, over the %d kB limit "
            + "(maxKb); PNG is lossless: write a .jpg to meet it", target, best.length / 1000.0, maxKb));
      }
      byte[] lowest = ImageEncoder.encode(pixels, format, background, settings.withJpegQuality(LOWEST_QUALITY));
      if (lowest.length > limit) {
        throw new IdPhotoException(String.format(java.util.Locale.ROOT, "%s cannot fit in %d kB (maxKb): it is still "
            + "%.1f kB at JPEG quality %.2f", target, maxKb, lowest.length / 1000.0, LOWEST_QUALITY));
      }
      // Bisection on quality: size grows with quality (not strictly, hence keeping the best that fits).
      float lo = LOWEST_QUALITY;
      float hi = BEST_QUALITY;
      best = lowest;
      quality = LOWEST_QUALITY;
      while (hi - lo > 1f / 128) {
        float mid = (lo + hi) / 2;
        byte[] b = ImageEncoder.encode(pixels, format, background, settings.withJpegQuality(mid));
        if (b.length <= limit) {
          lo = mid;
          best = b;
          quality = mid;
        } else {
          hi = mid;
        }
      }
    }
    ImageEncoder.writeEncoded(best, target);
    return new WrittenPhoto(target, best.length, quality, dpi, null);
  }
}
