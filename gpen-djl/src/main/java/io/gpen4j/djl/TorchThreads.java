package io.gpen4j.djl;

import ai.djl.pytorch.jni.JniUtils;
import io.gpen4j.spi.SessionSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sizes libtorch's intra-op thread pool for a session being opened, from
 * {@link SessionSettings#resolvedIntraOpThreads()}. The pool is process-wide, so the last session
 * opened decides (DJL's own {@code ai.djl.pytorch.num_threads} only sizes it until then). Without
 * this, libtorch sizes the pool from the physical cores, which on small virtual machines is one.
 */
final class TorchThreads {
  private static final Logger LOG = LoggerFactory.getLogger(TorchThreads.class);

  private TorchThreads() {}

  /**
   * Sets libtorch's intra-op threads to the settings' {@link SessionSettings#resolvedIntraOpThreads()}.
   * Call with the PyTorch engine loaded.
   *
   * @param settings the session's settings
   */
  static void apply(SessionSettings settings) {
    int threads = settings.resolvedIntraOpThreads();
    int current = JniUtils.getNumThreads();
    if (current != threads) {
      JniUtils.setNumThreads(threads);
      LOG.debug("libtorch intra-op threads: {} (was {})", threads, current);
    }
  }
}
