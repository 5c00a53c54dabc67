package io.gpen4j.spi;

import io.gpen4j.RestorationException;
import java.util.List;
import java.util.Map;

/**
 * A loaded model, ready to run. Thread-safe: {@link #run} may be called by many threads at once.
 *
 * <p>A session holds native memory until {@link #close()} is called by whoever opened it.
 */
public interface ModelSession extends AutoCloseable {
  /**
   * Describes the model's inputs, in the model's order.
   *
   * @return the inputs
   */
  List<TensorInfo> inputs();

  /**
   * Describes the model's outputs, in the model's order.
   *
   * @return the outputs
   */
  List<TensorInfo> outputs();

  /**
   * Runs the model.
   *
   * @param inputs a tensor for every input, by name; float32 whatever the model's precision
   * @return every output, by name, as float32, owned by the caller
   * @throws RestorationException if the run fails or the session is closed
   * @throws IllegalArgumentException if an input is missing, unknown or has the wrong shape
   *     (implementations check the feed with {@link InputFeeds#validate})
   */
  Map<String, Tensor> run(Map<String, Tensor> inputs);

  /** Releases the model's native memory. Idempotent; later {@link #run} calls fail. */
  @Override
  void close();
}
