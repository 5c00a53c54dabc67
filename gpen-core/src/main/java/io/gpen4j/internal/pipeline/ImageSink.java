package io.gpen4j.internal.pipeline;

import io.gpen4j.ImageFormat;
import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.internal.io.ImageEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;

/** Where a restore's image goes: the encode stage. */
@FunctionalInterface
public interface ImageSink {
  /** Encodes nothing: the caller takes the image from the result. */
  ImageSink NONE = image -> { };

  /**
   * Encodes the restored image.
   *
   * @param image the restored image, not modified
   * @throws IOException if encoding or writing fails
   */
  void encode(RgbaImage image) throws IOException;

  /**
   * A file, replaced atomically, in the format its extension names.
   *
   * @param target the file
   * @return the sink
   * @throws IllegalArgumentException if the extension names no supported format; checked now, so
   *     a bad target fails before any work
   */
  static ImageSink file(Path target) {
    ImageEncoder.checkTarget(target);
    return image -> ImageEncoder.write(image, target);
  }

  /**
   * A file whose format follows its extension, with transparent areas composited on
   * {@code background} when that format has no alpha.
   *
   * @param target the file, written atomically
   * @param background {@code 0xRRGGBB}
   * @return the sink
   * @throws IllegalArgumentException if the extension is not supported
   */
  static ImageSink file(Path target, int background) {
    ImageEncoder.checkTarget(target);
    return image -> ImageEncoder.write(image, target, background);
  }

  /**
   * A stream, written only once the whole image encoded; flushed, not closed.
   *
   * @param out the stream
   * @param format the format
   * @return the sink
   */
  static ImageSink stream(OutputStream out, ImageFormat format) {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(format, "format");
    return image -> ImageEncoder.write(image, format, out);
  }

  /**
   * A stream, written only when the whole image encoded, with transparent areas composited on
   * {@code background} when the format has no alpha.
   *
   * @param out the stream; flushed, not closed
   * @param format the format
   * @param background {@code 0xRRGGBB}
   * @return the sink
   */
  static ImageSink stream(OutputStream out, ImageFormat format, int background) {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(format, "format");
    return image -> ImageEncoder.write(image, format, background, out);
  }
}
