package io.gpen4j.spi;

import io.gpen4j.BackendException;
import io.gpen4j.ModelException;
import java.util.Set;

/**
 * A runtime that loads models and runs them: the one thing a backend module implements.
 *
 * <p>Backends are found with {@link java.util.ServiceLoader}: a backend jar lists its
 * implementation in {@code META-INF/services/io.gpen4j.spi.InferenceBackend}. The restorer picks
 * the backend named by the user, or else the available one with the highest {@link #priority()}.
 *
 * <p>Implementations must have a public no-argument constructor that does no work: no native
 * library is loaded and no network is contacted until {@link #open} or {@link #isAvailable()} is
 * called. Implementations are thread-safe.
 */
public interface InferenceBackend {
  /**
   * Returns the name users select this backend by, such as {@code "onnx"}; lower case, stable.
   *
   * @return the name
   */
  String name();

  /**
   * Returns the rank among available backends when the user names none; higher wins.
   *
   * @return the priority
   */
  int priority();

  /**
   * Returns whether the backend's runtime can be loaded on this machine (its native libraries are
   * present and load). May load native code on first call.
   *
   * @return true if {@link #open} can work here
   */
  boolean isAvailable();

  /**
   * Returns the kinds of device this backend can use on this machine, as far as it can tell
   * without opening a model.
   *
   * @return the supported device kinds, never empty
   */
  Set<Device.Kind> deviceKinds();

  /**
   * Returns the precisions this backend can run.
   *
   * @return the supported precisions, never empty
   */
  Set<Precision> precisions();

  /**
   * Loads a model.
   *
   * @param source where the model is
   * @param settings how to run it
   * @return an open session, owned by the caller, who must close it
   * @throws ModelException if the model is missing, unreadable or malformed
   * @throws BackendException if the device or precision asked for cannot be used here
   */
  ModelSession open(ModelSource source, SessionSettings settings);

  /**
   * Loads a model whose float weights are interpolated between two files of the same graph:
   * {@code w = weightOfA w_A + (1 - weightOfA) w_B} (network interpolation, how Real-ESRGAN sets
   * realesr-general-x4v3's denoise strength). Backends that cannot rewrite a model's weights keep
   * this default, which refuses.
   *
   * @param a the first model
   * @param b the second model, of the same graph
   * @param weightOfA the weight of {@code a}, in [0, 1]
   * @param settings how to run it
   * @return an open session, owned by the caller, who must close it
   * @throws ModelException if a model is missing or malformed, or the two graphs differ
   * @throws BackendException if this backend cannot interpolate weights
   */
  default ModelSession openInterpolated(ModelSource a, ModelSource b, double weightOfA, SessionSettings settings) {
    throw new BackendException("backend '" + name() + "' cannot interpolate two models' weights (the "
        + "background model's denoise strength); use the onnx backend");
  }
}
