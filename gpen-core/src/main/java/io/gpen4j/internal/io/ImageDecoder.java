package io.gpen4j.internal.io;

import io.gpen4j.ImageDecodeException;
import io.gpen4j.ImageTooLargeException;
import io.gpen4j.internal.image.RgbaImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes image files and uploads into upright 8-bit sRGB {@link RgbaImage}s: the first stage of
 * the pipeline.
 *
 * <p>Design: pixels come from ImageIO readers (the JDK's PNG, BMP, GIF and TIFF readers;
 * TwelveMonkeys, registered through {@code ServiceLoader}, takes over JPEG, adding progressive,
 * CMYK and YCCK support, and adds WebP). The EXIF orientation comes from Apache Commons Imaging,
 * which reads metadata only, and is applied here because no reader applies it. The decode runs in
 * this order so that a hostile file costs as little as possible:
 *
 * <ol>
 *   <li>empty input is rejected;
 *   <li>a reader is chosen by content (magic bytes), never by file name;
 *   <li>the header's width and height are read ({@link ImageReader#getWidth}, no pixel data) and an
 *       image over {@code maxPixels} is rejected before any pixel memory is allocated: a
 *       decompression bomb costs a few header bytes;
 *   <li>a file shorter than its container declares is rejected (see {@link ContainerLength});
 *   <li>the pixels are decoded while collecting the reader's warnings; a warning that the data
 *       ended early fails the decode, because readers return truncated JPEGs as a silently
 *       half-grey image (see {@link ReadWarnings});
 *   <li>the pixels are converted to sRGB (see {@link RgbaImage#fromBufferedImage}) and turned upright.
 * </ol>
 *
 * <p>A file holding several images (an animated GIF or WebP, a multi-page TIFF) gives its first.
 *
 * <p>There is no separate limit on one side: memory is bounded by the pixel count, every side is at
 * most {@code maxPixels}, and {@code maxPixels} is capped at {@link #MAX_SUPPORTED_PIXELS} so that
 * every index fits an {@code int}. A 70000x100 panorama is unusual but harmless.
 *
 * <p>Errors: only {@link ImageDecodeException} and its subclass {@link ImageTooLargeException}
 * leave the decode methods (plus {@link NullPointerException} for null arguments). Exceptions a
 * reader throws, checked or not, are wrapped with the source name and the problem.
 *
 * <p>Thread-safe: holds only its limit; each call uses its own reader.
 */
public final class ImageDecoder {
  /**
   * The default pixel limit: 100 megapixels covers every camera sensor in common use (medium format
   * backs reach 100-150 MP) while bounding a decode to about 0.8 GB (the reader's raster plus the
   * 4-byte ARGB copy).
   */
  public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

  /** The largest pixel limit accepted: a raster of four samples a pixel must fit one Java array. */
  public static final long MAX_SUPPORTED_PIXELS = (Integer.MAX_VALUE - 8) / 4;

  /** Files are read whole into memory; no legitimate image within the pixel limit is larger. */
  private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

  private static final Logger LOG = LoggerFactory.getLogger(ImageDecoder.class);

  private final long maxPixels;
  private final HeaderCheck headerCheck;

  /**
   * Creates a decoder.
   *
   * @param maxPixels images whose header says {@code width * height > maxPixels} are rejected with
   *     {@link ImageTooLargeException} before pixel memory is allocated
   * @throws IllegalArgumentException if {@code maxPixels} is not between 1 and {@link
   *     #MAX_SUPPORTED_PIXELS}
   */
  public ImageDecoder(long maxPixels) {
    this(maxPixels, HeaderCheck.NONE);
  }

  private ImageDecoder(long maxPixels, HeaderCheck headerCheck) {
    if (maxPixels < 1 || maxPixels > MAX_SUPPORTED_PIXELS) {
      throw new IllegalArgumentException(
          "maxPixels must be between 1 and " + MAX_SUPPORTED_PIXELS + ", got " + maxPixels);
    }
    this.maxPixels = maxPixels;
    this.headerCheck = Objects.requireNonNull(headerCheck, "headerCheck");
  }

  /**
   * Returns a decoder with this one's limit that also calls {@code check} after reading each
   * header, before decoding the pixels (for example to wait for memory).
   *
   * @param check the check
   * @return a new decoder
   */
  public ImageDecoder withHeaderCheck(HeaderCheck check) {
    return new ImageDecoder(maxPixels, check);
  }

  /** Returns the pixel limit. @return the largest {@code width * height} accepted */
  public long maxPixels() {
    return maxPixels;
  }

  /**
   * Decodes an image file.
   *
   * @param file the file; its format is recognised from its content, not its name
   * @return the upright image, its format and the EXIF orientation that was applied
   * @throws NullPointerException if {@code file} is null
   * @throws ImageTooLargeException if the header's width times height exceeds the pixel limit
   * @throws ImageDecodeException if the file is missing, unreadable, empty, truncated, corrupt or
   *     of an unsupported format
   */
  public DecodedImage decode(Path file) {
    Objects.requireNonNull(file, "file");
    String source = file.toString();
    byte[] bytes;
    try {
      if (!Files.exists(file)) {
        throw new ImageDecodeException("Cannot decode " + source + ": no such file");
      }
      if (!Files.isRegularFile(file)) {
        throw new ImageDecodeException("Cannot decode " + source + ": not a regular file");
      }
      if (!Files.isReadable(file)) {
        throw new ImageDecodeException(
            "Cannot decode " + source + ": the file is not readable (permission denied)");
      }
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new ImageDecodeException(
            "Cannot decode " + source + ": the file is too big to decode (" + size + " bytes)");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException | SecurityException e) {
      throw new ImageDecodeException("Cannot decode " + source + ": cannot read the file: " + e, e);
    }
    return decode(bytes, source);
  }

  /**
   * Decodes an image held in memory, such as an upload.
   *
   * @param bytes the encoded image; not modified or retained
   * @param sourceName the name used in messages, such as the upload's file name
   * @return the upright image, its format and the EXIF orientation that was applied
   * @throws NullPointerException if an argument is null
   * @throws ImageTooLargeException if the header's width times height exceeds the pixel limit
   * @throws ImageDecodeException if the bytes are empty, truncated, corrupt or of an unsupported
   *     format
   */
  public DecodedImage decode(byte[] bytes, String sourceName) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(sourceName, "sourceName");
    if (bytes.length == 0) {
      throw new ImageDecodeException(
          "Cannot decode " + sourceName + ": the file is empty (0 bytes)");
    }
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      ImageReader reader = readerFor(in, bytes, sourceName);
      try {
        return decodeWith(reader, in, bytes, sourceName);
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      // Only closing an in-memory stream can get here.
      throw new ImageDecodeException("Cannot decode " + sourceName + ": " + e, e);
    }
  }

  /**
   * Converts an image already in memory; there is no metadata, so no orientation is applied.
   *
   * @param image the image, not modified
   * @return a new 8-bit sRGB copy; {@link RgbaImage#hasAlpha()} is true when {@code image}'s colour
   *     model has alpha
   * @throws NullPointerException if {@code image} is null
   */
  public static RgbaImage fromBufferedImage(BufferedImage image) {
    return RgbaImage.fromBufferedImage(image);
  }

  private static ImageReader readerFor(ImageInputStream in, byte[] bytes, String source) {
    Iterator<ImageReader> readers;
    try {
      readers = ImageIO.getImageReaders(in);
    } catch (RuntimeException e) {
      throw new ImageDecodeException(
          "Cannot decode " + source + ": failed to probe the format: " + e, e);
    }
    if (!readers.hasNext()) {
      Optional<String> known = UnreadableFormat.describe(Arrays.copyOf(bytes, Math.min(16, bytes.length)));
      if (known.isPresent()) {
        throw new ImageDecodeException("Cannot decode " + source + ": " + known.get() + " (supported: "
            + supportedFormats() + ")");
      }
      throw new ImageDecodeException(
          "Cannot decode "
              + source
              + ": not a supported image format (first bytes "
              + HexFormat.ofDelimiter(" ")
                  .formatHex(Arrays.copyOf(bytes, Math.min(8, bytes.length)))
              + "; supported: "
              + supportedFormats()
              + ")");
    }
    return readers.next();
  }

  private DecodedImage decodeWith(
      ImageReader reader, ImageInputStream in, byte[] bytes, String source) {
    String format = formatName(reader);
    ReadWarnings warnings = new ReadWarnings();
    int width;
    int height;
    try {
      reader.setInput(in, true, false);
      reader.addIIOReadWarningListener(warnings);
      width = reader.getWidth(0);
      height = reader.getHeight(0);
    } catch (IOException | RuntimeException e) {
      throw new ImageDecodeException(
          "Cannot decode " + source + ": unreadable " + format + " header: " + e, e);
    }
    if (width <= 0 || height <= 0) {
      throw new ImageDecodeException(
          "Cannot decode "
              + source
              + ": the "
              + format
              + " header gives an invalid size "
              + width
              + "x"
              + height);
    }
    long pixels = (long) width * height;
    if (pixels > maxPixels) {
      throw new ImageTooLargeException(
          String.format(
              Locale.ROOT,
              "Cannot decode %s: %dx%d is %,d pixels, over the limit of %,d pixels",
              source,
              width,
              height,
              pixels,
              maxPixels));
    }
    headerCheck.check(width, height, bytes.length);
    Optional<String> shortfall = ContainerLength.truncation(bytes, format);
    if (shortfall.isPresent()) {
      throw new ImageDecodeException(
          "Cannot decode "
              + source
              + ": the "
              + format
              + " data ends early (truncated file): "
              + shortfall.get());
    }
    BufferedImage decoded;
    boolean packed = false;
    try {
      Optional<ImageReadParam> packing = format.equals("png") ? PackedPngRead.param(reader) : Optional.empty();
      packed = packing.isPresent();
      decoded = packed ? reader.read(0, packing.get()) : reader.read(0);
    } catch (IOException | RuntimeException e) {
      boolean truncated = endsEarly(e) || warnings.truncation().isPresent();
      throw new ImageDecodeException(
          "Cannot decode "
              + source
              + ": "
              + (truncated
                  ? "the " + format + " data ends early (truncated file): "
                  : "corrupt " + format + " data: ")
              + e,
          e);
    }
    Optional<String> truncated = warnings.truncation();
    if (truncated.isPresent()) {
      throw new ImageDecodeException(
          "Cannot decode "
              + source
              + ": the "
              + format
              + " data ends early (truncated file): "
              + truncated.get());
    }
    if (decoded == null) {
      throw new ImageDecodeException(
          "Cannot decode " + source + ": the " + format + " reader returned no image");
    }
    for (String w : warnings.all()) {
      LOG.warn("{}: {} reader warning: {}", source, format, w);
    }
    RgbaImage stored;
    try {
      stored = packed ? PackedPngRead.adopt(decoded) : RgbaImage.fromBufferedImage(decoded);
    } catch (RuntimeException e) {
      throw new ImageDecodeException(
          "Cannot decode "
              + source
              + ": unsupported "
              + format
              + " pixel layout ("
              + decoded.getColorModel()
              + "): "
              + e,
          e);
    }
    int orientation = ExifOrientationReader.read(bytes, format, source);
    RgbaImage upright = Orientation.fromExif(orientation).apply(stored);
    return new DecodedImage(upright, format, orientation);
  }

  /** Whether a reader failure comes from running out of input, here or in a cause. */
  private static boolean endsEarly(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof EOFException) {
        return true;
      }
    }
    return false;
  }

  private static String formatName(ImageReader reader) {
    try {
      return reader.getFormatName().toLowerCase(Locale.ROOT);
    } catch (IOException | RuntimeException e) {
      return reader.getOriginatingProvider() == null
          ? "image"
          : reader.getOriginatingProvider().getFormatNames()[0].toLowerCase(Locale.ROOT);
    }
  }

  private static String supportedFormats() {
    TreeSet<String> names = new TreeSet<>();
    for (String n : ImageIO.getReaderFormatNames()) {
      names.add(n.toLowerCase(Locale.ROOT));
    }
    return String.join(", ", names);
  }
}
