package io.gpen4j.idphoto;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One ID-photo standard: the print size, the pixels of the electronic photo, where the head must
 * sit and how large it must be, the background, and the file-size limits of an upload. Specs are
 * data ({@link IdPhotoSpecs} reads them from JSON); the fields are the JSON file's keys.
 *
 * <p>Head height is measured from the chin to the crown (the top of the hair), as every standard
 * here defines it. The eye line is measured from the photo's bottom edge; the top margin from the
 * crown to the top edge. A spec gives an eye-line range, a top-margin range, or both; the crop aims
 * at the middle of the eye-line range when there is one, else at the middle of the top margin.
 *
 * @param name the key users pass ({@code --spec us-passport}): lower case, digits and dashes
 * @param title a readable name
 * @param widthMm the printed width in mm
 * @param heightMm the printed height in mm
 * @param dpi the resolution of the electronic photo and of its print
 * @param widthPx the electronic photo's width in pixels
 * @param heightPx the electronic photo's height in pixels
 * @param headHeightMm the allowed head height, chin to crown
 * @param eyeLineMm the allowed height of the eye line above the bottom edge, if the spec sets one
 * @param topMarginMm the allowed space between the crown and the top edge, if the spec sets one
 * @param background the default background colour, {@code 0xRRGGBB}
 * @param allowedBackgrounds the background colours the standard accepts ({@code 0xRRGGBB}); the
 *     report fails a photo made on another one
 * @param minFileKb the smallest file an upload accepts, in kB (1000 bytes), 0 for none
 * @param maxFileKb the largest file an upload accepts, in kB (1000 bytes), 0 for none
 * @param source the official document or page the values come from
 * @param unverified the fields whose values could not be checked against the source
 */
public record IdPhotoSpec(
    String name,
    String title,
    double widthMm,
    double heightMm,
    int dpi,
    int widthPx,
    int heightPx,
    MmRange headHeightMm,
    Optional<MmRange> eyeLineMm,
    Optional<MmRange> topMarginMm,
    int background,
    List<Integer> allowedBackgrounds,
    int minFileKb,
    int maxFileKb,
    String source,
    List<String> unverified) {

  /**
   * Validates the spec.
   *
   * @throws IllegalArgumentException if a size is not positive, the pixels do not match the print
   *     size at the resolution (within 2%), the head is taller than the photo, neither an eye line
   *     nor a top margin is given, or the file limits contradict each other
   */
  public IdPhotoSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(headHeightMm, "headHeightMm");
    Objects.requireNonNull(eyeLineMm, "eyeLineMm");
    Objects.requireNonNull(topMarginMm, "topMarginMm");
    Objects.requireNonNull(source, "source");
    allowedBackgrounds = List.copyOf(allowedBackgrounds);
    unverified = List.copyOf(unverified);
    if (!name.matches("[a-z0-9][a-z0-9-]*")) {
      throw new IllegalArgumentException("spec name must be lower case letters, digits and dashes: '" + name + "'");
    }
    String in = "spec " + name + ": ";
    if (!(widthMm > 0) || !(heightMm > 0) || dpi <= 0 || widthPx <= 0 || heightPx <= 0) {
      throw new IllegalArgumentException(in + "widthMm, heightMm, dpi, widthPx and heightPx must be positive");
    }
    if (Math.abs(widthPx - widthMm / 25.4 * dpi) > 0.02 * widthPx + 1
        || Math.abs(heightPx - heightMm / 25.4 * dpi) > 0.02 * heightPx + 1) {
      throw new IllegalArgumentException(in + widthPx + "x" + heightPx + " px is not " + widthMm + "x" + heightMm
          + " mm at " + dpi + " dpi (" + Math.round(widthMm / 25.4 * dpi) + "x" + Math.round(heightMm / 25.4 * dpi)
          + " px)");
    }
    if (headHeightMm.max() >= heightMm) {
      throw new IllegalArgumentException(in + "headHeightMm " + headHeightMm + " does not fit in " + heightMm + " mm");
    }
    if (eyeLineMm.isEmpty() && topMarginMm.isEmpty()) {
      throw new IllegalArgumentException(in + "give eyeLineMm, topMarginMm or both: the crop needs one to place the head");
    }
    if ((background & 0xFF000000) != 0) {
      throw new IllegalArgumentException(in + "background must be 0xRRGGBB");
    }
    if (minFileKb < 0 || maxFileKb < 0 || (maxFileKb > 0 && minFileKb > maxFileKb)) {
      throw new IllegalArgumentException(in + "need 0 <= minFileKb <= maxFileKb (0: no limit)");
    }
  }

  /**
   * Returns how many pixels one millimetre of the photo takes.
   *
   * @return pixels per mm, from the pixel height and the printed height
   */
  public double pixelsPerMm() {
    return heightPx / heightMm;
  }

  /**
   * Tells whether the standard accepts a background colour.
   *
   * @param rgb {@code 0xRRGGBB}
   * @return whether it is one of {@link #allowedBackgrounds()}, or the list is empty
   */
  public boolean allows(int rgb) {
    return allowedBackgrounds.isEmpty() || allowedBackgrounds.contains(rgb);
  }
}
