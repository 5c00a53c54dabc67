package io.gpen4j.djl;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import io.gpen4j.GpenException;
import io.gpen4j.RestorationException;
import io.gpen4j.spi.Device;
import io.gpen4j.spi.InputFeeds;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.Tensor;
import io.gpen4j.spi.TensorInfo;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model loaded through DJL.
 *
 * <p>Concurrency: the DJL model (and the native session or module behind it) is shared; each
 * {@link #run} borrows its own {@link Predictor} from a {@link PredictorPool} sized by
 * {@code SessionSettings.concurrency()}, so at most that many runs proceed at once and the rest
 * wait for a free predictor. A read-write lock lets runs (waiting ones included) hold the read
 * side while {@link #close()} takes the write side: close waits for every run that started
 * before it, then frees the predictors and the model; runs that come later fail with "closed".
 */
final class DjlSession implements ModelSession {
  private static final Logger LOG = LoggerFactory.getLogger(DjlSession.class);

  private final Model model;
  private final ModelSource source;
  private final DjlEngine engine;
  private final Device device;
  private final List<TensorInfo> inputs;
  private final List<TensorInfo> outputs;
  private final PredictorPool<List<Tensor>, Map<String, Tensor>> predictors;
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed;

  DjlSession(Model model, ModelSource source, DjlEngine engine, Device device, ModelSignature signature,
      int poolSize) {
    this.model = model;
    this.source = source;
    this.engine = engine;
    this.device = device;
    this.inputs = signature.inputs();
    this.outputs = signature.outputs();
    TensorTranslator translator =
        new TensorTranslator(signature, engine == DjlEngine.ONNX_RUNTIME, source.name());
    this.predictors = new PredictorPool<>(poolSize, () -> model.newPredictor(translator));
  }

  @Override
  public List<TensorInfo> inputs() {
    return inputs;
  }

  @Override
  public List<TensorInfo> outputs() {
    return outputs;
  }

  /** Returns the device the model runs on, after any CPU fallback. */
  Device device() {
    return device;
  }

  /** Returns how many runs may proceed at once. */
  int concurrency() {
    return predictors.size();
  }

  @Override
  public Map<String, Tensor> run(Map<String, Tensor> feed) {
    List<Tensor> ordered = InputFeeds.validate(source.name(), inputs, feed);
    lifecycle.readLock().lock();
    try {
      if (closed) {
        throw new RestorationException(this + " is closed");
      }
      Predictor<List<Tensor>, Map<String, Tensor>> predictor;
      try {
        predictor = predictors.borrow();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RestorationException("interrupted while waiting for a free predictor of " + this, e);
      }
      try {
        return predictor.predict(ordered);
      } catch (TranslateException | RuntimeException e) {
        throw translate(e);
      } finally {
        predictors.release(predictor);
      }
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** Translates a failed run once, keeping DJL's exception as the cause. */
  private GpenException translate(Exception e) {
    Throwable cause = e instanceof TranslateException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof GpenException g) {
      return g;
    }
    return new RestorationException("DJL's " + engine.djlName() + " engine failed to run " + source.name()
        + " on " + device + ": " + cause.getMessage(), e);
  }

  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      predictors.closeAll();
      model.close();
    } catch (RuntimeException e) {
      LOG.warn("closing {} failed; its native memory may leak", this, e);
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  @Override
  public String toString() {
    return "the " + engine.backendName() + " session for " + source.name() + " on " + device;
  }
}
