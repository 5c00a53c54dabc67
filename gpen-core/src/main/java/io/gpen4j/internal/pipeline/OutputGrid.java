package io.gpen4j.internal.pipeline;

import io.gpen4j.SimilarityTransform;

/**
 * How the output's pixel grid sits on the input's at an output scale s: pixel centres line up,
 * as in the background resize (OpenCV's {@code resize}) and in Real-ESRGAN's output, where output
 * pixel {@code x} covers input {@code [x/s, (x+1)/s)}, so its centre is input
 * {@code (x + 0.5)/s - 0.5}. Scaling the pixel corners instead ({@code x/s}) puts every pasted face
 * {@code 0.5 (s - 1)} output pixels up and left of the background (0.5 px at 2x, 1.5 px at 4x).
 *
 * <p>facexlib ({@code face_restoration_helper.py}, used by GFPGAN, CodeFormer and RestoreFormer++)
 * adds {@code 0.5 s} to the inverse affine's translation, half an output pixel more than the
 * centres need; GPEN's own code detects and crops on the input resized to the output size, which
 * is the centre mapping. gpen4j uses the exact centre mapping for every family.
 */
final class OutputGrid {
  private OutputGrid() {}

  /**
   * Returns the map from output pixel coordinates to input pixel coordinates.
   *
   * @param upscale the output scale, positive
   * @return {@code x -> (x + 0.5)/s - 0.5}; the identity at scale 1
   */
  static SimilarityTransform outputToInput(int upscale) {
    double shift = 0.5 / upscale - 0.5;
    return new SimilarityTransform(1.0 / upscale, 0, shift, shift);
  }

  /**
   * Returns a detector box's shorter side in output pixels: official GPEN, with its super-resolution
   * model on, detects faces on the input resized to the output, so its small-face test (a box side
   * under 100 px) sees output pixels.
   *
   * @param inputSide the side in input pixels
   * @param upscale the output scale
   * @return the side in output pixels
   */
  static double toOutputPixels(double inputSide, int upscale) {
    return inputSide * upscale;
  }
}
