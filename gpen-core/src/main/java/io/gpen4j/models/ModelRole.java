package io.gpen4j.models;

/** What a catalogued model does in the restoration pipeline. */
public enum ModelRole {
  /** A face restoration generator (GPEN): takes an aligned face crop, returns the restored crop. */
  RESTORER,
  /** A face detector: takes an image, returns boxes, five landmarks and scores. */
  DETECTOR,
  /**
   * A face parser (BiSeNet, ParseNet): takes a restored face crop, returns per-pixel class scores
   * from which a {@link io.gpen4j.FaceMask#PARSING} paste mask is made.
   */
  FACE_PARSER,
  /**
   * A background super-resolution model (Real-ESRGAN): takes a whole image (in tiles), returns it
   * enlarged by its {@link ModelSpec#scale()}.
   */
  BACKGROUND_UPSCALER,
  /**
   * A portrait-matting model (MODNet): takes a whole photo, returns its alpha matte, for an
   * {@link io.gpen4j.MattingStage}. Its {@link ModelSpec#mattingFamily()} gives the input size
   * rule and normalisation.
   */
  PORTRAIT_MATTER
}
