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
 * Runs ONNX files (the same ones the {@code onnx} backend runs) through DJL's OnnxRuntime engine
 * (https://djl.ai), registered as the {@code "djl-onnxruntime"} backend. Its priority is below
 * the {@code onnx} backend's, so it is used when named or when it is the only backend that loads.
 *
 * <p>Settings it honours: device (CPU; CUDA and TensorRT with {@code onnxruntime_gpu} in place of
 * {@code onnxruntime}), precision, intra-op threads, optimisation level, concurrency (the predictor
 * pool) and CPU fallback. It ignores the cache folder, the GPU memory cap and the convolution
 * search.
 *
 * <p>FP16 needs an FP16 .onnx file (DJL does not convert at load; the {@code onnx} backend
 * does); asking for it with a float32 file fails with a {@link BackendException}.
 *
 * <p>The constructor does no work: DJL's engine and its native library load on the first
 * {@link #open}, {@link #isAvailable()} or {@link #deviceKinds()}, offline (see the module
 * README). Thread-safe; the sessions it opens are thread-safe too.
 */
public final class DjlOnnxRuntimeBackend implements InferenceBackend {
  /** The name users select this backend by. */
  public static final String NAME = "djl-onnxruntime";

  private final DjlRuntime runtime = new DjlRuntime(DjlEngine.ONNX_RUNTIME);

  /** Creates the backend; loads nothing. */
  public DjlOnnxRuntimeBackend() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return DjlEngine.ONNX_RUNTIME.priority();
  }

  @Override
  public boolean isAvailable() {
    return runtime.isAvailable();
  }

  /**
   * Returns the CPU, plus the GPU kinds that the engine's native library supports and for which a
   * GPU is visible.
   *
   * @return the device kinds, never empty
   */
  @Override
  public Set<Device.Kind> deviceKinds() {
    return runtime.deviceKinds();
  }

  /**
   * Returns FP32 and FP16; FP16 needs an FP16 .onnx file (DJL does not convert at load; the {@code onnx} backend does).
   *
   * @return the precisions
   */
  @Override
  public Set<Precision> precisions() {
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
  public ModelSession open(ModelSource source, SessionSettings settings) {
    return runtime.open(source, settings);
  }

  @Override
  public String toString() {
    return "DjlOnnxRuntimeBackend";
  }
}
