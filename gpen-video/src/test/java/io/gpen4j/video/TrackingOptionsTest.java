package io.gpen4j.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class TrackingOptionsTest {
  @Test
  void defaults_areDocumentedValues() {
    TrackingOptions d = TrackingOptions.DEFAULTS;
    assertEquals(1, d.detectEvery());
    assertEquals(40, d.smallestDetectedFace());
    assertEquals(5, d.maxMissedFrames());
    assertEquals(0.3, d.minOverlap());
    assertEquals(0.5, d.maxLandmarkDistance());
    assertTrue(d.smoothing());
    assertEquals(TrackingOptions.Builder.DEFAULT_MIN_CUTOFF_HZ, d.minCutoffHz());
    assertEquals(TrackingOptions.Builder.DEFAULT_BETA, d.beta());
    assertEquals(TrackingOptions.Builder.DEFAULT_DERIVATIVE_CUTOFF_HZ, d.derivativeCutoffHz());
  }

  @Test
  void builder_setsEveryValue_andStaysReusable() {
    TrackingOptions.Builder b = TrackingOptions.builder()
        .detectEvery(3)
        .smallestDetectedFace(64)
        .maxMissedFrames(0)
        .minOverlap(1)
        .maxLandmarkDistance(0.25)
        .smoothing(false)
        .minCutoffHz(2)
        .beta(0)
        .derivativeCutoffHz(4);
    TrackingOptions o = b.build();
    assertEquals(3, o.detectEvery());
    assertEquals(64, o.smallestDetectedFace());
    assertEquals(0, o.maxMissedFrames());
    assertEquals(1, o.minOverlap());
    assertEquals(0.25, o.maxLandmarkDistance());
    assertEquals(false, o.smoothing());
    assertEquals(2, o.minCutoffHz());
    assertEquals(0, o.beta());
    assertEquals(4, o.derivativeCutoffHz());
    TrackingOptions again = b.detectEvery(2).build();
    assertEquals(2, again.detectEvery());
    assertEquals(3, o.detectEvery(), "built options do not change with the builder");
    assertTrue(o.toString().contains("detectEvery=3"), o.toString());
    assertTrue(o.toString().contains("smallestDetectedFace=64"), o.toString());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1})
  void detectEvery_belowOne_throws(int frames) {
    var e = assertThrows(IllegalArgumentException.class, () -> TrackingOptions.builder().detectEvery(frames));
    assertTrue(e.getMessage().contains("detectEvery"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -20})
  void smallestDetectedFace_belowOne_throws(int pixels) {
    var e = assertThrows(IllegalArgumentException.class, () -> TrackingOptions.builder().smallestDetectedFace(pixels));
    assertTrue(e.getMessage().contains("smallestDetectedFace"));
  }

  @Test
  void maxMissedFrames_negative_throws() {
    assertThrows(IllegalArgumentException.class, () -> TrackingOptions.builder().maxMissedFrames(-1));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -0.1, 1.01, Double.NaN})
  void minOverlap_outsideUnitInterval_throws(double iou) {
    assertThrows(IllegalArgumentException.class, () -> TrackingOptions.builder().minOverlap(iou));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
  void positiveFiniteSettings_rejectOtherValues(double v) {
    assertThrows(IllegalArgumentException.class, () -> TrackingOptions.builder().maxLandmarkDistance(v));
    assertThrows(IllegalArgumentException.class, () -> TrackingOptions.builder().minCutoffHz(v));
    assertThrows(IllegalArgumentException.class, () -> TrackingOptions.builder().derivativeCutoffHz(v));
  }

  @ParameterizedTest
  @ValueSource(doubles = {-0.001, Double.NaN, Double.POSITIVE_INFINITY})
  void beta_negativeOrNotFinite_throws(double v) {
    var e = assertThrows(IllegalArgumentException.class, () -> TrackingOptions.builder().beta(v));
    assertTrue(e.getMessage().contains("beta"));
  }
}
