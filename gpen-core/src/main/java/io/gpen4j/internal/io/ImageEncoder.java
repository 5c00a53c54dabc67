package io.gpen4j.internal.io;

import io.gpen4j.ImageFormat;
import io.gpen4j.internal.image.RgbaImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Writes images to files and streams: the last stage of the pipeline.
 *
 * <p>Formats: {@code png} (lossless, alpha kept), {@code jpg}/{@code jpeg} (quality 0.95) and
 * {@code bmp}; see {@link OutputFormat}. Files are replaced atomically (see
 * {@link AtomicFileWriter}): a reader never sees a half-written image, and a failed write leaves
 * an existing target as it was and no temporary file behind. A stream receives nothing unless the
 * whole image encoded.
 *
 * <p>Thread-safe: stateless. Two threads writing the same target both succeed; the last move wins.
 */
public final class ImageEncoder {
  private ImageEncoder() {}

  /**
   * Encodes an image and atomically creates or replaces the target file with it.
   *
   * @param image the image, not modified
   * @param target the file; its extension chooses the format, ignoring case
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the extension is missing or is not {@code png}, {@code
   *     jpg}, {@code jpeg} or {@code bmp} (WebP is read but has no writer); the message names it
   *     and the supported extensions
   * @throws IOException if encoding or writing fails (for instance the directory does not exist or
   *     is not writable); the target is then unchanged
   */
  public static void write(RgbaImage image, Path target) throws IOException {
    write(image, target, OutputFormat.DEFAULT_BACKGROUND);
  }

  /**
   * Encodes an image and atomically creates or replaces the target file with it; a format without
   * alpha gets transparent areas composited on {@code background}.
   *
   * @param image the image, not modified
   * @param target the file; its extension chooses the format, ignoring case
   * @param background {@code 0xRRGGBB} under transparent areas in JPEG and BMP
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the extension is not supported
   * @throws IOException if encoding or writing fails; the target is then unchanged
   */
  public static void write(RgbaImage image, Path target, int background) throws IOException {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(target, "target");
    ImageFormat format = OutputFormat.forFile(target);
    AtomicFileWriter.write(target, out -> OutputFormat.encode(format, image, background, out));
  }

  /**
   * Encodes an image and atomically creates or replaces the target file with it, with a JPEG
   * quality and the print resolution recorded in the file.
   *
   * @param image the image, not modified
   * @param target the file; its extension chooses the format, ignoring case
   * @param background {@code 0xRRGGBB} under transparent areas in JPEG and BMP
   * @param settings the JPEG quality and the resolution
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the extension is not supported
   * @throws IOException if encoding or writing fails; the target is then unchanged
   */
  public static void write(RgbaImage image, Path target, int background, EncodeSettings settings)
      throws IOException {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(settings, "settings");
    ImageFormat format = OutputFormat.forFile(target);
    AtomicFileWriter.write(target, out -> OutputFormat.encode(format, image, background, settings, out));
  }

  /**
   * Encodes an image in memory, with a JPEG quality and the print resolution recorded: for a
   * caller that must know the size before writing (an upload limit).
   *
   * @param image the image, not modified
   * @param format the format
   * @param background {@code 0xRRGGBB} under transparent areas in JPEG and BMP
   * @param settings the JPEG quality and the resolution
   * @return the encoded file's bytes
   * @throws NullPointerException if an argument is null
   * @throws IOException if encoding fails
   */
  public static byte[] encode(RgbaImage image, ImageFormat format, int background, EncodeSettings settings)
      throws IOException {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(settings, "settings");
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (ImageOutputStream ios = new MemoryCacheImageOutputStream(buffer)) {
      OutputFormat.encode(format, image, background, settings, ios);
    }
    return buffer.toByteArray();
  }

  /**
   * Atomically creates or replaces a file with bytes from {@link #encode(RgbaImage, ImageFormat,
   * int, EncodeSettings)}.
   *
   * @param encoded the encoded image
   * @param target the file
   * @throws NullPointerException if an argument is null
   * @throws IOException if writing fails; the target is then unchanged
   */
  public static void writeEncoded(byte[] encoded, Path target) throws IOException {
    Objects.requireNonNull(encoded, "encoded");
    Objects.requireNonNull(target, "target");
    AtomicFileWriter.write(target, out -> out.write(encoded));
  }

  /**
   * Returns the format a target's extension names.
   *
   * @param target the file to write
   * @return the format
   * @throws NullPointerException if {@code target} is null
   * @throws IllegalArgumentException if the extension is missing or not supported
   */
  public static ImageFormat formatOf(Path target) {
    return OutputFormat.forFile(Objects.requireNonNull(target, "target"));
  }

  /**
   * Encodes an image into a stream. The image is encoded in memory first, so the stream receives
   * nothing when encoding fails. The stream is flushed, not closed.
   *
   * @param image the image, not modified
   * @param format the format
   * @param out where to write
   * @throws NullPointerException if an argument is null
   * @throws IOException if encoding or writing to the stream fails
   */
  public static void write(RgbaImage image, ImageFormat format, OutputStream out) throws IOException {
    write(image, format, OutputFormat.DEFAULT_BACKGROUND, out);
  }

  /**
   * Encodes an image into a stream, as {@link #write(RgbaImage, ImageFormat, OutputStream)}, with
   * transparent areas composited on {@code background} for a format without alpha.
   *
   * @param image the image, not modified
   * @param format the format
   * @param background {@code 0xRRGGBB} under transparent areas in JPEG and BMP
   * @param out where to write
   * @throws NullPointerException if an argument is null
   * @throws IOException if encoding or writing to the stream fails
   */
  public static void write(RgbaImage image, ImageFormat format, int background, OutputStream out)
      throws IOException {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(out, "out");
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (ImageOutputStream ios = new MemoryCacheImageOutputStream(buffer)) {
      OutputFormat.encode(format, image, background, ios);
    }
    buffer.writeTo(out);
    out.flush();
  }

  /**
   * Checks that a target's extension names a format this encoder writes, so a caller can reject a
   * bad output path before doing the work whose result would go there.
   *
   * @param target the file to write
   * @throws NullPointerException if {@code target} is null
   * @throws IllegalArgumentException if the extension is missing or is not {@code png}, {@code
   *     jpg}, {@code jpeg} or {@code bmp}; the message names it and the supported extensions
   */
  public static void checkTarget(Path target) {
    OutputFormat.forFile(Objects.requireNonNull(target, "target"));
  }
}
