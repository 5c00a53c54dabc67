package io.gpen4j.onnx;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.testing.SharedData;
import org.junit.jupiter.api.Test;

final class OnnxBackendSmokeTest {
  @Test
  void open_realDetectors_describesInputsAndOutputs() {
    for (var p : new java.nio.file.Path[] {SharedData.yunet(), SharedData.scrfd(), SharedData.retinaface(), SharedData.randomGpen256()}) {
      try (ModelSession s = new OnnxBackend().open(ModelSource.of(p), SessionSettings.DEFAULTS)) {
        System.out.println(p.getFileName() + " in=" + s.inputs() + " out=" + s.outputs());
        assertFalse(s.inputs().isEmpty());
      }
    }
  }
}
