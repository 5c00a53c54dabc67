package io.gpen4j.internal.pipeline;

import io.gpen4j.internal.image.FloatImage;
import java.util.List;
import java.util.Objects;

/**
 * How the enhance stage groups faces into generator calls: up to {@link #batchSize()} crops per
 * call. The size is the smallest of the builder's {@code maxBatchSize}, what the model takes (1 for
 * the official batch-1 exports, so they run one call per face as before) and what the memory
 * budget allows for the crops of one call.
 *
 * <p>With {@code fixedCallBatch}, every call is padded to the full batch size: a TensorRT engine
 * is built per input shape, so a short last batch would build (and cache) a second engine; padded,
 * the model sees one shape. Immutable; thread-safe when the enhancer is.
 *
 * @param enhancer the enhance stage
 * @param batchSize the most crops per call, at least 1
 * @param fixedCallBatch whether short batches are padded to {@code batchSize}
 */
public record FaceBatcher(FaceEnhancer enhancer, int batchSize, boolean fixedCallBatch) {
  /** The share of the memory budget one call's crops may take; the rest is the images'. */
  static final int BUDGET_SHARE_DIVISOR = 4;

  /**
   * Checks the parts.
   *
   * @throws IllegalArgumentException if {@code batchSize} is not positive or over what the model takes
   */
  public FaceBatcher {
    Objects.requireNonNull(enhancer, "enhancer");
    if (batchSize < 1 || batchSize > enhancer.batchCapacity()) {
      throw new IllegalArgumentException("batchSize must be from 1 to " + enhancer.batchCapacity() + ": " + batchSize);
    }
  }

  /**
   * One face per call, as the official exports need.
   *
   * @param enhancer the enhance stage
   * @return a batcher of batch size 1
   */
  public static FaceBatcher single(FaceEnhancer enhancer) {
    return new FaceBatcher(enhancer, 1, false);
  }

  /**
   * Chooses the batch size for a model and a memory budget.
   *
   * @param enhancer the enhance stage
   * @param maxBatchSize the caller's cap (the builder's {@code maxBatchSize})
   * @param budgetBytes the restorer's memory budget
   * @param fixedCallBatch whether short batches are padded (TensorRT)
   * @return the batcher
   * @throws IllegalArgumentException if {@code maxBatchSize} is not positive
   */
  public static FaceBatcher choose(FaceEnhancer enhancer, int maxBatchSize, long budgetBytes, boolean fixedCallBatch) {
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("maxBatchSize must be positive: " + maxBatchSize);
    }
    int n = Math.min(maxBatchSize, enhancer.batchCapacity());
    long share = budgetBytes / BUDGET_SHARE_DIVISOR;
    while (n > 1 && MemoryEstimate.batchBytes(enhancer.size(), n) > share) {
      n--;
    }
    // A model with a fixed batch takes exactly that many: it is padded whatever is chosen here.
    return new FaceBatcher(enhancer, n, fixedCallBatch && n > 1);
  }

  /**
   * Enhances one batch of crops in one generator call.
   *
   * @param crops 1 to {@link #batchSize()} aligned crops
   * @param fidelity the fidelity of every crop in the call
   * @return the restored crops in order; null for a crop whose output held NaN or infinity
   * @throws IllegalArgumentException if there are more crops than the batch size
   */
  public List<FloatImage> enhance(List<FloatImage> crops, double fidelity) {
    if (crops.size() > batchSize) {
      throw new IllegalArgumentException(crops.size() + " crops, over the batch size " + batchSize);
    }
    return enhancer.enhance(crops, fidelity, fixedCallBatch ? batchSize : crops.size());
  }
}
