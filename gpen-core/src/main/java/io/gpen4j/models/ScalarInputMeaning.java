package io.gpen4j.models;

/** What value the pipeline feeds to a generator's extra scalar input. */
public enum ScalarInputMeaning {
  /**
   * The restoration's fidelity, {@link io.gpen4j.RestoreOptions#fidelity()} in [0, 1]: CodeFormer's
   * w. A generator that takes it gets the value here, and its output is pasted whole instead of
   * blended by that value.
   */
  FIDELITY_WEIGHT
}
