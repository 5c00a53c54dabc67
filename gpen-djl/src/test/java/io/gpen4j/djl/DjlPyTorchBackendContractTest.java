package io.gpen4j.djl;

import io.gpen4j.spi.InferenceBackend;
import io.gpen4j.testing.BackendContractTest;

/**
 * Runs the shared backend contract against DJL's PyTorch engine on the CPU, with the TorchScript
 * twins of the ONNX test models ({@code models/test/*.pt}).
 */
final class DjlPyTorchBackendContractTest extends BackendContractTest {
  @Override
  protected InferenceBackend backend() {
    return new DjlPyTorchBackend();
  }

  @Override
  protected String modelFile(String stem) {
    return stem + ".pt";
  }
}
