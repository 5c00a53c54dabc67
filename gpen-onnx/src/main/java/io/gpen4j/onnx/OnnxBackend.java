package io.gpen4j.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.gpen4j.BackendException;
import io.gpen4j.ModelException;
import io.gpen4j.spi.Device;
import io.gpen4j.spi.InferenceBackend;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.OptimizationLevel;
import io.gpen4j.spi.Precision;
import io.gpen4j.spi.SessionSettings;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.Set;

/**
 * Runs models on ONNX Runtime. Registered as the {@code "onnx"} backend.
 *
 * <p>The constructor does no work; ONNX Runtime's native library is loaded on the first
 * {@link #open} or {@link #isAvailable()}. Thread-safe.
 */
public final class OnnxBackend implements InferenceBackend {
  /** The name users select this backend by. */
  public static final String NAME = "onnx";

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
      OrtEnvironment.getEnvironment();
      return true;
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  @Override
  public Set<Device.Kind> deviceKinds() {
    return EnumSet.of(Device.Kind.CPU);
  }

  @Override
  public Set<Precision> precisions() {
    return EnumSet.of(Precision.FP32);
  }

  @Override
  public ModelSession open(ModelSource source, SessionSettings settings) {
    if (!Files.isRegularFile(source.path())) {
      throw new ModelException("model file not found: " + source.path() + " (" + source.name() + ")");
    }
    if (settings.device().isGpu()) {
      throw new BackendException("device " + settings.device() + " is not supported by this build of the onnx backend");
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(toOrt(settings.optimizationLevel()));
      if (settings.intraOpThreads() > 0) {
        options.setIntraOpNumThreads(settings.intraOpThreads());
      }
      OrtSession session = env.createSession(source.path().toString(), options);
      return new OnnxSession(env, session, source);
    } catch (OrtException e) {
      throw new ModelException(
          "ONNX Runtime cannot load " + source.name() + " from " + source.path() + ": " + e.getMessage(), e);
    }
  }

  private static OrtSession.SessionOptions.OptLevel toOrt(OptimizationLevel level) {
    switch (level) {
      case NONE:
        return OrtSession.SessionOptions.OptLevel.NO_OPT;
      case BASIC:
        return OrtSession.SessionOptions.OptLevel.BASIC_OPT;
      case EXTENDED:
        return OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
      default:
        return OrtSession.SessionOptions.OptLevel.ALL_OPT;
    }
  }

  @Override
  public String toString() {
    return "OnnxBackend";
  }
}
