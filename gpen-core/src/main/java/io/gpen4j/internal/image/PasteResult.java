package io.gpen4j.internal.image;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The frame with the faces pasted in, and the time spent on each face.
 *
 * @param image the new frame
 * @param perPatch the time attributed to each patch, in the order the patches were given
 */
public record PasteResult(RgbaImage image, List<Duration> perPatch) {
  /** Copies the list. */
  public PasteResult {
    Objects.requireNonNull(image, "image");
    perPatch = List.copyOf(perPatch);
  }
}
