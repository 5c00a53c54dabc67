package io.gpen4j.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import io.gpen4j.BackendException;
import io.gpen4j.ModelException;
import io.gpen4j.internal.backend.NativeInit;
import io.gpen4j.onnxformat.rewrite.ModelCache;
import io.gpen4j.spi.Device;
import io.gpen4j.spi.InferenceBackend;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.Precision;
import io.gpen4j.spi.SessionSettings;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Runs models on ONNX Runtime (https://onnxruntime.ai), registered as the {@code "onnx"}
 * backend: CPU always, CUDA and TensorRT with the {@code onnxruntime_gpu} artifact.
 *
 * <p>Settings it honours: device, precision (FP16 by converting an FP32 model at load, or by
 * TensorRT's FP16 mode), intra-op threads (set explicitly, by default one per available core:
 * {@link SessionSettings#resolvedIntraOpThreads()}), optimisation level, a cache folder (FP16
 * conversions, optimised models, TensorRT engines), CPU fallback, low-memory mode
 * ({@link SessionSettings#lowMemory()}), the GPU memory cap and the cuDNN convolution search. It ignores {@code concurrency}: one native session serves every caller.
 *
 * <p>The constructor does no work; ONNX Runtime's native library is loaded on the first
 * {@link #open}, {@link #isAvailable()} or {@link #deviceKinds()}. Thread-safe.
 */
public final class OnnxBackend implements InferenceBackend {
  /** The name users select this backend by. */
  public static final String NAME = "onnx";

  /** ONNX Runtime's process-wide environment, once created. */
  private static volatile OrtEnvironment environment;

  private final ModelCache cache = new ModelCache();

  /** Creates the backend; loads nothing. */
  public OnnxBackend() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return 100;
  }

  @Override
  public boolean isAvailable() {
    try {
      environment();
      return true;
    } catch (BackendException e) {
      return false;
    }
  }

  /**
   * Returns the devices whose providers are compiled into the ONNX Runtime on the class path:
   * always the CPU; CUDA and TensorRT with {@code onnxruntime_gpu}. Whether a GPU is actually
   * present is only known when a model is opened on it.
   *
   * @return the device kinds, never empty
   */
  @Override
  public Set<Device.Kind> deviceKinds() {
    Set<Device.Kind> kinds = EnumSet.of(Device.Kind.CPU);
    if (!isAvailable()) {
      return kinds;
    }
    Set<OrtProvider> providers = OrtEnvironment.getAvailableProviders();
    if (providers.contains(OrtProvider.CUDA)) {
      kinds.add(Device.Kind.CUDA);
    }
    if (providers.contains(OrtProvider.TENSOR_RT) && providers.contains(OrtProvider.CUDA)) {
      kinds.add(Device.Kind.TENSORRT);
    }
    return kinds;
  }

  /**
   * Returns FP32 and FP16. FP16 runs on every device, but on the CPU it is usually slower than
   * FP32 (see the module README).
   *
   * @return the precisions
   */
  @Override
  public Set<Precision> precisions() {
    return EnumSet.of(Precision.FP32, Precision.FP16);
  }

  /**
   * Loads a model.
   *
   * @param source where the model is
   * @param settings how to run it
   * @return an open session, owned by the caller, who must close it
   * @throws ModelException if the file is missing, unreadable, not ONNX, truncated, or cannot be
   *     converted to FP16
   * @throws BackendException if ONNX Runtime cannot load here, or the device or precision cannot
   *     be used and CPU fallback is not allowed
   */
  @Override
  public ModelSession open(ModelSource source, SessionSettings settings) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(settings, "settings");
    return new OrtSessionOpener(environment(), cache, source, settings).open();
  }

  /**
   * Loads the network interpolation of two models of the same graph ({@link NetworkInterpolation}):
   * the blended model is written to a temporary file, opened and deleted.
   *
   * @param a the first model
   * @param b the second model, of the same graph
   * @param weightOfA the weight of {@code a}, in [0, 1]
   * @param settings how to run it
   * @return an open session, owned by the caller
   * @throws ModelException if a model is missing or malformed, or the graphs differ
   * @throws BackendException as {@link #open}
   */
  @Override
  public ModelSession openInterpolated(ModelSource a, ModelSource b, double weightOfA, SessionSettings settings) {
    Path blended = NetworkInterpolation.writeTemporary(a.path(), b.path(), weightOfA);
    try {
      return open(new ModelSource(blended, a.name() + " + " + b.name() + " at " + weightOfA), settings);
    } finally {
      try {
        java.nio.file.Files.deleteIfExists(blended);
      } catch (java.io.IOException e) {
        blended.toFile().deleteOnExit();
      }
    }
  }

  private static OrtEnvironment environment() {
    OrtEnvironment env = environment;
    if (env != null) {
      return env;
    }
    try {
      // Created on a large stack: ONNX Runtime 1.29 crashes on a long command line otherwise (see NativeInit).
      env = NativeInit.onLargeStack("gpen4j-ort-init", OrtEnvironment::getEnvironment);
      environment = env;
      return env;
    } catch (LinkageError | RuntimeException e) {
      throw new BackendException("ONNX Runtime's native library cannot be loaded on "
          + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ": " + e, e);
    }
  }

  @Override
  public String toString() {
    return "OnnxBackend";
  }
}
