package io.gpen4j.djl;

import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.testing.RestorerConcurrencyContractTest;
import io.gpen4j.testing.SharedData;
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
    return FaceRestorer.builder()
        .backend(DjlPyTorchBackend.NAME)
        .generator(DjlPyTorchBackendTest.testModel("identity-256.pt"))
        .detector(DetectorType.YUNET, SharedData.yunet())
        .build();
  }
}
