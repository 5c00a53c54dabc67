package io.gpen4j.video.internal.track;

import io.gpen4j.DetectedFace;
import io.gpen4j.video.TrackingOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Follows faces from frame to frame: matches each frame's detections to the tracks of the frames
 * before by box overlap, gives each track an id, and carries a track through frames without a
 * matching detection.
 *
 * <p>Use: per frame, ask {@link #detectionDue()}; run the detector when it says so, then call
 * {@link #update} with the detections (or null when the detector did not run) and restore the
 * returned faces.
 *
 * <p>Not thread-safe: one tracker per stream, fed frames in order.
 */
public final class FaceTracker {
  private final TrackingOptions options;
  private final List<Track> tracks = new ArrayList<>();
  private long frames;
  private int nextId = 1;

  /**
   * Creates a tracker with no tracks.
   *
   * @param options the tracking settings
   */
  public FaceTracker(TrackingOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Returns whether the detector should run on the next frame passed to {@link #update}.
   *
   * @return true every {@link TrackingOptions#detectEvery()} frames, and whenever no face is tracked
   */
  public boolean detectionDue() {
    return tracks.isEmpty() || frames % options.detectEvery() == 0;
  }

  /**
   * Advances by one frame.
   *
   * @param detections the faces detected in this frame, or null when the detector did not run
   * @param timestampMicros the frame's presentation time in microseconds, not decreasing
   * @return the faces to restore in this frame, one per live track
   */
  public List<TrackedFace> update(List<DetectedFace> detections, long timestampMicros) {
    frames++;
    List<TrackedFace> out = new ArrayList<>();
    if (detections != null) {
      List<DetectedFace> unmatched = new ArrayList<>(detections);
      for (Track t : tracks) {
        DetectedFace best = null;
        double bestIou = options.minOverlap();
        for (DetectedFace d : unmatched) {
          double iou = t.face.box().iou(d.box());
          if (iou >= bestIou) {
            best = d;
            bestIou = iou;
          }
        }
        if (best != null) {
          unmatched.remove(best);
          t.face = best;
          t.missed = 0;
          t.matched = best;
        } else {
          t.missed++;
          t.matched = null;
        }
      }
      tracks.removeIf(t -> t.missed > options.maxMissedFrames());
      for (DetectedFace d : unmatched) {
        Track t = new Track(nextId++, d);
        t.matched = d;
        tracks.add(t);
      }
    } else {
      for (Track t : tracks) {
        t.matched = null;
      }
    }
    for (Track t : tracks) {
      out.add(new TrackedFace(t.id, t.face, t.matched));
    }
    return out;
  }

  private static final class Track {
    final int id;
    DetectedFace face;
    DetectedFace matched;
    int missed;

    Track(int id, DetectedFace face) {
      this.id = id;
      this.face = face;
    }
  }
}
