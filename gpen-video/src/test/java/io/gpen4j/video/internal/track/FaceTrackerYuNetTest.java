package io.gpen4j.video.internal.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.AlignmentTemplate;
import io.gpen4j.DetectedFace;
import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.Point;
import io.gpen4j.RestoreOptions;
import io.gpen4j.testing.SharedData;
import io.gpen4j.video.TrackingOptions;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracker's figures on the real YuNet detector: clips made in memory from astronaut.png
 * (scaled to 360 rows, its face about 65 px) on a 640x360 canvas with seeded Gaussian noise
 * (sigma 2.5 grey levels) per frame, at 30 frames per second. A still clip measures how much the
 * restorer's aligned crop jitters; a clip panning 3 px a frame and one turning 0.5 degree a frame
 * (about the face's centre) measure how far the smoothed landmarks trail and how unevenly the crop
 * moves. The detector runs once per frame for all tests; the tracker runs per test.
 */
final class FaceTrackerYuNetTest {
  private static final Logger LOG = LoggerFactory.getLogger(FaceTrackerYuNetTest.class);
  private static final int STILL_FRAMES = 60;
  private static final int PAN_FRAMES = 75;
  private static final int PAN_PX_PER_FRAME = 3;
  private static final int START_X = 40;
  private static final double NOISE_SIGMA = 2.5;
  private static final int TURN_FRAMES = 60;
  private static final double TURN_RADIANS_PER_FRAME = Math.toRadians(0.5);
  /** Frames left out at the start: the filter's speed estimate needs a few frames to settle. */
  private static final int SETTLE_FRAMES = 10;

  private static List<DetectedFace> still;
  private static List<DetectedFace> pan;
  private static List<DetectedFace> turn;
  private static Point pivot;
  private static AlignmentTemplate template;
  private static int cropSize;

  @BeforeAll
  static void detectClips() throws IOException {
    BufferedImage astronaut = ImageIO.read(SharedData.image("astronaut.png").toFile());
    Path identity = Paths.get(System.getProperty("gpen4j.repo", ".."), "models", "test", "identity-256.onnx");
    try (FaceRestorer restorer = FaceRestorer.builder()
        .generator(identity)
        .detector(DetectorType.YUNET, SharedData.yunet())
        .build()) {
      template = restorer.template();
      cropSize = restorer.modelSize();
      long t0 = System.nanoTime();
      SyntheticClip stillClip = new SyntheticClip(astronaut, NOISE_SIGMA, 1000);
      still = new ArrayList<>();
      for (int i = 0; i < STILL_FRAMES; i++) {
        still.add(onlyFace(restorer.detect(stillClip.frame(i, START_X), RestoreOptions.DEFAULTS), i));
      }
      SyntheticClip panClip = new SyntheticClip(astronaut, NOISE_SIGMA, 2000);
      pan = new ArrayList<>();
      for (int i = 0; i < PAN_FRAMES; i++) {
        BufferedImage frame = panClip.frame(i, START_X + PAN_PX_PER_FRAME * i);
        pan.add(onlyFace(restorer.detect(frame, RestoreOptions.DEFAULTS), i));
      }
      pivot = centroid(meanStillLandmarks());
      SyntheticClip turnClip = new SyntheticClip(astronaut, NOISE_SIGMA, 3000);
      turn = new ArrayList<>();
      for (int i = 0; i < TURN_FRAMES; i++) {
        BufferedImage frame = turnClip.frame(i, START_X, TURN_RADIANS_PER_FRAME * i, pivot.x(), pivot.y());
        turn.add(onlyFace(restorer.detect(frame, RestoreOptions.DEFAULTS), i));
      }
      LOG.info("YuNet on {} frames: {} ms", STILL_FRAMES + PAN_FRAMES + TURN_FRAMES,
          (System.nanoTime() - t0) / 1_000_000);
    }
  }

  @Test
  void stillClip_smoothing_cutsCropJitterAtLeastFiveTimes() {
    List<DetectedFace> smoothed = track(still, TrackingOptions.DEFAULTS);
    double raw = meanCornerMovement(still);
    double steady = meanCornerMovement(smoothed);
    double ratio = raw / steady;
    String figure = String.format(
        "crop corner movement per frame, still clip: raw %.3f px, smoothed %.3f px, ratio %.1fx (need >= 5)",
        raw, steady, ratio);
    LOG.info(figure);
    assertTrue(ratio >= 5, figure);
  }

  @Test
  void panClip_smoothedLandmarks_doNotTrailTheDetections() {
    List<DetectedFace> smoothed = track(pan, TrackingOptions.DEFAULTS);
    List<List<Point>> raw = points(pan);
    List<List<Point>> truth = truth();
    double maxLagBehindRaw = 0;
    for (int i = SETTLE_FRAMES; i < PAN_FRAMES; i++) {
      maxLagBehindRaw = Math.max(maxLagBehindRaw, Math.abs(centroidX(raw.get(i)) - centroidX(points(smoothed.get(i)))));
    }
    double meanLagBehindRaw = meanLagX(smoothed, raw);
    double meanLagBehindTruth = meanLagX(smoothed, truth);
    double maxLagBehindTruth = 0;
    double rawMaxOffTruth = 0;
    for (int i = SETTLE_FRAMES; i < PAN_FRAMES; i++) {
      maxLagBehindTruth =
          Math.max(maxLagBehindTruth, Math.abs(centroidX(truth.get(i)) - centroidX(points(smoothed.get(i)))));
      rawMaxOffTruth = Math.max(rawMaxOffTruth, Math.abs(centroidX(truth.get(i)) - centroidX(raw.get(i))));
    }
    String figure = String.format(
        "pan 3 px/frame, frames %d-%d, landmark centroid along the pan: smoothed behind raw max %.2f px, mean %.2f px;"
            + " behind truth (still clip's mean + shift) max %.2f px, mean %.2f px; raw off truth max %.2f px;"
            + " per landmark point, smoothed vs raw max %.2f px, raw vs truth max %.2f px",
        SETTLE_FRAMES, PAN_FRAMES - 1, maxLagBehindRaw, meanLagBehindRaw, maxLagBehindTruth, meanLagBehindTruth,
        rawMaxOffTruth, maxPointDistance(points(smoothed), raw), maxPointDistance(raw, truth));
    LOG.info(figure);
    assertTrue(maxLagBehindRaw <= 1, figure);
    assertTrue(Math.abs(meanLagBehindTruth) <= 1, figure);
  }

  @Test
  void stillClip_smoothingOff_returnsTheDetectionsUnchanged() {
    List<DetectedFace> out = track(still, TrackingOptions.builder().smoothing(false).build());
    for (int i = 0; i < STILL_FRAMES; i++) {
      assertSame(still.get(i), out.get(i), "frame " + i);
    }
  }

  @Test
  void panClip_smoothedCrop_movesMoreEvenlyThanRaw() {
    // The crop should move 3 px every frame; its spread around that is the jitter left in motion.
    List<DetectedFace> smoothed = track(pan, TrackingOptions.DEFAULTS);
    double raw = cornerMovementSpread(pan);
    double steady = cornerMovementSpread(smoothed);
    String figure = String.format(
        "pan clip, crop corner movement's RMS deviation from 3 px/frame: raw %.3f px, smoothed %.3f px", raw, steady);
    LOG.info(figure);
    assertTrue(steady < raw, figure);
  }

  @Test
  void panClip_smoothing_cutsCropJitterAtLeastTwice() {
    double raw = meanCornerAcceleration(pan);
    double steady = meanCornerAcceleration(track(pan, TrackingOptions.DEFAULTS));
    String figure = String.format("pan 3 px/frame, crop corner jitter (mean |second difference|): raw %.3f px,"
        + " smoothed %.3f px, ratio %.1fx (need >= 2)", raw, steady, raw / steady);
    LOG.info(figure);
    assertTrue(raw / steady >= 2, figure);
  }

  @Test
  void turnClip_smoothing_cutsCropJitterAtLeastTwice() {
    double raw = meanCornerAcceleration(turn);
    double steady = meanCornerAcceleration(track(turn, TrackingOptions.DEFAULTS));
    String figure = String.format("turn 0.5 deg/frame, crop corner jitter (mean |second difference|): raw %.3f px,"
        + " smoothed %.3f px, ratio %.1fx (need >= 2)", raw, steady, raw / steady);
    LOG.info(figure);
    assertTrue(raw / steady >= 2, figure);
  }

  @Test
  void stillClip_cropJitterAsSecondDifference_isCutAtLeastFiveTimes() {
    // The same measure as in motion, so the three clips compare in one table.
    double raw = meanCornerAcceleration(still);
    double steady = meanCornerAcceleration(track(still, TrackingOptions.DEFAULTS));
    String figure = String.format("still, crop corner jitter (mean |second difference|): raw %.3f px,"
        + " smoothed %.3f px, ratio %.1fx (need >= 5)", raw, steady, raw / steady);
    LOG.info(figure);
    assertTrue(raw / steady >= 5, figure);
  }

  @Test
  void turnClip_smoothedLandmarks_doNotTrailTheDetections() {
    // Per landmark, the mean over the settled frames of how far the smoothed point is behind the
    // detected one along the turn (its tangent about the pivot): the filter's lag, with the
    // detector's noise averaged out.
    List<DetectedFace> smoothed = track(turn, TrackingOptions.DEFAULTS);
    double worst = 0;
    for (int k = 0; k < 5; k++) {
      double sum = 0;
      for (int i = SETTLE_FRAMES; i < TURN_FRAMES; i++) {
        Point raw = points(turn.get(i)).get(k);
        Point s = points(smoothed.get(i)).get(k);
        double rx = raw.x() - pivot.x();
        double ry = raw.y() - pivot.y();
        double r = Math.hypot(rx, ry);
        // y points down and the turn is clockwise on screen: the motion's direction is (-ry, rx).
        sum += ((raw.x() - s.x()) * -ry + (raw.y() - s.y()) * rx) / r;
      }
      worst = Math.max(worst, Math.abs(sum / (TURN_FRAMES - SETTLE_FRAMES)));
    }
    String figure = String.format("turn 0.5 deg/frame: smoothed landmarks behind the detections along the turn,"
        + " worst landmark's mean %.2f px (need <= 1)", worst);
    LOG.info(figure);
    assertTrue(worst <= 1, figure);
  }

  private static DetectedFace onlyFace(List<DetectedFace> faces, int frame) {
    assertEquals(1, faces.size(), "faces YuNet found in frame " + frame);
    return faces.get(0);
  }

  private static long micros(int frame) {
    return Math.round(frame * 1e6 / 30);
  }

  /** Runs the tracker over a clip; checks one face with one id throughout. */
  private static List<DetectedFace> track(List<DetectedFace> clip, TrackingOptions options) {
    FaceTracker tracker = new FaceTracker(options);
    List<DetectedFace> out = new ArrayList<>();
    for (int i = 0; i < clip.size(); i++) {
      List<TrackedFace> faces = tracker.update(List.of(clip.get(i)), micros(i));
      assertEquals(1, faces.size(), "tracks in frame " + i);
      assertEquals(1, faces.get(0).id(), "id in frame " + i);
      assertSame(clip.get(i), faces.get(0).detection(), "detection in frame " + i);
      out.add(faces.get(0).face());
    }
    return out;
  }

  private static double meanCornerMovement(List<DetectedFace> faces) {
    double sum = 0;
    for (int i = SETTLE_FRAMES; i < faces.size(); i++) {
      sum += CropCorners.movement(faces.get(i - 1), faces.get(i), template, cropSize);
    }
    return sum / (faces.size() - SETTLE_FRAMES);
  }

  /** Mean over frames and corners of |c(i+1) - 2 c(i) + c(i-1)|: zero for a crop moving or turning steadily. */
  private static double meanCornerAcceleration(List<DetectedFace> faces) {
    double sum = 0;
    int n = 0;
    for (int i = SETTLE_FRAMES; i + 1 < faces.size(); i++) {
      List<Point> a = CropCorners.of(faces.get(i - 1), template, cropSize);
      List<Point> b = CropCorners.of(faces.get(i), template, cropSize);
      List<Point> c = CropCorners.of(faces.get(i + 1), template, cropSize);
      for (int k = 0; k < 4; k++) {
        sum += Math.hypot(c.get(k).x() - 2 * b.get(k).x() + a.get(k).x(), c.get(k).y() - 2 * b.get(k).y() + a.get(k).y());
      }
      n += 4;
    }
    return sum / n;
  }

  private static double cornerMovementSpread(List<DetectedFace> faces) {
    double sum = 0;
    for (int i = SETTLE_FRAMES; i < faces.size(); i++) {
      double d = CropCorners.movement(faces.get(i - 1), faces.get(i), template, cropSize) - PAN_PX_PER_FRAME;
      sum += d * d;
    }
    return Math.sqrt(sum / (faces.size() - SETTLE_FRAMES));
  }

  private static double centroidX(List<Point> points) {
    return points.stream().mapToDouble(Point::x).average().orElseThrow();
  }

  /** Mean over the settled frames of how far the smoothed centroid is behind the reference's (positive: behind). */
  private static double meanLagX(List<DetectedFace> smoothed, List<List<Point>> reference) {
    double sum = 0;
    for (int i = SETTLE_FRAMES; i < PAN_FRAMES; i++) {
      sum += centroidX(reference.get(i)) - centroidX(points(smoothed.get(i)));
    }
    return sum / (PAN_FRAMES - SETTLE_FRAMES);
  }

  private static double maxPointDistance(List<List<Point>> a, List<List<Point>> b) {
    double max = 0;
    for (int i = SETTLE_FRAMES; i < a.size(); i++) {
      for (int k = 0; k < a.get(i).size(); k++) {
        max = Math.max(max, a.get(i).get(k).distanceTo(b.get(i).get(k)));
      }
    }
    return max;
  }

  /** The still clip's detections averaged: where the landmarks truly are, as x0, y0, x1 ... */
  private static double[] meanStillLandmarks() {
    double[] mean = new double[10];
    for (DetectedFace f : still) {
      List<Point> p = points(f);
      for (int k = 0; k < 5; k++) {
        mean[2 * k] += p.get(k).x() / still.size();
        mean[2 * k + 1] += p.get(k).y() / still.size();
      }
    }
    return mean;
  }

  private static Point centroid(double[] xy) {
    double x = 0;
    double y = 0;
    for (int k = 0; k < 5; k++) {
      x += xy[2 * k] / 5;
      y += xy[2 * k + 1] / 5;
    }
    return new Point(x, y);
  }

  private static List<Point> points(DetectedFace face) {
    return face.landmarks().points();
  }

  private static List<List<Point>> points(List<DetectedFace> faces) {
    List<List<Point>> out = new ArrayList<>();
    for (DetectedFace f : faces) {
      out.add(points(f));
    }
    return out;
  }

  /**
   * Where the landmarks truly are in each pan frame: the mean of the still clip's detections
   * (same start position, 60 noisy frames) moved by the known shift.
   */
  private static List<List<Point>> truth() {
    double[] mean = meanStillLandmarks();
    List<List<Point>> out = new ArrayList<>();
    for (int i = 0; i < PAN_FRAMES; i++) {
      List<Point> p = new ArrayList<>();
      for (int k = 0; k < 5; k++) {
        p.add(new Point(mean[2 * k] + PAN_PX_PER_FRAME * i, mean[2 * k + 1]));
      }
      out.add(p);
    }
    return out;
  }
}
