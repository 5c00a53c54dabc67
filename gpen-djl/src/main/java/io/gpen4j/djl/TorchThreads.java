package io.gpen4j.djl;

import ai.djl.pytorch.jni.JniUtils;
import io.gpen4j.spi.SessionSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sizes libtorch's intra-op thread pool for a session being opened. The pool is process-wide, so
 * the last session opened decides; a host that starts the JVM with
 * {@value #PROPERTY} keeps its own number (DJL applies it when the engine loads) and this
 * class leaves it alone. Without either, libtorch sizes the pool from the physical cores, which
 * on small virtual machines is one.
 */
final class TorchThreads {
  /** DJL's system property for libtorch's intra-op threads. */
  static final String PROPERTY = "ai.djl.pytorch.num_threads";

  private static final Logger LOG = LoggerFactory.getLogger(TorchThreads.class);

  private TorchThreads() {}

  /**
   * Sets libtorch's intra-op threads to the settings' {@link SessionSettings#resolvedIntraOpThreads()}
   * unless the host set {@value #PROPERTY}. Call with the PyTorch engine loaded.
   *
   * @param settings the session's settings
   */
  static void apply(SessionSettings settings) {
    if (System.getProperty(PROPERTY) != null) {
      return;
    }
    int threads = settings.resolvedIntraOpThreads();
    int current = JniUtils.getNumThreads();
    if (current != threads) {
      JniUtils.setNumThreads(threads);
      LOG.debug("libtorch intra-op threads: {} (was {})", threads, current);
    }
  }
}
