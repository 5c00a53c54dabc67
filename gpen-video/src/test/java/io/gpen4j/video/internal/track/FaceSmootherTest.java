package io.gpen4j.video.internal.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.AlignmentTemplate;
import io.gpen4j.DetectedFace;
import io.gpen4j.Landmarks;
import io.gpen4j.Point;
import io.gpen4j.SimilarityTransform;
import io.gpen4j.video.TrackingOptions;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class FaceSmootherTest {
  private static final TrackingOptions PLAIN_LOW_PASS = TrackingOptions.builder().beta(0).build();

  private static long micros(int frame) {
    return Math.round(frame * 1e6 / 30);
  }

  /** The largest distance between a smoothed and a true landmark over frames 10 to 59. */
  private static double maxLag(TrackingOptions options, IntFunction<DetectedFace> clip) {
    FaceSmoother smoother = new FaceSmoother(options, clip.apply(0), micros(0));
    double max = 0;
    for (int i = 1; i < 60; i++) {
      DetectedFace truth = clip.apply(i);
      DetectedFace smoothed = smoother.update(truth, micros(i));
      if (i >= 10) {
        for (int k = 0; k < Landmarks.COUNT; k++) {
          max = Math.max(max, truth.landmarks().points().get(k).distanceTo(smoothed.landmarks().points().get(k)));
        }
      }
    }
    return max;
  }

  private static DetectedFace transformed(DetectedFace face, SimilarityTransform t) {
    // Keeps the box square around the moved landmarks' centre, as a detector would.
    Landmarks moved = face.landmarks().transform(t);
    Point c = t.apply(face.box().center());
    double side = face.box().width() * t.scale();
    return new DetectedFace(Faces.at(c.x(), c.y(), side).box(), moved, face.score());
  }

  @Test
  void update_zoomingFace_followsWhereAPlainLowPassTrails() {
    // The face grows 1% a frame about its centre: the landmarks' mean does not move, yet every
    // landmark does, and the cut-off must rise for them.
    DetectedFace start = Faces.at(320, 180, 120);
    IntFunction<DetectedFace> zoom = i -> transformed(start, about(320, 180, Math.pow(1.01, i), 0));
    double adaptive = maxLag(TrackingOptions.DEFAULTS, zoom);
    double plain = maxLag(PLAIN_LOW_PASS, zoom);
    String lags = "zoom lag " + adaptive + " px vs plain low-pass " + plain + " px";
    assertTrue(adaptive < 1.5, lags);
    assertTrue(adaptive * 4 < plain, lags);
  }

  @Test
  void update_turningFace_followsWhereAPlainLowPassTrails() {
    // The head tilts 1 degree a frame about the face's centre.
    DetectedFace start = Faces.at(320, 180, 120);
    IntFunction<DetectedFace> turn = i -> transformed(start, about(320, 180, 1, Math.toRadians(i)));
    double adaptive = maxLag(TrackingOptions.DEFAULTS, turn);
    double plain = maxLag(PLAIN_LOW_PASS, turn);
    String lags = "turn lag " + adaptive + " px vs plain low-pass " + plain + " px";
    assertTrue(adaptive < 1.5, lags);
    assertTrue(adaptive * 4 < plain, lags);
  }

  private static SimilarityTransform about(double cx, double cy, double scale, double radians) {
    SimilarityTransform toOrigin = new SimilarityTransform(1, 0, -cx, -cy);
    SimilarityTransform back = new SimilarityTransform(1, 0, cx, cy);
    return back.compose(SimilarityTransform.of(scale, radians, 0, 0).compose(toOrigin));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void update_independentLandmarkNoise_isSmoothedOut(long seed) {
    // Each landmark jitters on its own by 1 px; the face does not move.
    Random noise = new Random(seed);
    DetectedFace still = Faces.at(200, 200, 100);
    FaceSmoother smoother = new FaceSmoother(TrackingOptions.DEFAULTS, still, 0);
    double raw = 0;
    double smoothed = 0;
    DetectedFace previous = smoother.current();
    DetectedFace previousRaw = still;
    for (int i = 1; i < 120; i++) {
      double[] xy = new double[10];
      List<Point> p = still.landmarks().points();
      for (int k = 0; k < 5; k++) {
        xy[2 * k] = p.get(k).x() + noise.nextGaussian();
        xy[2 * k + 1] = p.get(k).y() + noise.nextGaussian();
      }
      DetectedFace d = new DetectedFace(still.box(), Landmarks.of(xy), 0.9);
      DetectedFace s = smoother.update(d, micros(i));
      if (i >= 10) {
        raw += CropCorners.movement(previousRaw, d, AlignmentTemplate.GPEN, 512);
        smoothed += CropCorners.movement(previous, s, AlignmentTemplate.GPEN, 512);
      }
      previous = s;
      previousRaw = d;
    }
    assertTrue(smoothed * 5 < raw, "crop movement " + smoothed + " vs raw " + raw);
  }

  @Test
  void predict_extrapolatesAtTheFilteredSpeed() {
    FaceSmoother smoother = new FaceSmoother(TrackingOptions.DEFAULTS, Faces.at(100, 100, 80), 0);
    for (int i = 1; i <= 60; i++) {
      smoother.update(Faces.at(100 + 2 * i, 100, 80), micros(i));
    }
    // The smoothed face trails a little; its speed estimate, taken against the smoothed value as
    // in the paper, makes up for that, so the next frames are predicted where the face will be.
    assertEquals(100 + 2 * 61, Faces.centroidX(smoother.predict(micros(61))), 0.5);
    assertEquals(100 + 2 * 63, Faces.centroidX(smoother.predict(micros(63))), 1.0);
    assertSame(smoother.current(), smoother.predict(micros(60)));
  }

  @Test
  void constructor_firstDetection_isTheCurrentFace() {
    DetectedFace first = Faces.at(100, 100, 80);
    assertSame(first, new FaceSmoother(TrackingOptions.DEFAULTS, first, 5).current());
  }
}
