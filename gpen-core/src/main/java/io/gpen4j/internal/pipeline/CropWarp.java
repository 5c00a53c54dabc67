package io.gpen4j.internal.pipeline;

import io.gpen4j.SimilarityTransform;
import io.gpen4j.internal.image.AffineWarp;
import io.gpen4j.internal.image.FloatImage;
import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.models.GeneratorFamily;

/**
 * The align stage's warp, with what the family's official pipeline puts where a crop reaches past
 * the frame (a face at the frame's edge): GPEN's pipeline in gpen4j replicates the edge, as it
 * always has; facexlib (GFPGAN, CodeFormer, RestoreFormer++) fills with the constant grey
 * {@code borderValue=(135, 133, 132)} of its {@code align_warp_face}, given there in OpenCV's BGR
 * order, which these generators saw in training-like use.
 */
final class CropWarp {
  /** facexlib's grey as 0xRRGGBB: R 132, G 133, B 135. */
  static final int FACEXLIB_GREY = 132 << 16 | 133 << 8 | 135;

  private CropWarp() {}

  /**
   * Warps one face into its crop.
   *
   * @param frame the frame
   * @param toCrop the frame-to-crop transform
   * @param size the crop side
   * @param family the generator's family
   * @return the crop
   */
  static FloatImage warp(RgbaImage frame, SimilarityTransform toCrop, int size, GeneratorFamily family) {
    return family == GeneratorFamily.GPEN
        ? AffineWarp.warp(frame, toCrop, size)
        : AffineWarp.warpWithBorder(frame, toCrop, size, FACEXLIB_GREY);
  }
}
