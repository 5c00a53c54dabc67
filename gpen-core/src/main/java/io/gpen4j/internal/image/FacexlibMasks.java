package io.gpen4j.internal.image;

import java.util.Objects;

/**
 * The paste masks of facexlib's {@code FaceRestoreHelper.paste_faces_to_input_image} (used by
 * GFPGAN, CodeFormer and RestoreFormer++), in the crop's coordinates so that {@link PasteBack}
 * warps them like gpen4j's own masks.
 *
 * <p>Square mask: facexlib warps a crop of ones into the output (bilinear, zero outside), erodes it
 * with a {@code 2s x 2s} kernel (s = the output scale) to drop the warp's partial border, takes
 * {@code w = floor(sqrt(area)) // 20} from the eroded area, erodes again with a {@code 2w x 2w}
 * kernel and blurs with OpenCV's {@code GaussianBlur((2w+1, 2w+1), 0)}, whose sigma is
 * {@code 0.3 (w - 1) + 0.8}. Both steps are separable along the crop's axes for an upright face:
 * here each axis gets that profile, computed in output pixels from the crop's scale in the output
 * and evaluated at every crop pixel, and the mask is the product of the two axes' profiles. An
 * even erosion kernel is anchored at its centre, so it eats {@code s + w} pixels on the left and
 * top but {@code s + w - 2} on the right and bottom; the profiles keep that asymmetry.
 *
 * <p>Parsing mask: 1 where the parser's best class is kept, {@code GaussianBlur((101, 101), 11)}
 * twice at the parser's resolution, a 10 px border set to 0, resized to the crop.
 *
 * <p>Thread-safety: stateless.
 */
public final class FacexlibMasks {
  /** facexlib's parse-mask blur: kernel 101 (radius 50), sigma 11, applied twice. */
  static final double PARSE_SIGMA = 11;
  static final int PARSE_RADIUS = 50;
  /** The border of the parse map set to 0 after the blur, in parser pixels. */
  static final int PARSE_BORDER = 10;

  /** OpenCV's fixed kernels for {@code GaussianBlur} with sigma 0 and a size up to 7. */
  private static final double[][] SMALL_KERNELS = {
    {1},
    {0.25, 0.5, 0.25},
    {0.0625, 0.25, 0.375, 0.25, 0.0625},
    {0.03125, 0.109375, 0.21875, 0.28125, 0.21875, 0.109375, 0.03125},
  };

  private FacexlibMasks() {}

  /**
   * Returns facexlib's square mask of one face, in crop coordinates.
   *
   * @param size the crop side S
   * @param cropPerOutput crop pixels per output pixel (the output-to-crop transform's scale)
   * @param upscale the output scale s
   * @return a new {@code S x S} single-channel mask in [0, 1]
   * @throws IllegalArgumentException if a size or the scale is not positive
   */
  public static FloatImage square(int size, double cropPerOutput, int upscale) {
    if (size <= 0 || upscale <= 0 || !(cropPerOutput > 0 && cropPerOutput < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("bad square mask: size " + size + ", crop pixels per output pixel "
          + cropPerOutput + ", upscale " + upscale);
    }
    int w = edgeWidth(size, cropPerOutput, upscale);
    double[] kernel = kernel(w);
    // The 2w erosion; OpenCV erodes with a 3x3 square when the kernel is empty (w = 0).
    int erodeLeft = w == 0 ? 1 : w;
    int erodeRight = w == 0 ? 1 : w - 1;
    float[] ramp = new float[size];
    for (int q = 0; q < size; q++) {
      double fromLeft = (q + 0.5) / cropPerOutput;
      double fromRight = (size - 0.5 - q) / cropPerOutput;
      double left = blurredEdge(fromLeft - upscale - erodeLeft, kernel, cropPerOutput);
      double right = blurredEdge(fromRight - (upscale - 1) - erodeRight, kernel, cropPerOutput);
      ramp[q] = (float) (left * right);
    }
    FloatImage mask = FloatImage.create(size, size, 1);
    float[] m = mask.data();
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        m[y * size + x] = ramp[y] * ramp[x];
      }
    }
    return mask;
  }

  /**
   * facexlib's fusion edge {@code w_edge}: a twentieth of the square root of the eroded mask's area
   * in output pixels, its side being the crop's side in output pixels less the {@code 2s} erosion.
   */
  static int edgeWidth(int size, double cropPerOutput, int upscale) {
    double side = Math.max(0, size / cropPerOutput - 2 * upscale + 1);
    return (int) Math.floor(side) / 20;
  }

  /** OpenCV's {@code getGaussianKernel(2w + 1, 0)}. */
  static double[] kernel(int w) {
    int n = 2 * w + 1;
    if (n <= 7) {
      return SMALL_KERNELS[w].clone();
    }
    double sigma = 0.3 * ((n - 1) * 0.5 - 1) + 0.8;
    double[] k = new double[n];
    double sum = 0;
    for (int j = -w; j <= w; j++) {
      k[j + w] = Math.exp(-j * j / (2 * sigma * sigma));
      sum += k[j + w];
    }
    for (int j = 0; j < n; j++) {
      k[j] /= sum;
    }
    return k;
  }

  /**
   * The blurred eroded edge at output distance {@code t} past the eroded edge: the kernel over the
   * warped ones' profile, which is {@code clamp(t k + 0.5, 0, 1)} ({@code k} crop pixels per
   * output pixel: the bilinear warp ramps over one crop pixel outside the crop).
   */
  private static double blurredEdge(double t, double[] kernel, double cropPerOutput) {
    int w = kernel.length / 2;
    double v = 0;
    for (int j = -w; j <= w; j++) {
      double u = (t + j) * cropPerOutput + 0.5;
      v += kernel[j + w] * (u <= 0 ? 0 : u >= 1 ? 1 : u);
    }
    return v;
  }

  /**
   * Returns facexlib's parsing mask from a parser's class scores.
   *
   * @param scores the parser's output, {@code classes x side x side} planar
   * @param classes the number of classes
   * @param side the side of the score maps
   * @param keep the classes pasted
   * @param size the crop side the mask is resized to
   * @return a new {@code size x size} single-channel mask in [0, 1], or null when a score is NaN
   *     or infinite
   * @throws IllegalArgumentException if the sizes do not match the data, a kept class is out of
   *     range, or the score maps are too small for the blur
   */
  public static FloatImage parsing(float[] scores, int classes, int side, int[] keep, int size) {
    Objects.requireNonNull(scores, "scores");
    if (classes <= 0 || side <= 0 || (long) classes * side * side != scores.length) {
      throw new IllegalArgumentException(
          scores.length + " scores are not " + classes + " classes of " + side + "x" + side);
    }
    if (side <= 2 * PARSE_BORDER || side <= PARSE_RADIUS) {
      throw new IllegalArgumentException("score maps of " + side + "x" + side + " are too small for facexlib's "
          + (2 * PARSE_RADIUS + 1) + " px blur");
    }
    FloatImage chosen = ParsingMask.chosenPixels(scores, classes, side, ParsingMask.keptClasses(classes, keep));
    if (chosen == null) {
      return null;
    }
    FloatImage once = GaussianBlur.blur(chosen, PARSE_SIGMA, PARSE_RADIUS);
    FloatImage twice = GaussianBlur.blur(once, PARSE_SIGMA, PARSE_RADIUS);
    float[] m = twice.data();
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        boolean border = x < PARSE_BORDER || y < PARSE_BORDER || x >= side - PARSE_BORDER || y >= side - PARSE_BORDER;
        // The float blur can overshoot 1 by a rounding error.
        m[y * side + x] = border ? 0f : Math.min(1f, m[y * side + x]);
      }
    }
    return side == size ? twice : SquareResize.resize(twice, size);
  }

  /**
   * Returns CodeFormer's combination of the two masks: per pixel the smaller.
   *
   * @param parsing the parsing mask
   * @param square the square mask, of the same size
   * @return a new mask
   */
  public static FloatImage minimum(FloatImage parsing, FloatImage square) {
    float[] p = parsing.data();
    float[] s = square.data();
    if (p.length != s.length) {
      throw new IllegalArgumentException("masks of different sizes");
    }
    float[] out = new float[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = Math.min(p[i], s[i]);
    }
    return FloatImage.wrap(parsing.width(), parsing.height(), 1, out);
  }
}
