package io.gpen4j.onnx;

import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.testing.RestorerSoakContractTest;
import io.gpen4j.testing.SharedData;

/** The long-run soak on ONNX Runtime (long-run mode only: {@code -Dgpen4j.longRun=true}). */
final class OnnxRestorerSoakTest extends RestorerSoakContractTest {
  private static FaceRestorer restorer(java.nio.file.Path generator) {
    return FaceRestorer.builder()
        .backend("onnx")
        .generator(generator)
        .detector(DetectorType.YUNET, SharedData.yunet())
        .sessionSettings(SessionSettings.builder().intraOpThreads(2).build())
        .build();
  }

  @Override
  protected FaceRestorer newRestorer() {
    return restorer(TestModels.path(TestModels.CONV_256));
  }

  @Override
  protected FaceRestorer newFullSizeRestorer() {
    return restorer(SharedData.randomGpen256());
  }
}
