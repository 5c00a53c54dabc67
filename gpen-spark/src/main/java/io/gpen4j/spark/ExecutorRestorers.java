package io.gpen4j.spark;

import io.gpen4j.FaceRestorer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The restorers of this JVM, one per {@link RestorerKey}: the one place in gpen4j where static
 * state is right.
 *
 * <p>Why static: Spark gives a task nothing that lives longer than the task except the JVM itself.
 * A restorer opened per task or per partition would load the models (hundreds of MB, seconds)
 * again and again; one per JVM and configuration loads them once and shares them among the task
 * threads of the executor, which {@link FaceRestorer} allows (it is thread-safe, and its memory
 * budget admits the concurrent restores). This is what DJL's Spark extension does too.
 *
 * <p>Lifecycle: a restorer is opened by the first task that needs its key and stays open until the
 * JVM ends; a shutdown hook closes them all, so the native sessions are released in order. Nothing
 * else closes them: a task never owns one.
 */
final class ExecutorRestorers {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorRestorers.class);
  private static final Map<RestorerKey, FaceRestorer> OPEN = new ConcurrentHashMap<>();
  private static final AtomicInteger LOADS = new AtomicInteger();
  private static final AtomicBoolean HOOKED = new AtomicBoolean();

  private ExecutorRestorers() {}

  /**
   * Returns this JVM's restorer for a key, opening it on first use; concurrent first uses wait
   * for one load.
   *
   * @param key the configuration
   * @return the shared restorer; never close it
   */
  static FaceRestorer get(RestorerKey key) {
    return OPEN.computeIfAbsent(key, k -> {
      if (HOOKED.compareAndSet(false, true)) {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorRestorers::closeAll, "gpen4j-restorers-close"));
      }
      long t0 = System.nanoTime();
      FaceRestorer restorer = k.open();
      LOADS.incrementAndGet();
      LOG.info("loaded {} ({} intra-op threads x {} tasks) in {} ms", k.generator().text(), k.intraOpThreads(),
          k.concurrency(), (System.nanoTime() - t0) / 1_000_000);
      return restorer;
    });
  }

  /**
   * Starts opening this JVM's restorer for a key in the background, if it is not open: in local
   * mode the driver is the executor, so the models load while the driver plans the job instead of
   * after its first task started. A task that needs the key waits for this load; if it fails, the
   * task tries again and reports the error.
   *
   * @param key the configuration
   */
  static void preload(RestorerKey key) {
    if (OPEN.containsKey(key)) {
      return;
    }
    Thread loader = new Thread(() -> {
      try {
        get(key);
      } catch (RuntimeException e) {
        LOG.debug("preloading {} failed; the first task will try again", key.generator().text(), e);
      }
    }, "gpen4j-restorer-preload");
    loader.setDaemon(true);
    loader.start();
  }

  /** How many restorers this JVM has opened: the tests count model loads with it. */
  static int loads() {
    return LOADS.get();
  }

  private static void closeAll() {
    OPEN.values().forEach(FaceRestorer::close);
    OPEN.clear();
  }
}
