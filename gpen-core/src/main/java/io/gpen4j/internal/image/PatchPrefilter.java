package io.gpen4j.internal.image;

import io.gpen4j.SimilarityTransform;
import java.util.Objects;

/**
 * Brings a face patch down to about the frame's scale before {@link PasteBack} reads it, so that a
 * crop much larger than the face in the frame does not alias.
 *
 * <p>Method: when the frame-to-crop scale {@code k} is above {@value #SAMPLES_PER_FRAME_PIXEL},
 * the face and the mask are both area-averaged ({@link ResampleFilter#AREA}, OpenCV's
 * {@code INTER_AREA}, through the library's one resampler {@link ResampleTaps}) from
 * {@code s x s} to {@code r x r}, {@code r = round(1.5 s / k)}, and the patch's transform is
 * composed with the crop-to-reduced map; the paste's one bicubic tap per frame pixel then reads an
 * image only 1.5 times finer than the frame, whose detail beyond the frame's resolution the area
 * average has already damped. This is the mip-mapping idea (Williams 1983, "Pyramidal
 * parametrics"), with one level cut to the scale. Face and mask go through the same filter, so the
 * blend weight stays consistent with the colour it weighs. At {@code k <= 1.5} the patch is
 * returned as it is: large faces (and faces up to 1.5 times smaller than the crop) paste exactly
 * as before.
 *
 * <p>Trade-off: an identity generator's crop is the frame enlarged, so one tap at each frame
 * pixel returns the frame almost exactly and any prefilter only blurs it; a generator that adds
 * detail at the crop's scale, which is what GPEN does, aliases without it, and that costs more
 * against the properly shrunk face than the blur does. PasteBackShrinkTest measures both; the
 * numbers are in the README, "Finding every face".
 *
 * <p>Why not supersample per frame pixel, as {@link AffineWarp} does: that costs {@code k^2}
 * bicubic taps per frame pixel (25 at {@code k = 5}), while the reduction costs a few additions
 * per crop value and keeps one tap per frame pixel.
 *
 * <p>Thread-safety: stateless.
 */
final class PatchPrefilter {
  /**
   * Reduced-crop pixels per frame pixel: 1.5. Measured (PasteBackShrinkTest, oracle and textured
   * cases at shrink 2-5) against 1, 1.25, 1.75 and 2: 1 blurs most (an area box a whole frame pixel
   * wide, then a bicubic read of a critically sampled image at random phase), 2 leaves the most
   * aliasing; 1.25-1.5 came out best, 1.5 keeping more of a clean face's sharpness.
   */
  static final double SAMPLES_PER_FRAME_PIXEL = 1.5;

  private PatchPrefilter() {}

  /**
   * Returns the patch to paste: {@code patch} itself when it is not shrunk, else a reduced copy
   * that covers the same frame area.
   */
  static FacePatch forPaste(FacePatch patch) {
    Objects.requireNonNull(patch, "patch");
    double shrink = patch.frameToCrop().scale();
    int size = patch.size();
    int reduced = (int) Math.max(1, Math.round(size * SAMPLES_PER_FRAME_PIXEL / shrink));
    if (!(shrink > 1) || reduced >= size) {
      return patch;
    }
    ResampleTaps taps = ResampleTaps.resize(ResampleFilter.AREA, size, reduced);
    // ResampleTaps centres output u on source (u + 0.5) * step - 0.5, so crop q maps to
    // u = (q + 0.5) / step - 0.5.
    double step = (double) size / reduced;
    double shift = 0.5 / step - 0.5;
    SimilarityTransform cropToReduced = new SimilarityTransform(1 / step, 0, shift, shift);
    return new FacePatch(
        reduce(patch.face(), taps), reduce(patch.mask(), taps), cropToReduced.compose(patch.frameToCrop()));
  }

  /** Resamples every plane of a square image along both axes with the same taps. */
  static FloatImage reduce(FloatImage image, ResampleTaps taps) {
    return PlaneResize.apply(image, taps, taps);
  }
}
