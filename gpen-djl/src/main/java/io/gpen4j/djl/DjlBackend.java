package io.gpen4j.djl;

import io.gpen4j.BackendException;
import io.gpen4j.ModelException;
import io.gpen4j.spi.Device;
import io.gpen4j.spi.InferenceBackend;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.Precision;
import io.gpen4j.spi.SessionSettings;
import java.util.Set;

/**
 * What the two public DJL backends share: each is a name over a {@link DjlRuntime} for one
 * engine. The constructor does no work; the engine loads on first use.
 */
abstract class DjlBackend implements InferenceBackend {
  private final String name;
  private final DjlEngine engine;
  private final DjlRuntime runtime;

  DjlBackend(String name, DjlEngine engine) {
    this.name = name;
    this.engine = engine;
    this.runtime = new DjlRuntime(engine);
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final int priority() {
    return engine.priority();
  }

  @Override
  public final boolean isAvailable() {
    return runtime.isAvailable();
  }

  /**
   * Returns the CPU, plus the GPU kinds that the engine's native library supports and for which a
   * GPU is visible.
   *
   * @return the device kinds, never empty
   */
  @Override
  public final Set<Device.Kind> deviceKinds() {
    return runtime.deviceKinds();
  }

  /**
   * Returns FP32 and FP16; FP16 needs a model file stored in half precision.
   *
   * @return the precisions
   */
  @Override
  public final Set<Precision> precisions() {
    return runtime.precisions();
  }

  /**
   * Loads a model.
   *
   * @param source where the model is
   * @param settings how to run it
   * @return an open session, owned by the caller, who must close it
   * @throws ModelException if the file is missing, unreadable, or not a model the engine can load
   * @throws BackendException if the engine or its native library cannot load, or the device or
   *     precision cannot be used and CPU fallback is not allowed
   */
  @Override
  public final ModelSession open(ModelSource source, SessionSettings settings) {
    return runtime.open(source, settings);
  }

  @Override
  public final String toString() {
    return getClass().getSimpleName();
  }
}
