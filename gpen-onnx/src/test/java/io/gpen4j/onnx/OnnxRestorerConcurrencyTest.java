package io.gpen4j.onnx;

import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.testing.RestorerConcurrencyContractTest;
import io.gpen4j.testing.SharedData;

/** One ONNX Runtime restorer (YuNet and a computing 256 generator) shared by eight threads. */
final class OnnxRestorerConcurrencyTest extends RestorerConcurrencyContractTest {
  @Override
  protected FaceRestorer newRestorer() {
    return FaceRestorer.builder()
        .backend("onnx")
        .generator(TestModels.path(TestModels.CONV_256))
        .detector(DetectorType.YUNET, SharedData.yunet())
        .sessionSettings(SessionSettings.builder().intraOpThreads(2).build())
        .build();
  }
}
