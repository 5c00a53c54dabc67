package io.gpen4j.djl;

import ai.djl.engine.Engine;
import io.gpen4j.BackendException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a DJL engine, offline unless the user says otherwise, and turns every way that can fail
 * (engine jar missing, native library missing or not loadable) into one {@link BackendException}
 * that names the engine and the artifacts it needs.
 *
 * <p>Offline by default: DJL downloads a missing PyTorch native library from its own server
 * unless {@code ai.djl.offline} is true. A library must not reach the network behind its user's
 * back, so when the property is unset it is set to {@code true} before the first engine loads;
 * the natives then come from {@code pytorch-native-cpu} (or a GPU variant) on the class path. A
 * user who wants DJL's downloads sets {@code -Dai.djl.offline=false}.
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

  private EngineLoader() {}

  /**
   * Returns the engine, loading its native library on first use.
   *
   * @param kind the engine
   * @return the engine
   * @throws BackendException if the engine is not on the class path or cannot load here
   */
  static Engine load(DjlEngine kind) {
    if (System.getProperty(OFFLINE) == null) {
      System.setProperty(OFFLINE, "true");
      LOG.debug("set {}=true so DJL never downloads native libraries", OFFLINE);
    }
    try {
      return Engine.getEngine(kind.djlName());
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
