package io.gpen4j.djl;

import io.gpen4j.FaceRestorer;
import io.gpen4j.testing.CheckedInModels;
import io.gpen4j.testing.RestorerConcurrencyContractTest;
import org.junit.jupiter.api.BeforeAll;

/** One restorer on DJL's OnnxRuntime engine (YuNet and a computing 256 generator) shared by eight threads. */
final class DjlOnnxRuntimeRestorerConcurrencyTest extends RestorerConcurrencyContractTest {
  @BeforeAll
  static void loadDjlOnnxRuntimeFirst() {
    // DJL must create ONNX Runtime's environment before the onnx backend does (see EngineLoader).
    EngineLoader.load(DjlEngine.ONNX_RUNTIME);
  }

  @Override
  protected FaceRestorer newRestorer() {
    return DjlRestorers.withYunet(DjlOnnxRuntimeBackend.NAME, CheckedInModels.path("conv-256.onnx"));
  }
}
