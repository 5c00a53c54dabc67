package io.gpen4j.internal.image;

/**
 * The blend mask of an aligned face crop: 1 over the face, falling smoothly to exactly 0 before the
 * crop border.
 *
 * <p>Shape: the product of two 1-D ramps, {@code ramp(x) * ramp(y)}, where {@code ramp} is 0 within
 * {@code inset} pixels of the border and rises with a smoothstep ({@code 3t^2 - 2t^3}, zero slope at
 * both ends, so no visible crease) over the next {@code feather} pixels. This is what GPEN's own
 * paste-back gets by Gaussian-blurring an inset rectangle (docs/REFERENCE.md §5), with the corners
 * rounded the same way, but with compact support: exactly 0 at the border, so the border pixels
 * that the warp filled by replication never show. Both widths are fractions of the crop side; the
 * crop is aligned to the face, so the feather scales with the face in the source image.
 */
public final class FeatherMask {
  /**
   * Default zero margin: 4% of the side (20 px at 512). It keeps out the crop's outer band, where
   * the generator's output is least reliable and where the warp replicated the border of the frame
   * for faces at the frame edge; GPEN's rectangle is inset 26 px at 512 (5%) before its blur.
   */
  public static final double DEFAULT_INSET_FRACTION = 0.04;

  /**
   * Default feather: 12% of the side (61 px at 512). A hard edge or GPEN's roughly 45 px
   * transition leaves a visible box where the restored face is sharper than the frame; a wider
   * ramp hides it. The ramp stops at 16% of the side, outside the face: with GPEN's template the
   * eyes sit at 47% and the mouth at 72% of the side, the forehead and chin well inside 16-84%.
   */
  public static final double DEFAULT_FEATHER_FRACTION = 0.12;

  private FeatherMask() {}

  /**
   * Creates the default mask.
   *
   * @param size the crop side, positive
   * @return a new {@code size x size} single-channel image with values in [0, 1]
   * @throws IllegalArgumentException if {@code size} is not positive
   */
  public static FloatImage create(int size) {
    return create(size, DEFAULT_INSET_FRACTION, DEFAULT_FEATHER_FRACTION);
  }

  /**
   * Creates a mask.
   *
   * @param size the crop side, positive
   * @param insetFraction the zero margin as a fraction of the side, in [0, 0.5)
   * @param featherFraction the ramp width as a fraction of the side, positive, with
   *     {@code insetFraction + featherFraction <= 0.5}; the mask reaches 1 at the centre when the sum
   *     leaves a pixel or more of the half side
   * @return a new {@code size x size} single-channel image with values in [0, 1]
   * @throws IllegalArgumentException if {@code size} is not positive or a fraction is out of range
   */
  public static FloatImage create(int size, double insetFraction, double featherFraction) {
    if (size <= 0) {
      throw new IllegalArgumentException("mask size must be positive: " + size);
    }
    if (!(insetFraction >= 0 && insetFraction < 0.5)) {
      throw new IllegalArgumentException("mask inset fraction must be in [0, 0.5): " + insetFraction);
    }
    if (!(featherFraction > 0 && insetFraction + featherFraction <= 0.5)) {
      throw new IllegalArgumentException(
          "mask feather fraction must be positive with inset + feather <= 0.5: " + featherFraction);
    }
    double inset = insetFraction * size;
    double feather = featherFraction * size;
    float[] ramp = new float[size];
    for (int i = 0; i < size; i++) {
      // Distance of the pixel centre from the nearest border pixel centre.
      int d = Math.min(i, size - 1 - i);
      double t = (d - inset) / feather;
      ramp[i] = t <= 0 ? 0f : t >= 1 ? 1f : (float) (t * t * (3 - 2 * t));
    }
    FloatImage mask = FloatImage.create(size, size, 1);
    float[] data = mask.data();
    for (int y = 0; y < size; y++) {
      float ry = ramp[y];
      for (int x = 0; x < size; x++) {
        data[y * size + x] = ry * ramp[x];
      }
    }
    return mask;
  }
}
