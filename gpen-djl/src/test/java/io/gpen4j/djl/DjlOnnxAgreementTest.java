package io.gpen4j.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.onnx.OnnxBackend;
import io.gpen4j.spi.InferenceBackend;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.spi.Tensor;
import io.gpen4j.testing.SharedData;
import io.gpen4j.testing.TestTensors;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The onnx backend and DJL's OnnxRuntime engine compute the same thing from the same model. */
final class DjlOnnxAgreementTest {
  @BeforeAll
  static void loadDjlOnnxRuntimeFirst() {
    // DJL must create ONNX Runtime's environment before the onnx backend does (see EngineLoader).
    EngineLoader.load(DjlEngine.ONNX_RUNTIME);
  }

  private static final double TOLERANCE = 1e-4;

  private static Tensor run(InferenceBackend backend, Tensor input) {
    try (ModelSession s = backend.open(ModelSource.of(SharedData.randomGpen256()), SessionSettings.DEFAULTS)) {
      return s.run(Map.of("input", input)).get("output");
    }
  }

  @Test
  void run_randomGpen256_agreesWithOnnxBackendWithin1e4() {
    Tensor input = TestTensors.randomImage(256, 42);
    Tensor direct = run(new OnnxBackend(), input);
    Tensor viaDjl = run(new DjlOnnxRuntimeBackend(), input);
    assertArrayEquals(direct.shape(), viaDjl.shape());
    float[] a = direct.toArray();
    float[] b = viaDjl.toArray();
    double worst = 0;
    double spread = 0;
    for (int i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs(a[i] - b[i]));
      spread = Math.max(spread, Math.abs(a[i]));
    }
    assertTrue(spread > 0.01, "the generator's output is flat (" + spread + "): the comparison would prove nothing");
    assertTrue(worst <= TOLERANCE, "largest difference " + worst + " > " + TOLERANCE);
  }
}
