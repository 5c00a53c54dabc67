package io.gpen4j.video.internal.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.BoundingBox;
import io.gpen4j.DetectedFace;
import io.gpen4j.Landmarks;
import io.gpen4j.RestoredFace;
import io.gpen4j.SimilarityTransform;
import io.gpen4j.StageTimings;
import io.gpen4j.video.LiveOptions;
import io.gpen4j.video.LiveQuality;
import io.gpen4j.video.RestoredFrame;
import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The adaptive choice from measured costs: frames with given stage timings in, the choice out. */
final class QualityControllerTest {
  private static final double NO_CAMERA_RATE = Double.NaN;
  private static final int LARGE = 512;
  private static final int SMALL = 256;
  private static final int NO_SMALL = 0;

  @Test
  void overBudget_detectsLessOften_theLeastNThatFits() {
    // D 100 ms, R 20 ms, O 5 ms, 20 fps (50 ms): 100/N + 25 <= 50 first at N = 4.
    QualityController q = new QualityController(
        LiveOptions.builder().targetFramesPerSecond(20).build(), 1, LARGE, NO_SMALL);
    feed(q, 1, 1, 100, 20, 5, 12);
    LiveQuality c = q.current();
    assertEquals(4, c.detectEvery());
    assertEquals(0, c.maxFaces(), "the one face tracked is every face");
    assertEquals(Duration.ofMillis(50), c.frameBudget());
    assertEquals(100, c.detectCost().toMillis());
    assertEquals(20, c.faceCost().toMillis());
    assertEquals(5, c.otherCost().toMillis());
  }

  @Test
  void facesTooExpensive_restoresFewerFaces_beforeAnyNFits() {
    // Two faces at 40 ms each never fit 50 ms; one face fits at N = 2 (10/2 + 40 + 5 = 50).
    QualityController q = new QualityController(
        LiveOptions.builder().targetFramesPerSecond(20).build(), 1, LARGE, NO_SMALL);
    feed(q, 2, 2, 10, 40, 5, 12);
    assertEquals(2, q.current().detectEvery());
    assertEquals(1, q.current().maxFaces());
    assertEquals(1, q.facesToRestore(2));
    assertEquals(0, q.facesToRestore(0));
  }

  @Test
  void cheaperLater_raisesQuality_onlyWithinTheMargin() {
    QualityController q = new QualityController(
        LiveOptions.builder().targetFramesPerSecond(20).build(), 1, LARGE, NO_SMALL);
    feed(q, 1, 1, 100, 20, 5, 12);
    assertEquals(4, q.current().detectEvery());
    // D falls to 20 ms: N = 1 costs 45 ms, within the budget but not within 85% of it (42.5 ms);
    // N = 2 costs 35 ms.
    feed(q, 1, 1, 20, 20, 5, 60);
    assertEquals(2, q.current().detectEvery());
  }

  @Test
  void nothingFits_oneFaceAtTheLargestN() {
    QualityController q = new QualityController(
        LiveOptions.builder().targetFramesPerSecond(100).maxDetectEvery(6).build(), 1, LARGE, NO_SMALL);
    feed(q, 3, 3, 50, 30, 5, 12);
    assertEquals(6, q.current().detectEvery());
    assertEquals(1, q.current().maxFaces());
  }

  @Test
  void targetLatency_budgetsTheLatencyLessOneCameraInterval() {
    QualityController q = new QualityController(
        LiveOptions.builder().targetLatency(Duration.ofMillis(200)).build(), 1, LARGE, NO_SMALL);
    for (int i = 0; i < 12; i++) {
      q.facesToRestore(1);
      q.observe(frame(1, 100, 20, LARGE), Duration.ofMillis(125).toNanos(), Duration.ofMillis(40).toNanos());
    }
    assertEquals(Duration.ofMillis(160), q.current().frameBudget());
    // 100/N + 25 <= 160 at N = 1.
    assertEquals(1, q.current().detectEvery());
  }

  @Test
  void cameraSlowerThanTarget_budgetsTheCameraInterval() {
    QualityController q = new QualityController(
        LiveOptions.builder().targetFramesPerSecond(30).build(), 1, LARGE, NO_SMALL);
    for (int i = 0; i < 12; i++) {
      q.facesToRestore(1);
      q.observe(frame(1, 60, 20, LARGE), Duration.ofMillis(85).toNanos(), Duration.ofMillis(100).toNanos());
    }
    assertEquals(Duration.ofMillis(100), q.current().frameBudget());
    assertEquals(1, q.current().detectEvery());
  }

  @Test
  void notAdaptive_keepsTheOptionsValues_andStillReportsCosts() {
    QualityController q = new QualityController(LiveOptions.DEFAULTS, 3, LARGE, NO_SMALL);
    feed(q, 2, 2, 100, 40, 5, 12);
    LiveQuality c = q.current();
    assertFalse(c.adaptive());
    assertEquals(3, c.detectEvery());
    assertEquals(0, c.maxFaces());
    assertEquals(Duration.ZERO, c.frameBudget());
    assertEquals(100, c.detectCost().toMillis());
    assertEquals(40, c.faceCost().toMillis());
  }

  @Test
  void noChangeWithinTheSettlingFrames() {
    QualityController q = new QualityController(
        LiveOptions.builder().targetFramesPerSecond(20).build(), 1, LARGE, NO_SMALL);
    List<Integer> choices = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      // Costs that swing between two settings every frame.
      feed(q, 1, 1, i % 2 == 0 ? 100 : 10, 20, 5, 1);
      choices.add(q.current().detectEvery());
    }
    int last = 0;
    for (int i = 1; i < choices.size(); i++) {
      if (!choices.get(i).equals(choices.get(i - 1))) {
        assertTrue(last == 0 || i - last >= QualityController.SETTLE_FRAMES, "changes at " + last + " and " + i);
        last = i;
      }
    }
    assertTrue(last > 0, "the swinging costs change the choice: " + choices);
  }

  @Test
  void smallModel_afterDetectEvery_largeKeptWhileALargerNFits() {
    // D 40 ms, R_l 30 ms, R_s 10 ms, O 5 ms, 20 fps (50 ms): the large model fits at N = 3
    // (13.3 + 35); the small one would fit at N = 2 (20 + 15), but N is raised first.
    QualityController q = new QualityController(LiveOptions.builder().targetFramesPerSecond(20).build(), 1, LARGE,
        SMALL);
    feedModels(q, 40, 30, 10, 5, 30);
    assertEquals(3, q.current().detectEvery());
    assertFalse(q.current().smallModelForAll());
    assertFalse(q.smallModelForAll());
    assertEquals(Duration.ZERO, q.current().smallFaceCost(), "the small model has not run");
  }

  @Test
  void slowLargeModel_switchesToTheSmallOne_andBackWithHysteresis() {
    QualityController q = new QualityController(LiveOptions.builder().targetFramesPerSecond(20).build(), 1, LARGE,
        SMALL);
    // R_l 60 ms: no N fits (40/8 + 65 > 50). R_s, before it is measured, is R_l over the area ratio
    // 4: 15 ms, which fits at N = 2 (20 + 20 = 40); measured it is 15 ms.
    feedModels(q, 40, 60, 15, 5, 30);
    LiveQuality c = q.current();
    assertTrue(c.smallModelForAll());
    assertTrue(q.smallModelForAll());
    assertEquals(2, c.detectEvery());
    assertEquals(0, c.maxFaces(), "the small model before dropping a face");
    assertEquals(60, c.faceCost().toMillis());
    assertEquals(15, c.smallFaceCost().toMillis());
    // The load falls: R_s 9 ms, so R_l at the measured ratio 4 is 36 ms. The large model fits the
    // budget at N = 8 (5 + 41 = 46 ms) but not 85% of it (42.5 ms): it stays on the small one.
    feedModels(q, 40, 36, 9, 5, 40);
    assertTrue(q.current().smallModelForAll(), "within the hysteresis margin");
    assertEquals(2, q.current().detectEvery());
    // R_s 7 ms (R_l 28): the large model fits 85% at N = 5 (8 + 33 = 41 ms): back to it, measured
    // afresh.
    feedModels(q, 40, 28, 7, 5, 40);
    c = q.current();
    assertFalse(c.smallModelForAll());
    assertFalse(q.smallModelForAll());
    assertEquals(5, c.detectEvery());
    assertEquals(28, c.faceCost().toMillis(), "the large model's cost measured again, not the stale 60 ms");
  }

  @Test
  void noSmallModel_neverChoosesIt() {
    QualityController q = new QualityController(LiveOptions.builder().targetFramesPerSecond(20).build(), 1, LARGE,
        NO_SMALL);
    feedModels(q, 40, 60, 15, 5, 30);
    assertFalse(q.current().smallModelForAll());
    assertEquals(8, q.current().detectEvery(), "nothing fits: one face at the largest N");
  }

  /** Observes {@code n} frames, each detected, restoring {@code restored} of {@code tracked} faces. */
  private static void feed(QualityController q, int tracked, int restored, long detectMs, long faceMs, long otherMs,
      int n) {
    for (int i = 0; i < n; i++) {
      int faces = Math.min(q.facesToRestore(tracked), restored);
      long wall = detectMs + faces * faceMs + otherMs;
      q.observe(frame(faces, detectMs, faceMs, LARGE), Duration.ofMillis(wall).toNanos(), NO_CAMERA_RATE);
    }
  }

  /**
   * Observes {@code n} frames of one face, each detected, on the model the controller chose: a
   * face takes {@code largeMs} on the large model and {@code smallMs} on the small one.
   */
  private static void feedModels(QualityController q, long detectMs, long largeMs, long smallMs, long otherMs,
      int n) {
    for (int i = 0; i < n; i++) {
      int faces = q.facesToRestore(1);
      boolean small = q.smallModelForAll();
      long faceMs = small ? smallMs : largeMs;
      long wall = detectMs + faces * faceMs + otherMs;
      q.observe(frame(faces, detectMs, faceMs, small ? SMALL : LARGE), Duration.ofMillis(wall).toNanos(),
          NO_CAMERA_RATE);
    }
  }

  /** A restored frame with real values: {@code faces} faces, the given detect and per-face times. */
  private static RestoredFrame frame(int faces, long detectMs, long faceMs, int modelSize) {
    List<RestoredFace> restored = new ArrayList<>();
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < faces; i++) {
      DetectedFace d = new DetectedFace(new BoundingBox(10 + 100 * i, 10, 80, 80),
          Landmarks.of(30 + 100 * i, 40, 70 + 100 * i, 40, 50 + 100 * i, 60, 35 + 100 * i, 75, 65 + 100 * i, 75), 0.9);
      restored.add(new RestoredFace(d, SimilarityTransform.IDENTITY,
          new StageTimings(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofMillis(faceMs), Duration.ZERO), true,
          "gpen-" + modelSize, modelSize));
      ids.add(i + 1);
    }
    Duration perFace = Duration.ofMillis(faceMs * faces);
    StageTimings t = new StageTimings(Duration.ZERO, Duration.ofMillis(detectMs), Duration.ZERO, perFace,
        Duration.ZERO);
    return new RestoredFrame(new BufferedImage(1, 1, BufferedImage.TYPE_3BYTE_BGR), 0, restored, t, ids);
  }
}
