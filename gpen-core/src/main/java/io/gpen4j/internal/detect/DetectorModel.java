package io.gpen4j.internal.detect;

import io.gpen4j.DetectorType;
import io.gpen4j.models.Normalization;
import java.util.Objects;

/**
 * What the detector needs to know about a validated detector model: how to feed it and how to
 * read what it returns.
 *
 * @param type the model family
 * @param inputName the name of the image input
 * @param fixedWidth the input width the model requires, or -1 when it accepts any multiple of
 *     {@link #STRIDE_MULTIPLE}
 * @param fixedHeight the input height the model requires, or -1 when free
 * @param normalization how pixels become input values
 * @param decoder how outputs become faces
 * @param resizable whether the model also runs at other sizes than its fixed one (any multiple of
 *     {@link #STRIDE_MULTIPLE}): YuNet exported at 640 x 640 but opened with its size freed
 *     ({@code SessionSettings.freeImageSize}); always true for a model without a fixed size
 */
record DetectorModel(
    DetectorType type,
    String inputName,
    int fixedWidth,
    int fixedHeight,
    Normalization normalization,
    DetectionDecoder decoder,
    boolean resizable) {
  /** Every supported model has strides 8, 16 and 32, so free input sizes are multiples of 32. */
  static final int STRIDE_MULTIPLE = 32;

  /**
   * The longest side detection runs at. Measured on the shared photographs (README "Finding
   * every face"): all three models find small faces at this size, while SCRFD loses large faces
   * and RetinaFace splits them into parts, so running at an image's own size would lose the
   * large faces of large images. It is also YuNet's fixed
   * input and the size InsightFace and facefusion run SCRFD at. Images are never enlarged to
   * it, which would push large faces out of the models' range.
   */
  static final int DETECTION_SIDE = 640;

  /** A model that runs at its fixed size only, or at any size when it has none. */
  DetectorModel(DetectorType type, String inputName, int fixedWidth, int fixedHeight, Normalization normalization,
      DetectionDecoder decoder) {
    this(type, inputName, fixedWidth, fixedHeight, normalization, decoder, fixedWidth < 0);
  }

  /**
   * Validates the description.
   *
   * @throws IllegalArgumentException if exactly one size is fixed, or a fixed size is not a
   *     positive multiple of {@link #STRIDE_MULTIPLE}
   */
  DetectorModel {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(inputName, "inputName");
    Objects.requireNonNull(normalization, "normalization");
    Objects.requireNonNull(decoder, "decoder");
    if ((fixedWidth < 0) != (fixedHeight < 0)) {
      throw new IllegalArgumentException(
          "input sizes must be both fixed or both free: " + fixedWidth + "x" + fixedHeight);
    }
    if (fixedWidth >= 0 && (fixedWidth == 0 || fixedHeight == 0
        || fixedWidth % STRIDE_MULTIPLE != 0 || fixedHeight % STRIDE_MULTIPLE != 0)) {
      throw new IllegalArgumentException(
          "fixed input size must be a positive multiple of " + STRIDE_MULTIPLE + ": " + fixedWidth + "x" + fixedHeight);
    }
    if (fixedWidth < 0 && !resizable) {
      throw new IllegalArgumentException("a model without a fixed size runs at any size");
    }
  }

  /**
   * Returns the smallest face, in input pixels, this model finds reliably: 20 for all three. YuNet's
   * documentation says 10 and it finds some faces below 20, but with 10 the tiled plan missed
   * faces pasted just above it (TiledDetectionTest), and SCRFD and RetinaFace lose faces just
   * under 20 on the shared photographs (measured sizes: README "Finding every face").
   *
   * @return pixels
   */
  int smallestInputFace() {
    return 20;
  }

  /** Returns whether the model takes one input size only. @return true if fixed */
  boolean hasFixedSize() {
    return fixedWidth > 0;
  }

  /**
   * Places an image in this model's input. The image is shrunk, never enlarged, until its long
   * side fits {@link #DETECTION_SIDE} (and a fixed input), then padded on the bottom and right:
   * to the fixed size, or to the next multiple of {@link #STRIDE_MULTIPLE} for a free size.
   *
   * @param width the image width, positive
   * @param height the image height, positive
   * @return the letterbox
   */
  Letterbox letterbox(int width, int height) {
    double scale = Math.min(1.0, (double) DETECTION_SIDE / Math.max(width, height));
    if (hasFixedSize()) {
      scale = Math.min(scale, Math.min((double) fixedWidth / width, (double) fixedHeight / height));
      return new Letterbox(0, 0, width, height, scale, fixedWidth, fixedHeight);
    }
    return Letterbox.padded(0, 0, width, height, scale, STRIDE_MULTIPLE);
  }
}
