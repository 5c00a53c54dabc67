package io.gpen4j;

/**
 * Whether a restore runs the background model ({@link BackgroundStage}) over
 * the whole photo before the faces are pasted, instead of only resizing it to the output scale.
 */
public enum BackgroundEnhancement {
  /** On when the restorer has a background model, else off (the default). */
  AUTO,
  /** On; a restorer without a background model rejects the call with {@link IllegalArgumentException}. */
  ON,
  /** Off: the background is only resized, as without a background model. */
  OFF
}
