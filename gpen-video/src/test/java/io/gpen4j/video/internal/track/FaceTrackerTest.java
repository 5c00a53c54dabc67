package io.gpen4j.video.internal.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.BoundingBox;
import io.gpen4j.DetectedFace;
import io.gpen4j.Landmarks;
import io.gpen4j.Point;
import io.gpen4j.video.TrackingOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class FaceTrackerTest {
  private static long micros(int frame) {
    return Math.round(frame * 1e6 / 30);
  }

  @Test
  void update_panningFace_keepsOneId() {
    FaceTracker tracker = new FaceTracker(TrackingOptions.DEFAULTS);
    for (int i = 0; i < 90; i++) {
      List<TrackedFace> faces = tracker.update(List.of(Faces.at(100 + 3 * i, 200, 120)), micros(i));
      assertEquals(1, faces.size());
      assertEquals(1, faces.get(0).id(), "frame " + i);
    }
  }

  @RepeatedTest(20)
  void update_twoFacesCrossing_keepTheirIds(RepetitionInfo repetition) {
    // Two faces on one row walk through each other at 6 px a frame each, with seeded detector
    // noise; at the crossing their boxes coincide and only their motion tells them apart.
    Random noise = new Random(repetition.getCurrentRepetition());
    FaceTracker tracker = new FaceTracker(TrackingOptions.DEFAULTS);
    int leftId = -1;
    int rightId = -1;
    for (int i = 0; i < 40; i++) {
      double ax = 100 + 6 * i + noise.nextGaussian() * 0.5;
      double bx = 340 - 6 * i + noise.nextGaussian() * 0.5;
      DetectedFace a = Faces.at(ax, 200 + noise.nextGaussian() * 0.5, 80);
      DetectedFace b = Faces.at(bx, 203 + noise.nextGaussian() * 0.5, 76);
      // Detectors list faces in no particular order.
      List<DetectedFace> detections = noise.nextBoolean() ? List.of(a, b) : List.of(b, a);
      List<TrackedFace> faces = tracker.update(detections, micros(i));
      assertEquals(2, faces.size(), "frame " + i);
      for (TrackedFace f : faces) {
        if (f.detection() == a) {
          leftId = i == 0 ? f.id() : leftId;
          assertEquals(leftId, f.id(), "the face from the left, frame " + i);
        } else {
          assertSame(b, f.detection());
          rightId = i == 0 ? f.id() : rightId;
          assertEquals(rightId, f.id(), "the face from the right, frame " + i);
        }
      }
    }
    assertTrue(leftId != rightId);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void update_twoJitteryFacesSideBySide_keepTheirIds(long seed) {
    Random noise = new Random(seed);
    FaceTracker tracker = new FaceTracker(TrackingOptions.DEFAULTS);
    for (int i = 0; i < 100; i++) {
      DetectedFace a = Faces.at(100 + noise.nextGaussian() * 3, 100 + noise.nextGaussian() * 3, 60);
      DetectedFace b = Faces.at(150 + noise.nextGaussian() * 3, 105 + noise.nextGaussian() * 3, 60);
      // The first frame's order sets the ids; after that the order is random.
      List<DetectedFace> detections = i == 0 || noise.nextBoolean() ? List.of(a, b) : List.of(b, a);
      List<TrackedFace> faces = tracker.update(detections, micros(i));
      assertEquals(2, faces.size());
      assertEquals(1, faces.get(0).id());
      assertEquals(2, faces.get(1).id());
      assertSame(a, faces.get(0).detection(), "frame " + i);
      assertSame(b, faces.get(1).detection(), "frame " + i);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3, 5})
  void update_missedDetections_keepTheTrackForMaxMissedFramesThenDropIt(int maxMissed) {
    FaceTracker tracker = new FaceTracker(TrackingOptions.builder().maxMissedFrames(maxMissed).build());
    tracker.update(List.of(Faces.at(100, 100, 80)), micros(0));
    DetectedFace seen = tracker.update(List.of(Faces.at(101, 100, 80)), micros(1)).get(0).face();
    for (int miss = 1; miss <= maxMissed; miss++) {
      List<TrackedFace> faces = tracker.update(List.of(), micros(1 + miss));
      assertEquals(1, faces.size(), "miss " + miss);
      assertEquals(1, faces.get(0).id());
      assertNull(faces.get(0).detection());
      assertSame(seen, faces.get(0).face(), "held where last seen");
    }
    assertEquals(List.of(), tracker.update(List.of(), micros(2 + maxMissed)));
    List<TrackedFace> again = tracker.update(List.of(Faces.at(100, 100, 80)), micros(3 + maxMissed));
    assertEquals(2, again.get(0).id(), "ids are never reused");
  }

  @Test
  void update_detectionAfterMisses_resumesTheSameTrack() {
    FaceTracker tracker = new FaceTracker(TrackingOptions.builder().maxMissedFrames(2).build());
    tracker.update(List.of(Faces.at(100, 100, 80)), micros(0));
    tracker.update(List.of(), micros(1));
    tracker.update(List.of(), micros(2));
    List<TrackedFace> faces = tracker.update(List.of(Faces.at(102, 100, 80)), micros(3));
    assertEquals(1, faces.size());
    assertEquals(1, faces.get(0).id());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5})
  void detectionDue_everyNthFrame_whileFacesAreTracked(int every) {
    FaceTracker tracker = new FaceTracker(TrackingOptions.builder().detectEvery(every).build());
    // Nothing tracked: the detector runs on every frame.
    for (int i = 0; i < 3; i++) {
      assertTrue(tracker.detectionDue());
      tracker.update(List.of(), micros(i));
    }
    List<Integer> detected = new ArrayList<>();
    for (int i = 3; i < 3 + 4 * every; i++) {
      if (tracker.detectionDue()) {
        detected.add(i);
        tracker.update(List.of(Faces.at(100 + i, 100, 80)), micros(i));
      } else {
        tracker.update(null, micros(i));
      }
    }
    List<Integer> expected = new ArrayList<>();
    for (int i = 3; i < 3 + 4 * every; i++) {
      if (i % every == 0 || i == 3) {
        expected.add(i);
      }
    }
    assertEquals(expected, detected);
  }

  @Test
  void update_skippedFrames_extrapolateAMovingFace() {
    FaceTracker tracker = new FaceTracker(TrackingOptions.builder().detectEvery(3).build());
    double lastCarried = 0;
    for (int i = 0; i < 60; i++) {
      DetectedFace truth = Faces.at(100 + 4 * i, 150, 100);
      if (tracker.detectionDue()) {
        tracker.update(List.of(truth), micros(i));
      } else {
        TrackedFace carried = tracker.update(null, micros(i)).get(0);
        assertNull(carried.detection());
        lastCarried = Faces.centroidX(truth) - Faces.centroidX(carried.face());
      }
    }
    // Held, the face would trail by 4 or 8 px; extrapolated, it keeps up.
    assertEquals(0, lastCarried, 1.0);
  }

  @Test
  void update_stillFaceBetweenDetections_staysPut() {
    FaceTracker tracker = new FaceTracker(TrackingOptions.builder().detectEvery(4).build());
    DetectedFace still = Faces.at(200, 150, 100);
    for (int i = 0; i < 40; i++) {
      List<TrackedFace> faces = tracker.update(tracker.detectionDue() ? List.of(still) : null, micros(i));
      assertEquals(Faces.centroidX(still), Faces.centroidX(faces.get(0).face()), 1e-6, "frame " + i);
    }
  }

  @Test
  void update_newTrack_startsAtItsDetection() {
    FaceTracker tracker = new FaceTracker(TrackingOptions.DEFAULTS);
    for (int i = 0; i < 10; i++) {
      tracker.update(List.of(Faces.at(100 + 5 * i, 100, 80)), micros(i));
    }
    DetectedFace newcomer = Faces.at(500, 300, 90);
    List<TrackedFace> faces = tracker.update(List.of(Faces.at(150, 100, 80), newcomer), micros(10));
    assertEquals(2, faces.size());
    assertEquals(2, faces.get(1).id());
    assertSame(newcomer, faces.get(1).face(), "a new track's filters start from its detection");
  }

  @Test
  void update_smoothingOff_returnsDetectionsUnchanged() {
    FaceTracker tracker = new FaceTracker(TrackingOptions.builder().smoothing(false).build());
    Random noise = new Random(7);
    for (int i = 0; i < 30; i++) {
      DetectedFace d = Faces.at(100 + noise.nextGaussian() * 2, 100, 80);
      assertSame(d, tracker.update(List.of(d), micros(i)).get(0).face());
    }
  }

  @Test
  void update_smoothingOn_steadiesAJitteryStillFace() {
    FaceTracker tracker = new FaceTracker(TrackingOptions.DEFAULTS);
    Random noise = new Random(8);
    double rawMovement = 0;
    double smoothMovement = 0;
    DetectedFace previousRaw = null;
    DetectedFace previousSmooth = null;
    for (int i = 0; i < 90; i++) {
      DetectedFace d = Faces.at(100 + noise.nextGaussian(), 100 + noise.nextGaussian(), 80);
      DetectedFace s = tracker.update(List.of(d), micros(i)).get(0).face();
      if (i >= 10) {
        rawMovement += Math.abs(Faces.centroidX(d) - Faces.centroidX(previousRaw));
        smoothMovement += Math.abs(Faces.centroidX(s) - Faces.centroidX(previousSmooth));
      }
      previousRaw = d;
      previousSmooth = s;
    }
    assertTrue(smoothMovement * 5 < rawMovement, smoothMovement + " vs " + rawMovement);
  }

  @Test
  void update_smoothsTheBoxWithTheLandmarks() {
    FaceTracker tracker = new FaceTracker(TrackingOptions.DEFAULTS);
    Random noise = new Random(9);
    double rawCentre = 0;
    double smoothCentre = 0;
    double rawWidth = 0;
    double smoothWidth = 0;
    DetectedFace previousRaw = null;
    DetectedFace previousSmooth = null;
    for (int i = 0; i < 90; i++) {
      DetectedFace d = Faces.at(100 + noise.nextGaussian(), 100, 80 + noise.nextGaussian() * 0.5);
      DetectedFace s = tracker.update(List.of(d), micros(i)).get(0).face();
      if (i >= 10) {
        rawCentre += Math.abs(d.box().center().x() - previousRaw.box().center().x());
        smoothCentre += Math.abs(s.box().center().x() - previousSmooth.box().center().x());
        rawWidth += Math.abs(d.box().width() - previousRaw.box().width());
        smoothWidth += Math.abs(s.box().width() - previousSmooth.box().width());
      }
      previousRaw = d;
      previousSmooth = s;
    }
    assertTrue(smoothCentre * 5 < rawCentre, "box centre: " + smoothCentre + " vs " + rawCentre);
    assertTrue(smoothWidth * 4 < rawWidth, "box width: " + smoothWidth + " vs " + rawWidth);
  }

  @Test
  void update_variableFrameRate_followsAPanAsClosely() {
    // The same 90 px/s pan at a steady 30 fps and at a frame rate wandering between 15 and 60 fps.
    Random random = new Random(10);
    FaceTracker steady = new FaceTracker(TrackingOptions.DEFAULTS);
    FaceTracker wandering = new FaceTracker(TrackingOptions.DEFAULTS);
    double steadyLag = 0;
    for (int i = 0; i <= 60; i++) {
      double x = 100 + 90.0 * i / 30;
      steadyLag = x - Faces.centroidX(steady.update(List.of(Faces.at(x, 100, 80)), micros(i)).get(0).face());
    }
    long t = 0;
    double wanderingLag = 0;
    while (t < 2_000_000) {
      t = Math.min(2_000_000, t + 16_667 + random.nextInt(50_000));
      double x = 100 + 90.0 * t / 1e6;
      wanderingLag = x - Faces.centroidX(wandering.update(List.of(Faces.at(x, 100, 80)), t).get(0).face());
    }
    assertTrue(steadyLag < 1, "lag at 30 fps " + steadyLag);
    assertTrue(wanderingLag < 1.5, "lag at a wandering rate " + wanderingLag);
  }

  @Test
  void update_returnsTracksInIdOrder() {
    FaceTracker tracker = new FaceTracker(TrackingOptions.DEFAULTS);
    tracker.update(List.of(Faces.at(300, 100, 80)), micros(0));
    List<TrackedFace> faces = tracker.update(
        List.of(Faces.at(100, 100, 80), Faces.at(500, 100, 80), Faces.at(300, 100, 80)), micros(1));
    assertEquals(List.of(1, 2, 3), faces.stream().map(TrackedFace::id).toList());
  }

  @Test
  void update_timestampGoingBack_throwsAndKeepsState() {
    FaceTracker tracker = new FaceTracker(TrackingOptions.DEFAULTS);
    tracker.update(List.of(Faces.at(100, 100, 80)), 1_000_000);
    assertThrows(IllegalArgumentException.class, () -> tracker.update(List.of(), 999_999));
    assertEquals(1, tracker.update(List.of(Faces.at(100, 100, 80)), 1_000_000).get(0).id());
  }

  @Test
  void update_nullDetectionInList_throws() {
    FaceTracker tracker = new FaceTracker(TrackingOptions.DEFAULTS);
    assertThrows(NullPointerException.class, () -> tracker.update(Arrays.asList((DetectedFace) null), 0));
  }

  @Test
  void update_nothingEverDetected_returnsNothing() {
    FaceTracker tracker = new FaceTracker(TrackingOptions.DEFAULTS);
    assertEquals(List.of(), tracker.update(null, 0));
    assertEquals(List.of(), tracker.update(List.of(), 1));
    assertFalse(tracker.update(List.of(Faces.at(1, 1, 1)), 2).isEmpty());
  }

  @Test
  void constructor_nullOptions_throws() {
    assertThrows(NullPointerException.class, () -> new FaceTracker(null));
  }

  /**
   * A detection of a face cut by the frame's left edge, as a detector reports it: the box is the
   * visible part, and the landmarks are squeezed into it (the detector fits a whole face's layout
   * to what it sees).
   */
  private static DetectedFace enteringAtLeftEdge(double centerX, double y, double size) {
    double left = Math.max(0, centerX - size / 2);
    double visible = centerX + size / 2 - left;
    DetectedFace whole = Faces.at(centerX, y, size);
    double[] xy = new double[10];
    for (int k = 0; k < 5; k++) {
      Point p = whole.landmarks().points().get(k);
      xy[2 * k] = left + (p.x() - (centerX - size / 2)) * visible / size;
      xy[2 * k + 1] = p.y();
    }
    return new DetectedFace(new BoundingBox(left, y - size / 2, visible, size), Landmarks.of(xy),
        0.9);
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 20, 30})
  void update_faceEnteringAtTheEdge_keepsOneTrack(int pxPerFrame) {
    // A 120 px face walks in from the left edge; while it is cut, its box grows and its landmarks
    // spread out faster than it moves. Until it is whole the tracker must not start a second
    // track for it and paste the face twice.
    FaceTracker tracker = new FaceTracker(TrackingOptions.DEFAULTS);
    Set<Integer> ids = new TreeSet<>();
    for (int i = 0; i < 30; i++) {
      double cx = -50 + pxPerFrame * i;
      List<TrackedFace> faces = tracker.update(List.of(enteringAtLeftEdge(cx, 200, 120)), micros(i));
      assertEquals(1, faces.size(), "tracks in frame " + i + " at " + pxPerFrame + " px/frame");
      assertTrue(faces.get(0).detection() != null, "the track follows this frame's detection, frame " + i);
      ids.add(faces.get(0).id());
    }
    assertEquals(Set.of(1), ids, "one id at " + pxPerFrame + " px/frame");
  }

  @ParameterizedTest
  @ValueSource(ints = {8, 15, 30})
  void update_faceTurningRoundBetweenSparseDetections_keepsOneTrack(int framesApart) {
    // A live stream that drops frames detects a face only every few hundred milliseconds. The
    // face walks right, then turns back: its motion predicts it far past where it is found, and
    // it is more than a box away from where it was last seen. The same face must keep its track,
    // not leave a held copy behind at the old place.
    FaceTracker tracker = new FaceTracker(TrackingOptions.DEFAULTS);
    double[] xs = {100, 200, 300, 400, 230, 100, 200, 330, 200};
    Set<Integer> ids = new TreeSet<>();
    for (int k = 0; k < xs.length; k++) {
      List<TrackedFace> faces = tracker.update(List.of(Faces.at(xs[k], 200, 120)), micros(k * framesApart));
      assertEquals(1, faces.size(), "one face, detection " + k + " every " + framesApart + " frames");
      ids.add(faces.get(0).id());
    }
    assertEquals(Set.of(1), ids);
  }

  @Test
  void update_twoFacesFarApart_neverTakeEachOthersTrack() {
    // The reach is bounded: a second face appearing three box sides from a missed one starts its
    // own track.
    FaceTracker tracker = new FaceTracker(TrackingOptions.DEFAULTS);
    tracker.update(List.of(Faces.at(100, 200, 100)), micros(0));
    List<TrackedFace> faces = tracker.update(List.of(Faces.at(400, 200, 100)), micros(1));
    assertEquals(2, faces.size(), "the missed face is held, the new one has its own track");
    assertEquals(Set.of(1, 2), Set.of(faces.get(0).id(), faces.get(1).id()));
  }
}
