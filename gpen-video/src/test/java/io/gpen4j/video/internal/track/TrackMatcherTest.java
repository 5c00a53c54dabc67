package io.gpen4j.video.internal.track;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gpen4j.BoundingBox;
import io.gpen4j.DetectedFace;
import io.gpen4j.video.TrackingOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TrackMatcherTest {
  private final TrackMatcher matcher = new TrackMatcher(TrackingOptions.DEFAULTS);

  @Test
  void match_swappedOrder_pairsEachTrackWithItsOwnFace() {
    DetectedFace a = Faces.at(100, 100, 80);
    DetectedFace b = Faces.at(150, 100, 80);
    int[] m = matcher.match(List.of(a, b), List.of(Faces.at(152, 101, 80), Faces.at(103, 99, 80)));
    assertArrayEquals(new int[] {1, 0}, m);
  }

  @Test
  void match_sameBoxDifferentLandmarks_landmarksDecide() {
    // Two detections with the same box: one face looking ahead, one whose landmarks sit lower
    // (a face seen partly behind the other). IoU cannot tell them apart; landmarks can.
    DetectedFace track = Faces.at(100, 100, 80);
    DetectedFace lower = new DetectedFace(
        track.box(), Faces.at(100, 120, 80).landmarks(), 0.9);
    int[] m = matcher.match(List.of(track), List.of(lower, Faces.at(100, 100, 80)));
    assertArrayEquals(new int[] {1}, m);
  }

  @Test
  void match_overlapBelowMinimum_leavesTrackUnmatched() {
    DetectedFace track = Faces.at(100, 100, 80);
    // Shifted by 60 px: IoU = 20*80 / (2*6400 - 1600) = 0.14 < 0.3.
    assertArrayEquals(new int[] {-1}, matcher.match(List.of(track), List.of(Faces.at(160, 100, 80))));
  }

  @Test
  void match_landmarksTooFarApart_leavesTrackUnmatched() {
    DetectedFace track = Faces.at(100, 100, 80);
    // Same box, but the landmarks 48 px (0.6 face sizes) lower.
    DetectedFace far = new DetectedFace(track.box(), Faces.at(100, 148, 80).landmarks(), 0.9);
    assertArrayEquals(new int[] {-1}, matcher.match(List.of(track), List.of(far)));
  }

  @Test
  void cost_isOneMinusIouPlusLandmarkDistance() {
    DetectedFace track = Faces.at(100, 100, 80);
    DetectedFace moved = Faces.at(108, 100, 80);
    double iou = 72.0 * 80 / (2 * 6400 - 72.0 * 80);
    assertEquals((1 - iou) + 8.0 / 80, matcher.cost(track, moved), 1e-9);
  }

  @Test
  void landmarkDistance_isInUnitsOfTheReferenceFaceSize() {
    DetectedFace small = new DetectedFace(new BoundingBox(0, 0, 40, 40), Faces.at(20, 20, 40).landmarks(), 1);
    assertEquals(0.25, TrackMatcher.landmarkDistance(small, Faces.at(30, 20, 40)), 1e-9);
  }
}
