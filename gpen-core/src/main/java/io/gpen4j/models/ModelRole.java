package io.gpen4j.models;

/** What a catalogued model does in the restoration pipeline. */
public enum ModelRole {
  /** A face restoration generator (GPEN): takes an aligned face crop, returns the restored crop. */
  RESTORER,
  /** A face detector: takes an image, returns boxes, five landmarks and scores. */
  DETECTOR,
  /**
   * A background super-resolution model (Real-ESRGAN): takes a whole image (in tiles), returns it
   * enlarged by its {@link ModelSpec#scale()}.
   */
  BACKGROUND_UPSCALER
}
