package io.gpen4j.djl;

import io.gpen4j.FaceRestorer;
import io.gpen4j.testing.CheckedInModels;
import io.gpen4j.testing.RestorerConcurrencyContractTest;
import org.junit.jupiter.api.BeforeAll;

/**
 * One restorer on DJL's PyTorch engine (a TorchScript 256 generator; YuNet runs on the OnnxRuntime
 * engine) shared by eight threads.
 */
final class DjlPyTorchRestorerConcurrencyTest extends RestorerConcurrencyContractTest {
  @BeforeAll
  static void loadDjlOnnxRuntimeFirst() {
    EngineLoader.load(DjlEngine.ONNX_RUNTIME);
  }

  @Override
  protected FaceRestorer newRestorer() {
    return DjlRestorers.withYunet(DjlPyTorchBackend.NAME, CheckedInModels.path("identity-256.pt"));
  }
}
