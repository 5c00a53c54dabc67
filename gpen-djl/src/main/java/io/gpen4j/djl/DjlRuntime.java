package io.gpen4j.djl;

import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import io.gpen4j.BackendException;
import io.gpen4j.spi.Device;
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
 * What both DJL backends share: availability, devices, precisions and opening models, for one
 * {@link DjlEngine}. Holds nothing but the engine kind, so it is thread-safe and free to create.
 */
final class DjlRuntime {
  private final DjlEngine kind;

  DjlRuntime(DjlEngine kind) {
    this.kind = kind;
  }

  boolean isAvailable() {
    return EngineLoader.isAvailable(kind);
  }

  Set<Device.Kind> deviceKinds() {
    Set<Device.Kind> kinds = EnumSet.of(Device.Kind.CPU);
    Engine engine;
    try {
      engine = EngineLoader.load(kind);
    } catch (BackendException e) {
      return kinds;
    }
    if (engine.getGpuCount() == 0) {
      return kinds;
    }
    if (kind == DjlEngine.PYTORCH) {
      if (engine.hasCapability(StandardCapabilities.CUDA)) {
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

  Set<Precision> precisions() {
    return EnumSet.of(Precision.FP32, Precision.FP16);
  }

  ModelSession open(ModelSource source, SessionSettings settings) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(settings, "settings");
    return new DjlSessionOpener(engineFor(source), source, settings).open();
  }

  /**
   * Returns the engine that loads a model. The PyTorch backend hands {@code .onnx} files (the face
   * detectors) to DJL's OnnxRuntime engine, so that one backend name serves a whole pipeline: a
   * TorchScript generator with ONNX detectors.
   */
  private DjlEngine engineFor(ModelSource source) {
    Path file = source.path().getFileName();
    boolean onnx = file != null && file.toString().toLowerCase(Locale.ROOT).endsWith(".onnx");
    return kind == DjlEngine.PYTORCH && onnx ? DjlEngine.ONNX_RUNTIME : kind;
  }
}
