package io.gpen4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.testing.SharedData;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

final class OperatorProfileTest {
  /**
   * GPEN-256's cost from ONNX Runtime's own profile of the official export as the backend loads it
   * (rewritten at load): 8.70 GMAC per face (REFERENCE.md section 2), of which the six transposed
   * convolutions are sum(2C_in x H^2 x C_out x 9) = 2.21 G, the kernels the profile leaves out.
   */
  @Test
  void profile_gpen256_countsTheModelsMultiplyAdds() throws Exception {
    Path model = SharedData.require("models/bench/GPEN-BFR-256-official-export-randw.onnx");
    OperatorProfile p = OperatorProfileReport.profile(model, true, 1, 2);
    assertEquals(1, p.runs());
    assertEquals(8.70, p.totalGmac(), 0.15, p.markdown());
    OperatorProfile.Row transposed = p.rows().stream().filter(r -> r.op().equals("ConvTranspose")).findFirst().orElseThrow();
    assertEquals(6, transposed.calls(), p.markdown());
    assertEquals(2.208, transposed.gmac(), 0.001, p.markdown());
    assertTrue(p.markdown().contains("| all |"), p.markdown());
    assertEquals(p.totalMillis(), p.rows().stream().mapToDouble(OperatorProfile.Row::millis).sum(), 1e-9);
  }
}
