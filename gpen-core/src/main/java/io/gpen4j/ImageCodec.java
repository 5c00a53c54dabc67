package io.gpen4j;

import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.internal.io.ImageDecoder;
import io.gpen4j.internal.io.ImageEncoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Decodes encoded images into {@link Frame}s and encodes restored images: the codec that
 * {@link FaceRestorer#restore(Path, Path, RestoreOptions)} and
 * {@link FaceRestorer#restore(byte[], OutputStream, ImageFormat, RestoreOptions)} run, for callers
 * that decode, detect and restore in separate steps (a Spark task batching photos through
 * {@link FaceRestorer#restoreFrames}, a queue worker) and want the pixels those methods give.
 *
 * <pre>{@code
 * ImageCodec codec = ImageCodec.defaults();
 * Frame frame = codec.decode(bytes, "scan-0042.jpg");
 * RestoreResult r = restorer.restore(frame, restorer.detect(frame, options), options);
 * codec.encode(r.image(), ImageFormat.PNG, options.jpegBackground(), out);
 * }</pre>
 *
 * <p>Decoding recognises the format from the content (JPEG, PNG, BMP, GIF, TIFF, WebP), rejects an
 * image over {@link #maxImagePixels()} from its header before any pixel memory is allocated, rejects
 * empty, truncated and corrupt data, converts grey, palette, 16-bit, CMYK and ICC images to 8-bit
 * sRGB, keeps alpha, and turns the image upright by its EXIF orientation. Encoding writes PNG
 * (lossless, alpha kept), JPEG (quality 0.95) or BMP, compositing transparent areas on a background
 * colour for the formats without alpha.
 *
 * <p>Immutable and thread-safe.
 */
public final class ImageCodec {
  private static final ImageCodec DEFAULTS = new ImageCodec(Limits.DEFAULT_MAX_IMAGE_PIXELS);

  private final ImageDecoder decoder;

  private ImageCodec(long maxImagePixels) {
    this.decoder = new ImageDecoder(maxImagePixels);
  }

  /**
   * Returns the codec with the default pixel limit, {@link Limits#DEFAULT_MAX_IMAGE_PIXELS}: the
   * limit a restorer built with the default {@link Limits} applies.
   *
   * @return the shared codec
   */
  public static ImageCodec defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a codec that rejects larger images, as a restorer built with
   * {@link Limits#withMaxImagePixels} would.
   *
   * @param maxImagePixels the largest {@code width * height} decoded
   * @return a new codec
   * @throws IllegalArgumentException if {@code maxImagePixels} is not from 1 to 536,870,909
   */
  public static ImageCodec withMaxImagePixels(long maxImagePixels) {
    if (maxImagePixels < 1 || maxImagePixels > ImageDecoder.MAX_SUPPORTED_PIXELS) {
      throw new IllegalArgumentException("maxImagePixels must be between 1 and "
          + ImageDecoder.MAX_SUPPORTED_PIXELS + ": " + maxImagePixels);
    }
    return new ImageCodec(maxImagePixels);
  }

  /** Returns the pixel limit. @return the largest {@code width * height} decoded */
  public long maxImagePixels() {
    return decoder.maxPixels();
  }

  /**
   * Decodes an encoded image held in memory into an upright frame.
   *
   * @param bytes the encoded image; not modified or retained
   * @param sourceName what messages call it, such as its file name or path
   * @return the frame, for {@link FaceRestorer#detect(Frame, RestoreOptions)} and
   *     {@link FaceRestorer#restoreFrames}
   * @throws NullPointerException if an argument is null
   * @throws ImageTooLargeException if the header's width times height is over
   *     {@link #maxImagePixels()}
   * @throws ImageDecodeException if the bytes are empty, truncated, corrupt or of an unsupported
   *     format; the message starts with {@code Cannot decode <sourceName>:} and says which
   */
  public Frame decode(byte[] bytes, String sourceName) {
    return new Frame(decoder.decode(bytes, sourceName).image());
  }

  /**
   * Decodes an image file into an upright frame.
   *
   * @param file the file; its format is recognised from its content, not its name
   * @return the frame
   * @throws NullPointerException if {@code file} is null
   * @throws ImageTooLargeException if the header's width times height is over
   *     {@link #maxImagePixels()}
   * @throws ImageDecodeException if the file is missing, unreadable, empty, truncated, corrupt or of
   *     an unsupported format; the message names the file and the problem
   */
  public Frame decode(Path file) {
    return new Frame(decoder.decode(file).image());
  }

  /**
   * Encodes an image, such as {@link RestoreResult#image()}, into a stream. The image is encoded in
   * memory first: the stream receives nothing when encoding fails. Flushed, not closed.
   *
   * @param image the image; not modified
   * @param format the format
   * @param background {@code 0xRRGGBB} under transparent areas in JPEG and BMP (the restore's
   *     {@link RestoreOptions#jpegBackground()} to match its file output)
   * @param out where to write
   * @throws NullPointerException if an argument is null
   * @throws IOException if the image cannot be encoded or the stream cannot be written
   */
  public void encode(BufferedImage image, ImageFormat format, int background, OutputStream out) throws IOException {
    Objects.requireNonNull(image, "image");
    ImageEncoder.write(RgbaImage.fromBufferedImage(image), format, background, out);
  }

  @Override
  public String toString() {
    return "ImageCodec[maxImagePixels=" + maxImagePixels() + "]";
  }
}
