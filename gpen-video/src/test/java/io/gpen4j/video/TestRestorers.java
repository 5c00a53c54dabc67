package io.gpen4j.video;

import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.testing.SharedData;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Face restorers for the tests: the identity generator (fast) and the random-weight GPEN-256. */
final class TestRestorers {
  private TestRestorers() {}

  /** The identity generator of models/test with YuNet: restored faces equal the input's. */
  static FaceRestorer identity() {
    return FaceRestorer.builder().generator(identityModel()).detector(DetectorType.YUNET, SharedData.yunet()).build();
  }

  /** The random-weight GPEN-BFR-256 with YuNet: restored faces are noise. */
  static FaceRestorer randomGpen() {
    return FaceRestorer.builder().generator(SharedData.randomGpen256())
        .detector(DetectorType.YUNET, SharedData.yunet()).build();
  }

  static Path identityModel() {
    return Paths.get(System.getProperty("gpen4j.repo", "..")).resolve("models/test/identity-256.onnx");
  }
}
