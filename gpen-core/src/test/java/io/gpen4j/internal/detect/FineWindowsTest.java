package io.gpen4j.internal.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.BoundingBox;
import io.gpen4j.DetectedFace;
import io.gpen4j.Landmarks;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The windows of a fine pass: every face they are run for, as the fine pass sees it (a few input
 * pixels off the coarse box, 0.8-1.25 times its size), lies whole in a window that keeps it; a face
 * the window's edge cuts is not kept there; windows are cut from the image in the model's stride
 * multiple and stay within the largest side.
 */
final class FineWindowsTest {
  private static final int STRIDE = DetectorModel.STRIDE_MULTIPLE;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void of_everyFaceRunForIsWholeInAWindowThatKeepsIt(long seed) {
    Random random = new Random(seed);
    int width = 800 + random.nextInt(6000);
    int height = 600 + random.nextInt(4000);
    double scale = 0.5 + random.nextDouble();
    double maxFace = 120 / scale;
    double slack = 2 / (scale / 3.2);
    List<DetectedFace> seen = new ArrayList<>();
    List<DetectedFace> actual = new ArrayList<>();
    int faces = 1 + random.nextInt(random.nextBoolean() ? 6 : 60);
    for (int i = 0; i < faces; i++) {
      double size = 20 / scale + random.nextDouble() * (maxFace / 1.25 - 20 / scale);
      double cx = size / 2 + random.nextDouble() * (width - size);
      double cy = size / 2 + random.nextDouble() * (height - size);
      seen.add(face(cx, cy, size));
      double trueSize = Math.min(maxFace, size * (0.8 + random.nextDouble() * 0.45));
      double dx = (random.nextDouble() * 2 - 1) * slack;
      double dy = (random.nextDouble() * 2 - 1) * slack;
      actual.add(face(clamp(cx + dx, trueSize / 2, width - trueSize / 2),
          clamp(cy + dy, trueSize / 2, height - trueSize / 2), trueSize));
    }
    List<DetectionPlan.Tile> windows = FineWindows.of(scale, maxFace, seen, slack, width, height);
    for (DetectionPlan.Tile w : windows) {
      Letterbox lb = w.letterbox();
      assertEquals(scale, lb.scale());
      assertTrue(lb.regionX() >= 0 && lb.regionY() >= 0 && lb.regionX() + lb.regionWidth() <= width
          && lb.regionY() + lb.regionHeight() <= height, lb.toString());
      assertEquals(0, lb.inputWidth() % STRIDE);
      assertEquals(0, lb.inputHeight() % STRIDE);
      assertTrue(lb.inputWidth() <= FineWindows.MAX_WINDOW_SIDE + STRIDE
          && lb.inputHeight() <= FineWindows.MAX_WINDOW_SIDE + STRIDE, lb.toString());
    }
    for (DetectedFace f : actual) {
      BoundingBox b = f.box();
      boolean kept = windows.stream().anyMatch(w -> w.keeps(f) && inside(b, w.letterbox()));
      assertTrue(kept, "face " + b + " not kept whole by any of " + windows.size() + " windows");
    }
  }

  @Test
  void of_faceCutByTheWindowEdge_isNotKeptThere() {
    double scale = 1;
    List<DetectionPlan.Tile> windows =
        FineWindows.of(scale, 120, List.of(face(1000, 1000, 40)), 2, 3000, 2000);
    assertEquals(1, windows.size());
    DetectionPlan.Tile w = windows.get(0);
    Letterbox lb = w.letterbox();
    assertTrue(w.keeps(face(1000, 1000, 40)));
    // The right half of a face beyond the left edge: its box reaches the edge.
    DetectedFace cut = new DetectedFace(new BoundingBox(lb.regionX(), 990, 20, 40),
        Landmarks.of(lb.regionX() + 5, 1000, lb.regionX() + 15, 1000, lb.regionX() + 10, 1010,
            lb.regionX() + 6, 1020, lb.regionX() + 14, 1020), 0.9);
    assertFalse(w.keeps(cut), "a face cut by the window's edge was kept");
  }

  @Test
  void of_faceAtTheImageEdge_isKeptUpToTheEdge() {
    List<DetectionPlan.Tile> windows = FineWindows.of(1, 120, List.of(face(15, 1000, 30)), 2, 3000, 2000);
    assertEquals(1, windows.size());
    assertEquals(0, windows.get(0).letterbox().regionX());
    assertTrue(windows.get(0).keeps(face(15, 1000, 30)), "a face at the image's left edge was left out");
  }

  @Test
  void of_farApartFaces_getWindowsOfTheirOwn_nearOnesShareOne() {
    List<DetectedFace> faces = List.of(face(200, 200, 40), face(260, 210, 40), face(2500, 1500, 40));
    List<DetectionPlan.Tile> windows = FineWindows.of(1, 120, faces, 2, 3000, 2000);
    assertEquals(2, windows.size());
    long pixels = windows.stream().mapToLong(w -> (long) w.letterbox().inputWidth() * w.letterbox().inputHeight()).sum();
    assertTrue(pixels < 640 * 640, "windows of three 40 px faces read " + pixels + " pixels");
  }

  private static boolean inside(BoundingBox b, Letterbox lb) {
    return b.x() >= lb.regionX() && b.y() >= lb.regionY() && b.maxX() <= lb.regionX() + lb.regionWidth()
        && b.maxY() <= lb.regionY() + lb.regionHeight();
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static DetectedFace face(double cx, double cy, double size) {
    return new DetectedFace(new BoundingBox(cx - size / 2, cy - size / 2, size, size),
        Landmarks.of(cx - 5, cy - 5, cx + 5, cy - 5, cx, cy, cx - 4, cy + 5, cx + 4, cy + 5), 0.5);
  }
}
