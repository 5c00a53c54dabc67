package io.gpen4j.models;

/** What value the pipeline feeds to a generator's extra scalar input. */
public enum ScalarInputMeaning {
  /**
   * The restoration's fidelity, {@link io.gpen4j.RestoreOptions#fidelity()} in [0, 1]: CodeFormer's
   * w. A generator that takes it gets the value here, and its output is pasted whole instead of
   * blended by that value. Left unset, it gets {@link #defaultValue()}.
   */
  FIDELITY_WEIGHT;

  /**
   * Returns the value fed when the call does not set one.
   *
   * @return 0.5 for {@link #FIDELITY_WEIGHT}: CodeFormer's w in its official CLI
   *     ({@code inference_codeformer.py --fidelity_weight}) and in facefusion
   */
  public double defaultValue() {
    return 0.5;
  }
}
