package io.gpen4j.idphoto;

import io.gpen4j.SimilarityTransform;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * A finished ID photo, not yet written: the pixels, the specification they follow, how they were
 * cut from the input, and the compliance report. {@link IdPhotoWriter} writes it with the spec's
 * resolution; {@link PrintSheet} lays copies out for printing.
 *
 * @param image the photo, exactly the spec's pixels, opaque RGB; the record does not copy it
 * @param spec the specification
 * @param background the background colour
 * @param inputToPhoto the transform from the input photo's pixel coordinates to this photo's
 *     (pixel centres at whole numbers): where any point of the input ended up
 * @param report what the photo measures against the spec
 */
public record IdPhoto(BufferedImage image, IdPhotoSpec spec, BackgroundColor background,
    SimilarityTransform inputToPhoto, ComplianceReport report) {
  /**
   * Validates the photo.
   *
   * @throws NullPointerException if an argument is null
   */
  public IdPhoto {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(background, "background");
    Objects.requireNonNull(inputToPhoto, "inputToPhoto");
    Objects.requireNonNull(report, "report");
  }
}
