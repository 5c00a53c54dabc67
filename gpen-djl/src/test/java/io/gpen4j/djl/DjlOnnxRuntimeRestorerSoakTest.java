package io.gpen4j.djl;

import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.testing.RestorerSoakContractTest;
import io.gpen4j.testing.SharedData;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.BeforeAll;

/** The long-run soak on DJL's OnnxRuntime engine (long-run mode only: {@code -Dgpen4j.longRun=true}). */
final class DjlOnnxRuntimeRestorerSoakTest extends RestorerSoakContractTest {
  @BeforeAll
  static void loadDjlOnnxRuntimeFirst() {
    EngineLoader.load(DjlEngine.ONNX_RUNTIME);
  }

  private static FaceRestorer restorer(Path generator) {
    return FaceRestorer.builder()
        .backend(DjlOnnxRuntimeBackend.NAME)
        .generator(generator)
        .detector(DetectorType.YUNET, SharedData.yunet())
        .build();
  }

  @Override
  protected FaceRestorer newRestorer() {
    return restorer(Paths.get(System.getProperty("gpen4j.repo", ".."), "models", "test", "conv-256.onnx"));
  }

  @Override
  protected FaceRestorer newFullSizeRestorer() {
    return restorer(SharedData.randomGpen256());
  }
}
