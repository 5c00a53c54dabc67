package io.gpen4j.djl;

import io.gpen4j.spi.TensorInfo;
import java.util.List;
import java.util.Objects;

/**
 * What a model takes and returns, and whether its weights are stored in half precision.
 *
 * @param inputs the inputs, in the model's order
 * @param outputs the outputs, in the model's order
 * @param halfWeights whether the floating-point weights are float16
 */
record ModelSignature(List<TensorInfo> inputs, List<TensorInfo> outputs, boolean halfWeights) {
  ModelSignature {
    inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
    outputs = List.copyOf(Objects.requireNonNull(outputs, "outputs"));
  }

  /** Returns a copy with the weights' precision replaced. */
  ModelSignature withHalfWeights(boolean half) {
    return new ModelSignature(inputs, outputs, half);
  }
}
