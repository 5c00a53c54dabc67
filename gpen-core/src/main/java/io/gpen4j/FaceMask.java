package io.gpen4j;

/**
 * Which blend mask pastes a restored face back (see {@link RestoreOptions.Builder#faceMask}).
 */
public enum FaceMask {
  /**
   * {@link #PARSING} when the restorer has a face-parsing model
   * ({@link ParserStage}), else {@link #SQUARE}. The default.
   */
  AUTO,
  /**
   * The whole aligned square around the face, feathered towards its border: hair, ears and the
   * background inside the square are replaced too.
   */
  SQUARE,
  /**
   * Only the pixels a face-parsing model labels as one of the chosen {@link FaceRegion}s of the
   * restored face, feathered; what covers the face (a hand, a microphone) keeps its original
   * pixels. Needs a face-parsing model on the restorer.
   */
  PARSING
}
