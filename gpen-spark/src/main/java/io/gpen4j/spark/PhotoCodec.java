package io.gpen4j.spark;

import io.gpen4j.FaceRestorer;
import io.gpen4j.Frame;
import io.gpen4j.ImageCodec;
import io.gpen4j.ImageDecodeException;
import io.gpen4j.ImageFormat;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Decodes a row's photo and encodes its restored image with gpen-core's {@link ImageCodec}, the
 * codec {@link FaceRestorer#restore(java.nio.file.Path, java.nio.file.Path)} runs (EXIF
 * orientation, colour spaces, truncation checks, the pixel limit before decoding; alpha composited
 * for formats without it): so a photo restored here has the CLI's pixels. Photos are decoded
 * straight into {@link Frame}s, which detection and the batched restore read without converting
 * them again.
 */
final class PhotoCodec {
  private final ImageCodec codec = ImageCodec.defaults();

  /**
   * Decodes a photo, upright.
   *
   * @param bytes the encoded photo, or null when the row has none
   * @param name the name messages give
   * @return the frame
   * @throws ImageDecodeException if it is missing, empty, truncated, corrupt, unsupported or too large
   */
  Frame decode(byte[] bytes, String name) {
    if (bytes == null) {
      throw new ImageDecodeException("Cannot decode " + name + ": no content");
    }
    return codec.decode(bytes, name);
  }

  /**
   * Encodes a restored photo.
   *
   * @param image the image
   * @param format the format
   * @param jpegBackground the colour under transparent areas in JPEG and BMP
   * @return the encoded bytes
   * @throws UncheckedIOException if the image cannot be encoded
   */
  byte[] encode(BufferedImage image, ImageFormat format, int jpegBackground) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      codec.encode(image, format, jpegBackground, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the restored image as " + format, e);
    }
    return out.toByteArray();
  }
}
