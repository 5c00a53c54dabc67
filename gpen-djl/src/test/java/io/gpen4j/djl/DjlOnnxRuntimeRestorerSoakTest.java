package io.gpen4j.djl;

import io.gpen4j.FaceRestorer;
import io.gpen4j.testing.CheckedInModels;
import io.gpen4j.testing.RestorerSoakContractTest;
import io.gpen4j.testing.SharedData;
import org.junit.jupiter.api.BeforeAll;

/** The long-run soak on DJL's OnnxRuntime engine (long-run mode only: {@code -Dgpen4j.longRun=true}). */
final class DjlOnnxRuntimeRestorerSoakTest extends RestorerSoakContractTest {
  @BeforeAll
  static void loadDjlOnnxRuntimeFirst() {
    EngineLoader.load(DjlEngine.ONNX_RUNTIME);
  }

  @Override
  protected FaceRestorer newRestorer() {
    return DjlRestorers.withYunet(DjlOnnxRuntimeBackend.NAME, CheckedInModels.path("conv-256.onnx"));
  }

  @Override
  protected FaceRestorer newFullSizeRestorer() {
    return DjlRestorers.withYunet(DjlOnnxRuntimeBackend.NAME, SharedData.randomGpen256());
  }
}
