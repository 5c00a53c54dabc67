package io.gpen4j.internal.pipeline;

import io.gpen4j.SimilarityTransform;
import java.util.Objects;

/**
 * Which generator restores a face: the large one, or, when the restorer has a small one of the
 * same family, the small one for faces pasted smaller than a threshold.
 *
 * <p>The paste size is the side, in output pixels, of the square the aligned crop covers when it is
 * pasted back: {@code upscale * S / scale}, where {@code scale} is the similarity transform's from
 * the input image to the large model's {@code S x S} crop. It is the same for any crop size (the
 * template scales with S), so it says how many output pixels the restored face will have. A crop
 * pasted at fewer pixels than the small model's own side is shrunk when pasted whatever model made
 * it: the large model's extra detail cannot be seen (issue 29 measured GPEN-512 at 8.3x the time
 * of GPEN-256 per face). Immutable.
 *
 * @param large the generator for faces at or above the threshold (and every face without a small one)
 * @param small the generator for smaller faces, or null for none
 * @param smallBelow faces pasted below this many output pixels go to {@code small}
 */
public record GeneratorRoutes(GeneratorRoute large, GeneratorRoute small, int smallBelow) {
  /**
   * Checks the routes.
   *
   * @throws IllegalArgumentException if the small model is not smaller than the large one, or the
   *     threshold is not positive with a small model
   */
  public GeneratorRoutes {
    Objects.requireNonNull(large, "large");
    if (small != null) {
      if (small.size() >= large.size()) {
        throw new IllegalArgumentException("the small-face model takes " + small.size() + " px crops, not fewer than "
            + "the generator's " + large.size() + " px");
      }
      if (smallBelow < 1) {
        throw new IllegalArgumentException("the small-face threshold must be positive: " + smallBelow);
      }
    }
  }

  /**
   * One generator for every face.
   *
   * @param route the generator
   * @return the routes
   */
  public static GeneratorRoutes single(GeneratorRoute route) {
    return new GeneratorRoutes(route, null, 0);
  }

  /**
   * Returns the side of the square a face's crop covers when pasted.
   *
   * @param toCrop the transform from the input image to a crop of side {@code cropSize}
   * @param cropSize the crop's side S
   * @param upscale the output scale
   * @return the side in output pixels
   */
  public static double pasteSize(SimilarityTransform toCrop, int cropSize, int upscale) {
    return upscale * cropSize / toCrop.scale();
  }

  /**
   * Chooses a face's generator.
   *
   * @param toLargeCrop the transform from the input image to the large model's crop
   * @param upscale the output scale
   * @param smallForAll whether every face goes to the small route where there is one (a live
   *     stream's cheapest quality), whatever its paste size
   * @return the small route when there is one and the face is pasted below the threshold (or
   *     {@code smallForAll}), else the large
   */
  public GeneratorRoute routeFor(SimilarityTransform toLargeCrop, int upscale, boolean smallForAll) {
    if (small != null && (smallForAll || pasteSize(toLargeCrop, large.size(), upscale) < smallBelow)) {
      return small;
    }
    return large;
  }

  /** Returns the route whose full call holds the most memory. @return large or small */
  public GeneratorRoute heaviest() {
    return small != null && small.callBytes() > large.callBytes() ? small : large;
  }
}
