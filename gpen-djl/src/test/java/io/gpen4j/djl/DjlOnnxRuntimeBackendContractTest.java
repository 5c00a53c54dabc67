package io.gpen4j.djl;

import io.gpen4j.spi.InferenceBackend;
import io.gpen4j.testing.BackendContractTest;

/** Runs the shared backend contract against DJL's OnnxRuntime engine on the CPU. */
final class DjlOnnxRuntimeBackendContractTest extends BackendContractTest {
  @Override
  protected InferenceBackend backend() {
    return new DjlOnnxRuntimeBackend();
  }
}
