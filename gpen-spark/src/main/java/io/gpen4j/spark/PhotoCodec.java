package io.gpen4j.spark;

import io.gpen4j.FaceRestorer;
import io.gpen4j.ImageDecodeException;
import io.gpen4j.ImageFormat;
import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.internal.io.ImageDecoder;
import io.gpen4j.internal.io.ImageEncoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Decodes photos and encodes restored ones with gpen-core's own codec, the one
 * {@link FaceRestorer#restore(java.nio.file.Path, java.nio.file.Path)} runs (EXIF orientation,
 * colour spaces, truncation checks, the pixel limit before decoding; alpha composited for formats
 * without it): so a photo restored here has the CLI's pixels. The batch path
 * ({@link FaceRestorer#detect} then {@link FaceRestorer#restoreAll}) takes decoded images, and
 * gpen-core has no public decode-only call, so this class reaches into its internal codec; it is the
 * only class of gpen-spark that does.
 */
final class PhotoCodec {
  private final ImageDecoder decoder = new ImageDecoder(FaceRestorer.Builder.DEFAULT_MAX_IMAGE_PIXELS);

  /**
   * Decodes a photo, upright.
   *
   * @param bytes the encoded photo
   * @param name the name messages give
   * @return the image
   * @throws ImageDecodeException if it is empty, truncated, corrupt, unsupported or too large
   */
  BufferedImage decode(byte[] bytes, String name) {
    if (bytes == null) {
      throw new ImageDecodeException("Cannot decode " + name + ": no content");
    }
    return decoder.decode(bytes, name).image().toBufferedImage();
  }

  /**
   * Encodes a restored photo.
   *
   * @param image the image
   * @param format the format
   * @param jpegBackground the colour under transparent areas in JPEG and BMP
   * @return the encoded bytes
   */
  byte[] encode(BufferedImage image, ImageFormat format, int jpegBackground) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageEncoder.write(RgbaImage.fromBufferedImage(image), format, jpegBackground, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the restored image as " + format, e);
    }
    return out.toByteArray();
  }
}
