package io.gpen4j.internal.io;

import java.io.IOException;
import java.util.Set;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.common.ImageMetadata;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.apache.commons.imaging.formats.png.PngImageMetadata;
import org.apache.commons.imaging.formats.tiff.TiffDirectory;
import org.apache.commons.imaging.formats.tiff.TiffField;
import org.apache.commons.imaging.formats.tiff.TiffImageMetadata;
import org.apache.commons.imaging.formats.tiff.constants.TiffDirectoryConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.webp.WebPImageMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the EXIF orientation tag with Apache Commons Imaging, which parses metadata only; the
 * pixels come from ImageIO. Looks in JPEG APP1, the PNG {@code eXIf} chunk, the WebP {@code EXIF}
 * chunk and TIFF's first IFD.
 *
 * <p>Metadata is advisory: the pixels have already been decoded when this runs, so a missing,
 * broken or out-of-range tag is logged and read as 1 (upright) rather than failing the decode.
 *
 * <p>Thread-safe: stateless.
 */
final class ExifOrientationReader {
  private static final Logger LOG = LoggerFactory.getLogger(ExifOrientationReader.class);

  /** Formats (ImageIO names, lower case) that can carry EXIF and that Commons Imaging parses. */
  private static final Set<String> FORMATS_WITH_EXIF = Set.of("jpeg", "png", "webp", "tiff");

  private ExifOrientationReader() {}

  /**
   * Returns the orientation stored in a file.
   *
   * @param bytes the whole file
   * @param format the format ImageIO decoded it as, lower case
   * @param source the file or upload name, for the log
   * @return 1 to 8; 1 when the format has no EXIF, the tag is absent or unreadable
   */
  static int read(byte[] bytes, String format, String source) {
    if (!FORMATS_WITH_EXIF.contains(format)) {
      return 1;
    }
    try {
      TiffImageMetadata exif = exifOf(Imaging.getMetadata(bytes));
      if (exif == null) {
        return 1;
      }
      // IFD0 describes the main image; IFD1 describes the thumbnail and may disagree.
      TiffDirectory ifd0 = exif.findDirectory(TiffDirectoryConstants.DIRECTORY_TYPE_ROOT);
      TiffField field = ifd0 == null ? null : ifd0.findField(TiffTagConstants.TIFF_TAG_ORIENTATION);
      if (field == null) {
        return 1;
      }
      int value = field.getIntValue();
      if (value < 1 || value > 8) {
        LOG.warn("{}: ignoring EXIF orientation {} (valid values are 1 to 8)", source, value);
        return 1;
      }
      return value;
    } catch (IOException | RuntimeException e) {
      // Commons Imaging signals broken metadata with ImagingException (an IOException) and,
      // on some malformed inputs, with unchecked exceptions.
      LOG.warn("{}: ignoring unreadable EXIF metadata: {}", source, e.toString());
      return 1;
    }
  }

  private static TiffImageMetadata exifOf(ImageMetadata metadata) {
    if (metadata instanceof JpegImageMetadata jpeg) {
      return jpeg.getExif();
    }
    if (metadata instanceof PngImageMetadata png) {
      return png.getExif();
    }
    if (metadata instanceof WebPImageMetadata webp) {
      return webp.getExif();
    }
    if (metadata instanceof TiffImageMetadata tiff) {
      return tiff;
    }
    return null;
  }
}
