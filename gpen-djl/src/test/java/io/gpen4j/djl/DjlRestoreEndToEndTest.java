package io.gpen4j.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.FaceRestorer;
import io.gpen4j.RestoreResult;
import io.gpen4j.RestoredFace;
import io.gpen4j.testing.CheckedInModels;
import io.gpen4j.testing.ImageMetrics;
import io.gpen4j.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real photo through the whole pipeline with the random-weight GPEN-256 on DJL's OnnxRuntime. */
final class DjlRestoreEndToEndTest {
  @BeforeAll
  static void loadDjlOnnxRuntimeFirst() {
    // DJL must create ONNX Runtime's environment before the onnx backend does (see EngineLoader).
    EngineLoader.load(DjlEngine.ONNX_RUNTIME);
  }

  private static FaceRestorer restorer(String backend) {
    return DjlRestorers.withYunet(backend, SharedData.randomGpen256());
  }

  @Test
  void restore_astronautWithRandomGpen256_matchesTheOnnxBackend() throws IOException {
    BufferedImage input = ImageIO.read(SharedData.image("astronaut.png").toFile());
    RestoreResult viaDjl;
    try (FaceRestorer restorer = restorer(DjlOnnxRuntimeBackend.NAME)) {
      assertEquals(DjlOnnxRuntimeBackend.NAME, restorer.backendName());
      assertEquals(256, restorer.modelSize());
      viaDjl = restorer.restore(input);
    }
    assertEquals(1, viaDjl.faces().size(), "faces found in astronaut.png");
    RestoredFace face = viaDjl.faces().get(0);
    assertTrue(face.enhanced(), "the face was not enhanced");
    int cx = (int) face.box().center().x();
    int cy = (int) face.box().center().y();
    assertTrue(input.getRGB(cx, cy) != viaDjl.image().getRGB(cx, cy)
        || input.getRGB(cx + 1, cy) != viaDjl.image().getRGB(cx + 1, cy),
        "the random generator's noise did not reach the face centre");

    RestoreResult viaOnnx;
    try (FaceRestorer restorer = restorer("onnx")) {
      viaOnnx = restorer.restore(input);
    }
    assertEquals(viaOnnx.faces().size(), viaDjl.faces().size());
    int worst = 0;
    for (int y = 0; y < input.getHeight(); y++) {
      for (int x = 0; x < input.getWidth(); x++) {
        int a = viaDjl.image().getRGB(x, y);
        int b = viaOnnx.image().getRGB(x, y);
        for (int shift = 0; shift <= 16; shift += 8) {
          worst = Math.max(worst, Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff)));
        }
      }
    }
    assertTrue(worst <= 1, "DJL and the onnx backend differ by " + worst + " levels somewhere");
  }

  @Test
  void restore_identityTorchScriptWithYuNetUnderDjlPyTorch_returnsInputImage() throws IOException {
    BufferedImage input = ImageIO.read(SharedData.image("astronaut.png").toFile());
    try (FaceRestorer restorer =
        DjlRestorers.withYunet(DjlPyTorchBackend.NAME, CheckedInModels.path("identity-256.pt"))) {
      assertEquals(256, restorer.modelSize());
      RestoreResult result = restorer.restore(input);
      assertEquals(1, result.faces().size(), "faces found in astronaut.png");
      assertTrue(result.faces().get(0).enhanced(), "the face was not enhanced");
      double psnr = ImageMetrics.psnr(input, result.image());
      assertTrue(psnr >= 40, "PSNR " + psnr + " dB < 40 dB: the identity generator changed the face");
    }
  }
}
