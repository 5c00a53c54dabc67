package io.gpen4j.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.RestoreOptions;
import io.gpen4j.RestoreResult;
import io.gpen4j.RestoredFace;
import io.gpen4j.models.GeneratorFamily;
import io.gpen4j.testing.CheckedInModels;
import io.gpen4j.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CodeFormer's float64 weight input through DJL's OnnxRuntime. */
final class DjlCodeFormerTest {
  @BeforeAll
  static void loadDjlOnnxRuntimeFirst() {
    // DJL must create ONNX Runtime's environment before the onnx backend does (see EngineLoader).
    EngineLoader.load(DjlEngine.ONNX_RUNTIME);
  }

  @Test
  void restore_codeFormerEchoAtFidelityZero_weightReachesTheModel() throws IOException {
    BufferedImage input = ImageIO.read(SharedData.image("astronaut.png").toFile());
    Path model = CheckedInModels.path("codeformer-echo-512.onnx");
    try (FaceRestorer restorer = FaceRestorer.builder()
        .backend(DjlOnnxRuntimeBackend.NAME)
        .generator(model)
        .generatorProfile(GeneratorFamily.CODEFORMER.profile())
        .detector(DetectorType.YUNET, SharedData.yunet())
        .build()) {
      RestoreResult result = restorer.restore(input, RestoreOptions.builder().fidelity(0).colorMatching(false).build());
      assertEquals(1, result.faces().size());
      RestoredFace face = result.faces().get(0);
      int rgb = result.image().getRGB((int) face.box().center().x(), (int) face.box().center().y());
      for (int shift : new int[] {16, 8, 0}) {
        int v = (rgb >> shift) & 0xff;
        assertTrue(Math.abs(v - 128) <= 1, "face centre channel " + v + " is not mid-grey: w was not 0");
      }
    }
  }
}
