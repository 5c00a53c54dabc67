package io.gpen4j.djl;

import ai.djl.inference.Predictor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed set of DJL predictors handed out one per call. A DJL {@link Predictor} keeps per-call
 * state and must not be shared between threads, while the model behind it may be; so each call
 * borrows a predictor, blocking while all are busy, and returns it when done. Predictors are
 * created when first needed, up to the pool's size. Thread-safe.
 *
 * @param <I> the predictor's input
 * @param <O> the predictor's output
 */
final class PredictorPool<I, O> {
  private static final Logger LOG = LoggerFactory.getLogger(PredictorPool.class);

  private final Supplier<Predictor<I, O>> factory;
  private final BlockingQueue<Predictor<I, O>> idle;
  private final List<Predictor<I, O>> all;
  private final int size;

  PredictorPool(int size, Supplier<Predictor<I, O>> factory) {
    if (size < 1) {
      throw new IllegalArgumentException("pool size must be at least 1: " + size);
    }
    this.size = size;
    this.factory = factory;
    this.idle = new ArrayBlockingQueue<>(size);
    this.all = new ArrayList<>(size);
  }

  int size() {
    return size;
  }

  /**
   * Takes an idle predictor, creating one while fewer than {@code size} exist, else waiting.
   *
   * @return a predictor the caller alone uses until {@link #release}
   * @throws InterruptedException if interrupted while waiting
   */
  Predictor<I, O> borrow() throws InterruptedException {
    Predictor<I, O> p = idle.poll();
    if (p != null) {
      return p;
    }
    synchronized (all) {
      if (all.size() < size) {
        Predictor<I, O> created = factory.get();
        all.add(created);
        return created;
      }
    }
    return idle.take();
  }

  void release(Predictor<I, O> predictor) {
    if (!idle.offer(predictor)) {
      throw new IllegalStateException("more predictors returned than the pool holds");
    }
  }

  /** Closes every predictor; the caller guarantees none is borrowed. Never throws. */
  void closeAll() {
    synchronized (all) {
      for (Predictor<I, O> p : all) {
        try {
          p.close();
        } catch (RuntimeException e) {
          LOG.warn("closing a DJL predictor failed", e);
        }
      }
      all.clear();
      idle.clear();
    }
  }
}
