package io.gpen4j.onnx;

import io.gpen4j.spi.InferenceBackend;
import io.gpen4j.testing.BackendContractTest;

/** Runs the shared backend contract against ONNX Runtime on the CPU. */
final class OnnxBackendContractTest extends BackendContractTest {
  @Override
  protected InferenceBackend backend() {
    return new OnnxBackend();
  }
}
