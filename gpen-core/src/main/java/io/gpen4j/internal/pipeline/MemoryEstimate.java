package io.gpen4j.internal.pipeline;

/**
 * The peak memory of one restore, estimated from what is known before any pixel is decoded: the
 * header's size, the encoded size, the upscale and the generator's crop size.
 *
 * <p>Model: per input pixel P, the decoded image (ImageIO's, 3 or 4 bytes; none for an 8-bit
 * truecolour PNG, which is decoded straight into the pipeline's pixels, counted anyway since the
 * header does not say which) and the pipeline's ARGB frame (4). The faces are pasted into that
 * frame (or into the upscaled canvas), never into a whole copy, so per output pixel (P times
 * upscale squared) there is the upscaled canvas (4, only when upscale is over 1), and the
 * collector's slack for the garbage a restore leaves (4: the encoders read the pixels as views, so
 * what is left is the warps', masks' and detector outputs' garbage). The encoded input is read
 * whole and copied once by the image stream (2 bytes per byte). Fixed: the generator's tensors and crops (about 48 bytes per crop pixel, per face of
 * a batch: a batch of N faces holds N crops, their stacked input and output and the restored crops
 * at once) and the detector's work (16 MiB: one input array for all its tiles).
 *
 * <p>Error: {@code MemoryEstimateTest} (gpen-onnx) checks the estimate against the heap peak,
 * uncollected garbage included; it is meant to stay above the peak, never under it (measured
 * ratios: README "How it works"). Native memory (ONNX Runtime) is not counted: it is fixed per
 * model, not per image. The 100-megapixel case is measured as a whole process: README "Memory of
 * very large photos".
 *
 * <p>A restore that runs the background model adds {@link BackgroundEnhancer#peakBytes}: the
 * model-scale image when it must be resized to the output scale, the resized alpha and one tile's
 * tensors (the model's own activations are native and bounded by the tile size).
 */
public final class MemoryEstimate {
  /** Bytes per input pixel: decoded image, ARGB frame. */
  static final long BYTES_PER_INPUT_PIXEL = 8;
  /**
   * Bytes per output pixel: the collector's slack, which varies with when it runs; counted high, so
   * the estimate stays above the peak (it was 8 while ImageIO's PNG writer copied every row).
   */
  static final long BYTES_PER_OUTPUT_PIXEL = 4;
  /** Bytes per output pixel of the upscaled canvas, when the output is upscaled. */
  static final long BYTES_PER_CANVAS_PIXEL = 4;
  /** The detector's letterboxed tensors, tiles and outputs. */
  static final long DETECTOR_BYTES = 16L << 20;
  /** Bytes per generator crop pixel: float tensors in and out, crops, mask, colour match. */
  static final long BYTES_PER_CROP_PIXEL = 48;

  private MemoryEstimate() {}

  /**
   * Estimates a restore's peak memory.
   *
   * @param width the input's width in pixels
   * @param height the input's height in pixels
   * @param encodedBytes the encoded input's size; 0 for an image already decoded
   * @param upscale the output scale
   * @param cropSize the generator's crop size S
   * @return the estimate in bytes
   */
  public static long peakBytes(int width, int height, long encodedBytes, int upscale, int cropSize) {
    return peakBytes(width, height, encodedBytes, upscale, cropSize, 1);
  }

  /**
   * Estimates the peak memory of a restore whose generator takes {@code batch} faces per call.
   *
   * @param width the input's width in pixels
   * @param height the input's height in pixels
   * @param encodedBytes the encoded input's size; 0 for an image already decoded
   * @param upscale the output scale
   * @param cropSize the generator's crop size S
   * @param batch the most faces per generator call
   * @return the estimate in bytes
   */
  public static long peakBytes(int width, int height, long encodedBytes, int upscale, int cropSize, int batch) {
    long pixels = (long) width * height;
    long outputPixels = pixels * upscale * upscale;
    return 2 * encodedBytes
        + BYTES_PER_INPUT_PIXEL * pixels
        + (BYTES_PER_OUTPUT_PIXEL + (upscale > 1 ? BYTES_PER_CANVAS_PIXEL : 0)) * outputPixels
        + DETECTOR_BYTES
        + batchBytes(cropSize, batch);
  }

  /**
   * Estimates what one generator call on {@code batch} crops holds.
   *
   * @param cropSize the generator's crop size S
   * @param batch the faces in the call
   * @return the estimate in bytes
   */
  public static long batchBytes(int cropSize, int batch) {
    return BYTES_PER_CROP_PIXEL * cropSize * cropSize * batch;
  }

  /**
   * Estimates what one detection holds: the detector's work, and the image's converted pixels
   * when the call converts them.
   *
   * @param width the image's width in pixels
   * @param height the image's height in pixels
   * @param converts whether the call converts the image to the pipeline's pixels
   * @return the estimate in bytes
   */
  public static long detectBytes(int width, int height, boolean converts) {
    return DETECTOR_BYTES + (converts ? 4L * width * height : 0);
  }
}
