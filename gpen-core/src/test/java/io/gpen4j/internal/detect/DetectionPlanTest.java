package io.gpen4j.internal.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.BoundingBox;
import io.gpen4j.DetectedFace;
import io.gpen4j.DetectorType;
import io.gpen4j.Landmarks;
import io.gpen4j.models.Normalization;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class DetectionPlanTest {
  private static final DetectorModel FIXED =
      new DetectorModel(DetectorType.YUNET, "in", 640, 640, Normalization.BGR_0_255, new YuNetDecoder());
  private static final DetectorModel FREE =
      new DetectorModel(DetectorType.SCRFD, "in", -1, -1, Normalization.RGB_CENTERED_128, new YuNetDecoder());

  @ParameterizedTest
  @CsvSource({"512, 512, 20", "640, 480, 20", "1000, 700, 32", "1328, 568, 40"})
  void of_imageTheFirstPassResolves_isOneRun(int width, int height, int smallest) {
    for (DetectorModel model : List.of(FIXED, FREE)) {
      assertEquals(1, DetectionPlan.of(model, width, height, smallest).tiles().size(), width + "x" + height);
    }
  }

  @ParameterizedTest
  @CsvSource({"3000, 2000, 20", "6000, 4000, 20", "640, 480, 5", "20000, 15000, 20", "3000, 2000, 50"})
  void of_largeImage_tilesReachTheScaleOfTheSmallestFace(int width, int height, int smallest) {
    for (DetectorModel model : List.of(FIXED, FREE)) {
      DetectionPlan plan = DetectionPlan.of(model, width, height, smallest);
      Letterbox finest = plan.tiles().get(plan.tiles().size() - 1).letterbox();
      double target = (double) model.smallestInputFace() / smallest;
      if (plan.tiles().size() == 1) {
        assertTrue(finest.scale() >= 0.9 * target, "one pass only when it already sees the smallest faces");
      } else {
        assertEquals(target, finest.scale(), 1e-9);
      }
      for (DetectionPlan.Tile t : plan.tiles()) {
        Letterbox lb = t.letterbox();
        assertTrue(lb.regionX() + lb.regionWidth() <= width && lb.regionY() + lb.regionHeight() <= height);
        assertTrue(lb.inputWidth() <= 640 && lb.inputHeight() <= 640, "one detector-sized input per run");
      }
    }
  }

  /** Every face a pass is responsible for is kept by exactly one of its tiles, and lies whole in it. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void of_everyFaceUpToTheOverlap_isKeptByOneTileThatHoldsItWhole(long seed) {
    Random random = new Random(seed);
    int width = 1500 + random.nextInt(5000);
    int height = 1000 + random.nextInt(4000);
    DetectionPlan plan = DetectionPlan.of(random.nextBoolean() ? FIXED : FREE, width, height, 20);
    java.util.Map<Double, List<DetectionPlan.Tile>> passes = new java.util.TreeMap<>();
    for (DetectionPlan.Tile t : plan.tiles().subList(1, plan.tiles().size())) {
      passes.computeIfAbsent(t.letterbox().scale(), k -> new java.util.ArrayList<>()).add(t);
    }
    assertTrue(!passes.isEmpty());
    for (List<DetectionPlan.Tile> tiled : passes.values()) {
      double maxFace = tiled.get(0).maxFace();
      for (int trial = 0; trial < 1000; trial++) {
        double size = 8 + random.nextDouble() * (maxFace - 8);
        double x = random.nextDouble() * (width - size);
        double y = random.nextDouble() * (height - size);
        DetectedFace face = face(x, y, size);
        int keepers = 0;
        for (DetectionPlan.Tile t : tiled) {
          if (t.keeps(face)) {
            keepers++;
            Letterbox lb = t.letterbox();
            assertTrue(x >= lb.regionX() - 1e-9 && y >= lb.regionY() - 1e-9
                && x + size <= lb.regionX() + lb.regionWidth() + 1e-9
                && y + size <= lb.regionY() + lb.regionHeight() + 1e-9,
                "face at " + x + "," + y + " size " + size + " not whole in its tile " + lb);
          }
        }
        assertEquals(1, keepers, "face at " + x + "," + y + " size " + size);
      }
    }
  }

  private static DetectedFace face(double x, double y, double size) {
    double cx = x + size / 2;
    double cy = y + size / 2;
    return new DetectedFace(new BoundingBox(x, y, size, size),
        Landmarks.of(cx - 5, cy - 5, cx + 5, cy - 5, cx, cy, cx - 4, cy + 5, cx + 4, cy + 5), 0.9);
  }

  /**
   * A window is cut within its bounds, holds the part of the asked window inside them, comes in
   * the stride multiple, and fills that multiple with image where the bounds leave room.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void window_staysInItsBoundsHoldsTheWindowAndFillsTheStrideMultiple(long seed) {
    Random random = new Random(seed);
    for (int trial = 0; trial < 200; trial++) {
      int bx = random.nextInt(500);
      int by = random.nextInt(500);
      int bw = 50 + random.nextInt(3000);
      int bh = 50 + random.nextInt(3000);
      double scale = 0.2 + random.nextDouble() * 1.5;
      double x0 = bx - 100 + random.nextDouble() * (bw + 100);
      double y0 = by - 100 + random.nextDouble() * (bh + 100);
      double x1 = x0 + 1 + random.nextDouble() * 800;
      double y1 = y0 + 1 + random.nextDouble() * 800;
      if (x1 <= bx || y1 <= by || x0 >= bx + bw || y0 >= by + bh) {
        continue;
      }
      Letterbox lb = DetectionPlan.window(x0, y0, x1, y1, bx, by, bw, bh, scale);
      String what = lb + " for " + x0 + "," + y0 + "-" + x1 + "," + y1 + " in " + bx + "," + by + " " + bw + "x" + bh;
      assertTrue(lb.regionX() >= bx && lb.regionY() >= by && lb.regionX() + lb.regionWidth() <= bx + bw
          && lb.regionY() + lb.regionHeight() <= by + bh, what);
      assertTrue(lb.regionX() <= Math.max(bx, Math.floor(x0)) && lb.regionY() <= Math.max(by, Math.floor(y0)), what);
      assertTrue(lb.regionX() + lb.regionWidth() >= Math.min(bx + bw, Math.ceil(x1))
          && lb.regionY() + lb.regionHeight() >= Math.min(by + bh, Math.ceil(y1)), what);
      assertEquals(0, lb.inputWidth() % DetectorModel.STRIDE_MULTIPLE, what);
      assertEquals(0, lb.inputHeight() % DetectorModel.STRIDE_MULTIPLE, what);
      // Less than one source pixel of padding where the bounds had image to give.
      if (lb.regionWidth() < bw) {
        assertTrue(lb.inputWidth() - lb.contentWidth() <= Math.ceil(scale), "padding where image was left: " + what);
      }
      if (lb.regionHeight() < bh) {
        assertTrue(lb.inputHeight() - lb.contentHeight() <= Math.ceil(scale), "padding where image was left: " + what);
      }
    }
  }
}
