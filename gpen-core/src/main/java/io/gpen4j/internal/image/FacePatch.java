package io.gpen4j.internal.image;

import io.gpen4j.SimilarityTransform;
import java.util.Objects;

/**
 * A restored face ready to paste into a frame.
 *
 * @param face the restored crop, {@code size x size}, 3-channel planar RGB in [0, 255]
 * @param mask the blend weights, {@code size x size}, 1 channel in [0, 1], 0 on the crop border
 * @param frameToCrop maps output-frame coordinates to crop coordinates
 */
public record FacePatch(FloatImage face, FloatImage mask, SimilarityTransform frameToCrop) {
  /**
   * Validates the shapes.
   *
   * @throws IllegalArgumentException if the face is not a 3-channel square, or the mask is not a
   *     1-channel image of the face's size
   */
  public FacePatch {
    Objects.requireNonNull(face, "face");
    Objects.requireNonNull(mask, "mask");
    Objects.requireNonNull(frameToCrop, "frameToCrop");
    if (face.channels() != 3 || face.width() != face.height()) {
      throw new IllegalArgumentException(
          "patch face must be a 3-channel square, got " + face.width() + "x" + face.height() + "x" + face.channels());
    }
    if (mask.channels() != 1 || mask.width() != face.width() || mask.height() != face.height()) {
      throw new IllegalArgumentException(
          "patch mask must be 1-channel " + face.width() + "x" + face.height() + ", got "
              + mask.width() + "x" + mask.height() + "x" + mask.channels());
    }
  }

  /** Returns the crop side. @return pixels */
  public int size() {
    return face.width();
  }
}
