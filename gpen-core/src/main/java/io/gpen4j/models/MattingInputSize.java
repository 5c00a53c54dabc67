package io.gpen4j.models;

/**
 * How a portrait-matting model's input size follows from the image's: either one fixed size, or
 * MODNet's rule (a reference side and a multiple). The image is resized to the input size without
 * keeping its aspect ratio exactly (each side is rounded on its own), and the matte is resized
 * back to the image's size.
 *
 * <p>MODNet's rule, as its official demos compute it ({@code demo/image_matting/colab/inference.py},
 * {@code onnx/inference_onnx.py}, with {@code ref_size = 512}): an image whose sides are both
 * below the reference side, or both above it, is scaled so that its short side is the reference
 * side (the long side {@code floor(long / short * reference)}); any other image keeps its size.
 * Each side is then rounded down to a multiple of {@code multiple}. gpen4j adds one thing: a side
 * is never rounded below one multiple (the official code would make a 20x600 image 0 pixels
 * wide).
 *
 * @param fixedWidth the input width for a fixed size, or 0 for the rule
 * @param fixedHeight the input height for a fixed size, or 0 for the rule
 * @param referenceSide the rule's reference side, or 0 for a fixed size
 * @param multiple what each side of the rule's size is a multiple of, or 0 for a fixed size
 */
public record MattingInputSize(int fixedWidth, int fixedHeight, int referenceSide, int multiple) {
  /**
   * Validates the size.
   *
   * @throws IllegalArgumentException unless exactly one of the fixed size (both sides positive)
   *     and the rule (both numbers positive, the multiple no larger than the reference side) is set
   */
  public MattingInputSize {
    boolean fixed = fixedWidth > 0 && fixedHeight > 0 && referenceSide == 0 && multiple == 0;
    boolean rule = fixedWidth == 0 && fixedHeight == 0 && referenceSide > 0 && multiple > 0
        && multiple <= referenceSide;
    if (!fixed && !rule) {
      throw new IllegalArgumentException("a matting input size is either fixed (width and height positive) or a "
          + "rule (reference side and multiple positive, the multiple at most the side): fixed " + fixedWidth + "x"
          + fixedHeight + ", reference side " + referenceSide + ", multiple " + multiple);
    }
  }

  /**
   * A fixed input size.
   *
   * @param width the input width, positive
   * @param height the input height, positive
   * @return the size
   * @throws IllegalArgumentException if a side is not positive
   */
  public static MattingInputSize fixed(int width, int height) {
    return new MattingInputSize(width, height, 0, 0);
  }

  /**
   * MODNet's rule: short side to the reference side when the image is wholly smaller or wholly
   * larger than it, both sides rounded down to a multiple.
   *
   * @param referenceSide the reference side, 512 for MODNet
   * @param multiple the multiple, 32 for MODNet
   * @return the size
   * @throws IllegalArgumentException if a number is not positive or the multiple exceeds the side
   */
  public static MattingInputSize rule(int referenceSide, int multiple) {
    return new MattingInputSize(0, 0, referenceSide, multiple);
  }

  /** Returns whether this is a fixed size. @return true for {@link #fixed} */
  public boolean isFixed() {
    return fixedWidth > 0;
  }

  /**
   * Resolves this size for one image.
   *
   * @param width the image width, positive
   * @param height the image height, positive
   * @return the model input's size for that image, as a {@link #fixed} size
   * @throws IllegalArgumentException if a side is not positive
   */
  public MattingInputSize forImage(int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
    }
    if (isFixed()) {
      return this;
    }
    long w = width;
    long h = height;
    if (Math.max(width, height) < referenceSide || Math.min(width, height) > referenceSide) {
      // The official code's int(w / h * ref): a double division truncated toward zero.
      if (width >= height) {
        h = referenceSide;
        w = (long) ((double) width / height * referenceSide);
      } else {
        w = referenceSide;
        h = (long) ((double) height / width * referenceSide);
      }
    }
    return fixed(roundDown(w), roundDown(h));
  }

  private int roundDown(long side) {
    return Math.toIntExact(Math.max(multiple, side - side % multiple));
  }
}
