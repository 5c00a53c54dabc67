package io.gpen4j.video.internal.track;

import io.gpen4j.BoundingBox;
import io.gpen4j.DetectedFace;
import io.gpen4j.video.TrackingOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Follows faces from frame to frame: matches each frame's detections to the tracks of the frames
 * before, gives each track an id, smooths each track's landmarks and box, and carries a track
 * through frames without a matching detection.
 *
 * <p>Use: per frame, ask {@link #detectionDue()}; run the detector when it says so, then call
 * {@link #update} with the detections (or null when the detector did not run) and restore the
 * returned faces.
 *
 * <p>Design:
 *
 * <ul>
 *   <li>Matching ({@link TrackMatcher}): box overlap plus landmark distance against where each
 *       track is predicted to be in this frame, assigned globally (Hungarian method) rather than
 *       greedily, so two faces that come close keep their ids.
 *   <li>Smoothing ({@link FaceSmoother}): a One Euro filter per landmark coordinate and box value,
 *       its cut-off raised by the face's fitted motion as a whole, fed the frames' real
 *       timestamps, so variable frame rates and skipped frames need nothing special; a new track
 *       starts new filters. Steady landmarks make a steady alignment, hence a steady crop and
 *       paste border.
 *   <li>Carry-over: on frames where the detector did not run ({@code detectEvery > 1}) a track is
 *       extrapolated at its filtered speed, because the face is still there and, in a pan, holding
 *       it would leave the crop behind by up to {@code detectEvery - 1} frames of motion; the
 *       filtered speed is near zero for a still face, so this costs no steadiness. On frames where
 *       the detector ran and missed the face it is held where it was last placed, because a miss
 *       often means an occlusion, a turn away or the face leaving the picture, where carrying on
 *       moving guesses wrong. A track is dropped after more than {@code maxMissedFrames} missed
 *       detector runs in a row; skipped frames do not count as misses.
 *   <li>Hand-over: a detection that no track matched, overlapping a track that missed this frame
 *       (by {@code minOverlap} of the smaller box), is that track's face whose box or landmarks
 *       jumped past the gates, as a face cut by the frame's edge does while it walks in; the track
 *       takes it over with new filters instead of a second track starting beside it.
 *   <li>Ids count up from 1 and are never reused: a face found again after its track was dropped
 *       gets a new id and new filters.
 * </ul>
 *
 * <p>Not thread-safe: one tracker per stream, fed frames in order.
 */
public final class FaceTracker {
  /**
   * How far, in box sides, a missed track reaches to take over a detection of its size that
   * overlaps neither its prediction nor its last box: two faces of one size closer than this are
   * rarely both missed by the matcher in one frame, while a face seen again after a long gap often is.
   */
  static final double HANDOVER_REACH = 2.0;
  private final TrackingOptions options;
  private final TrackMatcher matcher;
  private final List<Track> tracks = new ArrayList<>();
  private long frames;
  private long lastMicros = Long.MIN_VALUE;
  private int nextId = 1;

  /**
   * Creates a tracker with no tracks.
   *
   * @param options the tracking settings
   * @throws NullPointerException if {@code options} is null
   */
  public FaceTracker(TrackingOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    this.matcher = new TrackMatcher(options);
  }

  /**
   * Returns whether the detector should run on the next frame passed to {@link #update}.
   *
   * @return true on the first frame and every {@link TrackingOptions#detectEvery()} frames after
   *     it, and on every frame while no face is tracked
   */
  public boolean detectionDue() {
    return detectionDue(options.detectEvery());
  }

  /**
   * Returns whether the detector should run on the next frame when it runs every {@code every}
   * frames: for a caller that changes the rate while the tracks go on (a live stream's adaptive
   * quality), so no track is restarted when the rate changes.
   *
   * @param every 1 or more
   * @return true on the first frame and every {@code every} frames, and on every frame while no
   *     face is tracked
   * @throws IllegalArgumentException if {@code every} is below 1
   */
  public boolean detectionDue(int every) {
    if (every < 1) {
      throw new IllegalArgumentException("detectEvery must be at least 1: " + every);
    }
    return tracks.isEmpty() || frames % every == 0;
  }

  /**
   * Advances by one frame.
   *
   * @param detections the faces detected in this frame, or null when the detector did not run
   * @param timestampMicros the frame's presentation time in microseconds, not before the previous
   *     frame's; a repeated time is allowed and moves no filter
   * @return the faces to restore in this frame, one per live track, in increasing id order
   * @throws IllegalArgumentException if the timestamp is before the previous frame's
   * @throws NullPointerException if {@code detections} holds a null
   */
  public List<TrackedFace> update(List<DetectedFace> detections, long timestampMicros) {
    if (timestampMicros < lastMicros) {
      throw new IllegalArgumentException(
          "timestampMicros went back in time: " + timestampMicros + " after " + lastMicros);
    }
    if (detections != null) {
      detections.forEach(d -> Objects.requireNonNull(d, "detection"));
    }
    lastMicros = timestampMicros;
    frames++;
    if (detections == null) {
      carryOver(timestampMicros);
    } else {
      associate(detections, timestampMicros);
    }
    List<TrackedFace> out = new ArrayList<>(tracks.size());
    for (Track t : tracks) {
      out.add(new TrackedFace(t.id, t.face, t.detection));
    }
    return List.copyOf(out);
  }

  private void carryOver(long timestampMicros) {
    for (Track t : tracks) {
      if (t.missed == 0) {
        t.face = t.smoother.predict(timestampMicros);
      }
      t.detection = null;
    }
  }

  private void associate(List<DetectedFace> detections, long timestampMicros) {
    List<DetectedFace> predicted = new ArrayList<>(tracks.size());
    for (Track t : tracks) {
      predicted.add(t.smoother.predict(timestampMicros));
    }
    int[] match = matcher.match(predicted, detections);
    boolean[] taken = new boolean[detections.size()];
    for (int i = 0; i < tracks.size(); i++) {
      Track t = tracks.get(i);
      if (match[i] >= 0) {
        DetectedFace d = detections.get(match[i]);
        taken[match[i]] = true;
        t.face = t.smoother.update(d, timestampMicros);
        t.detection = d;
        t.missed = 0;
      } else {
        t.detection = null;
        t.missed++;
      }
    }
    handOver(predicted, detections, taken, timestampMicros);
    tracks.removeIf(t -> t.missed > options.maxMissedFrames());
    for (int d = 0; d < detections.size(); d++) {
      if (!taken[d]) {
        DetectedFace first = detections.get(d);
        tracks.add(new Track(nextId++, new FaceSmoother(options, first, timestampMicros), first));
      }
    }
  }

  /**
   * Gives a detection that no track matched to a track that missed this frame when their boxes
   * overlap by at least {@code minOverlap} of the smaller box: the same face, whose box or
   * landmarks jumped past the matching gates (a face cut by the frame's edge grows and spreads
   * its landmarks faster than it moves). The track keeps its id and restarts its filters at the
   * detection, so the face is neither held behind nor pasted twice by a second track.
   *
   * <p>Failing an overlap, a missed track of about the detection's size (within 1.5x) whose last
   * box lies within {@link #HANDOVER_REACH} box sides of it takes it over too: with long gaps
   * between detections (a live stream dropping frames) a face that turned round is far from
   * where its motion predicted and from where it was last seen, and a second track would paste a
   * stale face at the old place for {@code maxMissedFrames} detections.
   */
  private void handOver(List<DetectedFace> predicted, List<DetectedFace> detections, boolean[] taken,
      long timestampMicros) {
    for (int d = 0; d < detections.size(); d++) {
      if (taken[d]) {
        continue;
      }
      DetectedFace detection = detections.get(d);
      int best = -1;
      double bestOverlap = options.minOverlap();
      for (int i = 0; i < tracks.size(); i++) {
        Track t = tracks.get(i);
        if (t.detection != null) {
          continue;
        }
        double overlap = overlapOfSmaller(predicted.get(i).box(), detection.box());
        if (overlap >= bestOverlap) {
          best = i;
          bestOverlap = overlap;
        }
      }
      if (best < 0) {
        best = nearestMissedTrack(detection);
      }
      if (best >= 0) {
        Track t = tracks.get(best);
        t.smoother = new FaceSmoother(options, detection, timestampMicros);
        t.face = t.smoother.current();
        t.detection = detection;
        t.missed = 0;
        taken[d] = true;
      }
    }
  }

  /**
   * The missed track of about the detection's size whose last box is nearest to it, within
   * {@link #HANDOVER_REACH} box sides; -1 if none.
   */
  private int nearestMissedTrack(DetectedFace detection) {
    BoundingBox b = detection.box();
    double side = Math.sqrt(b.area());
    int best = -1;
    double bestDistance = Double.MAX_VALUE;
    for (int i = 0; i < tracks.size(); i++) {
      Track t = tracks.get(i);
      if (t.detection != null) {
        continue;
      }
      BoundingBox last = t.face.box();
      double lastSide = Math.sqrt(last.area());
      if (side <= 0 || lastSide <= 0 || Math.max(side, lastSide) / Math.min(side, lastSide) > 1.5) {
        continue;
      }
      double distance = Math.hypot(last.x() + last.width() / 2 - (b.x() + b.width() / 2),
          last.y() + last.height() / 2 - (b.y() + b.height() / 2)) / Math.max(side, lastSide);
      if (distance <= HANDOVER_REACH && distance < bestDistance) {
        best = i;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** The area two boxes share, as a fraction of the smaller one's. */
  private static double overlapOfSmaller(BoundingBox a, BoundingBox b) {
    double w = Math.min(a.maxX(), b.maxX()) - Math.max(a.x(), b.x());
    double h = Math.min(a.maxY(), b.maxY()) - Math.max(a.y(), b.y());
    double smaller = Math.min(a.area(), b.area());
    return w <= 0 || h <= 0 || smaller <= 0 ? 0 : w * h / smaller;
  }

  private static final class Track {
    final int id;
    FaceSmoother smoother;
    DetectedFace face;
    DetectedFace detection;
    int missed;

    Track(int id, FaceSmoother smoother, DetectedFace first) {
      this.id = id;
      this.smoother = smoother;
      this.face = smoother.current();
      this.detection = first;
    }
  }
}
