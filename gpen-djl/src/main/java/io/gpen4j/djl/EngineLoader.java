package io.gpen4j.djl;

import ai.djl.engine.Engine;
import io.gpen4j.BackendException;
import io.gpen4j.internal.backend.NativeInit;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a DJL engine, offline unless the user says otherwise, and turns every way that can fail
 * (engine jar missing, native library missing or not loadable) into one {@link BackendException}
 * that names the engine and the artifacts it needs.
 *
 * <p>Native libraries: DJL takes PyTorch's from {@code pytorch-native-cpu} (or a GPU variant)
 * and {@code pytorch-jni} when they are on the class path, and downloads them from its own server
 * only when they are not. This class sets no system property (a library must not change its
 * host's global settings); an application that must never reach the network sets
 * {@code -Dai.djl.offline=true}, and the error then says so.
 *
 * <p>One environment per process: DJL 0.36's OnnxRuntime engine creates ONNX Runtime's
 * process-wide environment with its own thread settings and fails (for the rest of the JVM's
 * life) when another library, such as the {@code onnx} backend, created it first. The failure is
 * reported as such; the cure is to load this engine first, for example with
 * {@code new DjlOnnxRuntimeBackend().isAvailable()} at start-up.
 */
final class EngineLoader {
  static final String OFFLINE = "ai.djl.offline";

  private static final Logger LOG = LoggerFactory.getLogger(EngineLoader.class);

  /** The engines loaded once already; later loads need no large stack. */
  private static final Set<DjlEngine> LOADED = ConcurrentHashMap.newKeySet();

  private EngineLoader() {}

  /**
   * Returns the engine, loading its native library on first use.
   *
   * @param kind the engine
   * @return the engine
   * @throws BackendException if the engine is not on the class path or cannot load here
   */
  static Engine load(DjlEngine kind) {
    try {
      if (LOADED.contains(kind)) {
        return Engine.getEngine(kind.djlName());
      }
      // The first load creates ONNX Runtime's environment: on a large stack (see NativeInit).
      Engine engine = NativeInit.onLargeStack("gpen4j-djl-init", () -> Engine.getEngine(kind.djlName()));
      LOADED.add(kind);
      return engine;
    } catch (IllegalArgumentException e) {
      throw new BackendException("DJL's " + kind.djlName() + " engine is not on the class path (" + e.getMessage()
          + "); add " + kind.artifacts(), e);
    } catch (RuntimeException | LinkageError e) {
      if (kind == DjlEngine.ONNX_RUNTIME && describe(e).contains("OrtEnvironment, but one already exists")) {
        throw new BackendException("DJL's OnnxRuntime engine cannot start: ONNX Runtime's environment was "
            + "created in this JVM before DJL's (for example by the onnx backend), and DJL 0.36 must create it "
            + "itself; load djl-onnxruntime first (new DjlOnnxRuntimeBackend().isAvailable() at start-up) "
            + "or use one ONNX Runtime backend per JVM", e);
      }
      boolean offline = Boolean.parseBoolean(System.getProperty(OFFLINE));
      throw new BackendException("DJL's " + kind.djlName() + " engine cannot load its native library on "
          + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ": " + describe(e)
          + "; it needs " + kind.artifacts() + " on the class path"
          + (offline ? " (DJL runs offline, " + OFFLINE + "=true, so it does not download them)" : ""), e);
    }
  }

  /** Returns whether the engine loads here, without throwing. */
  static boolean isAvailable(DjlEngine kind) {
    try {
      load(kind);
      return true;
    } catch (BackendException e) {
      LOG.debug("{} is not available: {}", kind.backendName(), e.getMessage());
      return false;
    }
  }

  private static String describe(Throwable e) {
    StringBuilder sb = new StringBuilder(e.toString());
    for (Throwable c = e.getCause(); c != null && c != e; c = c.getCause()) {
      sb.append(" <- ").append(c);
      if (c.getCause() == c) {
        break;
      }
    }
    return sb.toString();
  }
}
