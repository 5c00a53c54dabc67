package io.gpen4j.djl;

import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.testing.RestorerConcurrencyContractTest;
import io.gpen4j.testing.SharedData;
import java.nio.file.Paths;
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
    return FaceRestorer.builder()
        .backend(DjlOnnxRuntimeBackend.NAME)
        .generator(Paths.get(System.getProperty("gpen4j.repo", ".."), "models", "test", "conv-256.onnx"))
        .detector(DetectorType.YUNET, SharedData.yunet())
        .build();
  }
}
