package io.gpen4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.RestoreOptions;
import io.gpen4j.RestoreResult;
import io.gpen4j.internal.image.FloatImage;
import io.gpen4j.internal.pipeline.FaceEnhancer;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Batched faces in ONNX Runtime, with a generator that computes (conv-256-batch.onnx, a free
 * batch, the same weights as conv-256.onnx): a batch of crops gives what one call per crop gives,
 * and a restore of the Solvay photo (29 faces) in batches of 8 gives the image of a restore face
 * by face. The official GPEN export, declared for one face, takes batches once rewritten at load.
 */
final class OnnxBatchedRestoreTest {
  private static final int S = 256;

  @Test
  void enhance_batchOfFive_equalsOneCallPerCropWithinFloatRounding() {
    Random rnd = new Random(21);
    List<FloatImage> crops = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      float[] px = new float[3 * S * S];
      for (int j = 0; j < px.length; j++) {
        px[j] = rnd.nextFloat() * 255f;
      }
      crops.add(FloatImage.wrap(S, S, 3, px));
    }
    try (ModelSession session = new OnnxBackend().open(
        ModelSource.of(TestModels.path(TestModels.CONV_256_BATCH)), SessionSettings.DEFAULTS)) {
      FaceEnhancer enhancer = new FaceEnhancer(session, TestModels.CONV_256_BATCH);
      List<FloatImage> batched = enhancer.enhance(crops, 1.0, crops.size());
      for (int i = 0; i < crops.size(); i++) {
        float[] single = enhancer.enhance(crops.get(i)).data();
        float[] inBatch = batched.get(i).data();
        double worst = 0;
        for (int j = 0; j < single.length; j++) {
          worst = Math.max(worst, Math.abs(single[j] - inBatch[j]));
        }
        assertTrue(worst <= 1e-3, "crop " + i + ": max difference " + worst + " pixel levels");
      }
    }
  }

  /**
   * The official GPEN export declares one face per call; rewritten at load, it takes a batch: a
   * restorer sends it the default 4 faces per call, and three crops in one call give what three
   * calls give.
   */
  @Test
  void officialExport_rewrittenAtLoad_takesABatchOfFacesWithTheSameOutput() {
    Path official = SharedData.require("models/bench/GPEN-BFR-256-official-export-randw.onnx");
    try (FaceRestorer restorer = FaceRestorer.builder().backend("onnx").generator(official)
        .detector(DetectorType.YUNET, SharedData.yunet()).build()) {
      assertEquals(4, restorer.batchSize());
    }
    Random rnd = new Random(22);
    List<FloatImage> crops = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      float[] px = new float[3 * S * S];
      for (int j = 0; j < px.length; j++) {
        px[j] = rnd.nextFloat() * 255f;
      }
      crops.add(FloatImage.wrap(S, S, 3, px));
    }
    try (ModelSession session = new OnnxBackend().open(ModelSource.of(official), SessionSettings.DEFAULTS)) {
      FaceEnhancer enhancer = new FaceEnhancer(session, official.getFileName().toString());
      assertTrue(enhancer.batchCapacity() >= 3, "batch capacity " + enhancer.batchCapacity());
      List<FloatImage> batched = enhancer.enhance(crops, 1.0, crops.size());
      for (int i = 0; i < crops.size(); i++) {
        float[] single = enhancer.enhance(crops.get(i)).data();
        float[] inBatch = batched.get(i).data();
        double worst = 0;
        for (int j = 0; j < single.length; j++) {
          worst = Math.max(worst, Math.abs(single[j] - inBatch[j]));
        }
        assertTrue(worst <= 1e-3, "crop " + i + ": max difference " + worst + " pixel levels");
      }
    }
  }

  @Test
  void restore_solvayInBatchesOfEight_equalsFaceByFaceRestore() throws IOException {
    BufferedImage input = ImageIO.read(SharedData.image("solvay_conference_1927.png").toFile());
    Path model = TestModels.path(TestModels.CONV_256_BATCH);
    List<Integer> progress = new CopyOnWriteArrayList<>();
    try (FaceRestorer single = restorer(model, 1); FaceRestorer batched = restorer(model, 8)) {
      assertEquals(8, batched.batchSize());
      RestoreResult one = single.restore(input);
      RestoreResult many = batched.restore(input,
          RestoreOptions.builder().progressListener(p -> progress.add(p.facesDone())).build());

      assertEquals(29, one.faces().size());
      assertEquals(List.of(0, 8, 16, 24, 29), progress);
      // Pixels are rounded to 8 bits once, after pasting: a float difference under 1e-3 of a
      // level can still move a value across a rounding boundary, by one level.
      int differing = 0;
      for (int y = 0; y < input.getHeight(); y++) {
        for (int x = 0; x < input.getWidth(); x++) {
          int a = one.image().getRGB(x, y);
          int b = many.image().getRGB(x, y);
          for (int shift = 0; shift < 32; shift += 8) {
            int d = Math.abs(((a >>> shift) & 0xff) - ((b >>> shift) & 0xff));
            assertTrue(d <= 1, "pixel " + x + "," + y + " differs by " + d + " levels");
            differing += d;
          }
        }
      }
      assertTrue(differing <= input.getWidth() * input.getHeight() / 1000,
          differing + " channel values differ by one level");
    }
  }

  private static FaceRestorer restorer(Path model, int maxBatchSize) {
    return FaceRestorer.builder()
        .backend("onnx")
        .generator(model)
        .detector(DetectorType.YUNET, SharedData.yunet())
        .maxBatchSize(maxBatchSize)
        .build();
  }
}
