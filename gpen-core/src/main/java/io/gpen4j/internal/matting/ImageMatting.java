package io.gpen4j.internal.matting;

import io.gpen4j.internal.image.RgbaImage;

/**
 * Estimates a portrait's alpha matte: a matting model ({@link MattingModel}) or, coarser, a face
 * parser ({@link ParsingMatting}). Implementations are thread-safe when their sessions are and do
 * not own them.
 */
public interface ImageMatting {
  /**
   * Estimates the matte.
   *
   * @param image the image; not modified
   * @return {@code width * height} values in [0, 1], row by row, a new array
   * @throws io.gpen4j.RestorationException if the model run fails or returns a wrong or non-finite matte
   */
  float[] alpha(RgbaImage image);
}
