package io.gpen4j.djl;

import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import io.gpen4j.BackendException;
import io.gpen4j.ModelException;
import io.gpen4j.onnxformat.rewrite.ModelCache;
import io.gpen4j.spi.Device;
import io.gpen4j.spi.InferenceBackend;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.Precision;
import io.gpen4j.spi.SessionSettings;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What the two public DJL backends share: availability, devices, precisions and opening models,
 * for one {@link DjlEngine}. The constructor does no work; the engine loads on first use.
 * Thread-safe.
 */
abstract class DjlBackend implements InferenceBackend {
  private final String name;
  private final DjlEngine engine;
  /** Digests of the ONNX files this backend prepared (constant-kernel form), shared by its opens. */
  private final ModelCache cache = new ModelCache();

  DjlBackend(String name, DjlEngine engine) {
    this.name = name;
    this.engine = engine;
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
    return EngineLoader.isAvailable(engine);
  }

  /**
   * Returns the CPU, plus the GPU kinds that the engine's native library supports and for which a
   * GPU is visible.
   *
   * @return the device kinds, never empty
   */
  @Override
  public final Set<Device.Kind> deviceKinds() {
    Set<Device.Kind> kinds = EnumSet.of(Device.Kind.CPU);
    Engine loaded;
    try {
      loaded = EngineLoader.load(engine);
    } catch (BackendException e) {
      return kinds;
    }
    if (loaded.getGpuCount() == 0) {
      return kinds;
    }
    if (engine == DjlEngine.PYTORCH) {
      if (loaded.hasCapability(StandardCapabilities.CUDA)) {
        kinds.add(Device.Kind.CUDA);
      }
    } else {
      Set<OrtProvider> providers = OrtEnvironment.getAvailableProviders();
      if (providers.contains(OrtProvider.CUDA)) {
        kinds.add(Device.Kind.CUDA);
        if (providers.contains(OrtProvider.TENSOR_RT)) {
          kinds.add(Device.Kind.TENSORRT);
        }
      }
    }
    return kinds;
  }

  /**
   * Returns FP32 and FP16; FP16 needs a model file stored in half precision.
   *
   * @return the precisions
   */
  @Override
  public final Set<Precision> precisions() {
    return EnumSet.of(Precision.FP32, Precision.FP16);
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
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(settings, "settings");
    return new DjlSessionOpener(engineFor(source), cache, source, settings).open();
  }

  /**
   * Returns the engine that loads a model. The PyTorch backend hands {@code .onnx} files (the face
   * detectors) to DJL's OnnxRuntime engine, so that one backend name serves a whole pipeline: a
   * TorchScript generator with ONNX detectors.
   */
  private DjlEngine engineFor(ModelSource source) {
    Path file = source.path().getFileName();
    boolean onnx = file != null && file.toString().toLowerCase(Locale.ROOT).endsWith(".onnx");
    return engine == DjlEngine.PYTORCH && onnx ? DjlEngine.ONNX_RUNTIME : engine;
  }

  @Override
  public final String toString() {
    return getClass().getSimpleName();
  }
}
