package io.gpen4j.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.spi.Tensor;
import io.gpen4j.testing.CheckedInModels;
import io.gpen4j.testing.TestTensors;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DJL's PyTorch and OnnxRuntime engines agree on the same network: conv-small.pt and its ONNX
 * export conv-small-twin.onnx hold the same weights (both written by make_torchscript_models.py).
 */
final class DjlEngineAgreementTest {
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void run_convSmall_pyTorchAgreesWithOnnxRuntimeWithin1e4(long seed) throws URISyntaxException {
    Path twin = Path.of(DjlEngineAgreementTest.class.getResource("conv-small-twin.onnx").toURI());
    Tensor x = TestTensors.randomImage(32, seed);
    float[] torch;
    try (ModelSession s = new DjlPyTorchBackend().open(
        ModelSource.of(CheckedInModels.path("conv-small.pt")), SessionSettings.DEFAULTS)) {
      torch = s.run(Map.of("input", x)).get("output").toArray();
    }
    float[] ort;
    try (ModelSession s = new DjlOnnxRuntimeBackend().open(ModelSource.of(twin), SessionSettings.DEFAULTS)) {
      assertArrayEquals(new long[] {1, 3, 32, 32}, s.inputs().get(0).shape());
      ort = s.run(Map.of("input", x)).get("output").toArray();
    }
    double worst = 0;
    double spread = 0;
    for (int i = 0; i < torch.length; i++) {
      worst = Math.max(worst, Math.abs(torch[i] - ort[i]));
      spread = Math.max(spread, Math.abs(torch[i]));
    }
    assertTrue(spread > 0.1, "conv-small's output is flat: the comparison would prove nothing");
    assertTrue(worst <= 1e-4, "PyTorch and ONNX Runtime differ by " + worst);
  }
}
