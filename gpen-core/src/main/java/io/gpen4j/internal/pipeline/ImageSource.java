package io.gpen4j.internal.pipeline;

import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.internal.io.ImageDecoder;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a restore's image comes from: the decode stage's input. A file and encoded bytes are
 * decoded (EXIF orientation applied, the pixel limit checked from the header); an image already
 * in memory is converted.
 */
@FunctionalInterface
public interface ImageSource {
  /**
   * Decodes the image.
   *
   * @param decoder the decoder, with the pixel limit of this call
   * @return the upright 8-bit image
   * @throws io.gpen4j.ImageDecodeException if the input cannot be read or decoded
   * @throws io.gpen4j.ImageTooLargeException if the input has more pixels than the decoder's limit
   */
  RgbaImage decode(ImageDecoder decoder);

  /**
   * Whether every {@link #decode} returns a new image that nobody else holds: the pipeline then
   * pastes the faces into it instead of into a whole copy of the frame. False unless a source
   * says so; the factories here say so (they decode or convert into a new image each time).
   *
   * @return true when the decoded image is the pipeline's to modify
   */
  default boolean yieldsOwnedImage() {
    return false;
  }

  /**
   * An image file.
   *
   * @param file the file; its format is recognised from its content
   * @return the source
   */
  static ImageSource of(Path file) {
    Objects.requireNonNull(file, "file");
    return new OwnedImageSource(decoder -> decoder.decode(file).image());
  }

  /**
   * An encoded image in memory.
   *
   * @param bytes the encoded image; not modified
   * @param name the name used in messages
   * @return the source
   */
  static ImageSource of(byte[] bytes, String name) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(name, "name");
    return new OwnedImageSource(decoder -> decoder.decode(bytes, name).image());
  }

  /**
   * An image already decoded; its size is checked by the caller before the conversion.
   *
   * @param image the image; not modified
   * @return the source
   */
  static ImageSource of(BufferedImage image) {
    Objects.requireNonNull(image, "image");
    return new OwnedImageSource(decoder -> ImageDecoder.fromBufferedImage(image));
  }
}
