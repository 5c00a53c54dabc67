package io.gpen4j.video.internal.track;

import io.gpen4j.DetectedFace;
import io.gpen4j.Point;
import io.gpen4j.video.TrackingOptions;
import java.util.List;

/**
 * Decides which detection of a frame belongs to which track.
 *
 * <p>Design: a track and a detection may pair only when their boxes overlap by at least
 * {@link TrackingOptions#minOverlap()} (intersection over union) and their landmarks are at most
 * {@link TrackingOptions#maxLandmarkDistance()} apart (the mean distance of the five points, in
 * units of the track's face size). Among the allowed pairs the cost is {@code (1 - IoU) + landmark
 * distance}, and the pairing with the most pairs and then the least total cost wins
 * ({@link MinCostAssignment}). Landmarks tell apart two faces whose boxes overlap, where IoU alone
 * is ambiguous; the global assignment keeps one track from taking a detection that fits another
 * better. The track side is where the track is predicted to be in this frame, which keeps faces
 * that move past each other apart.
 *
 * <p>Thread-safe: it holds only the options.
 */
final class TrackMatcher {
  private final TrackingOptions options;

  /**
   * Creates a matcher.
   *
   * @param options the gates
   */
  TrackMatcher(TrackingOptions options) {
    this.options = options;
  }

  /**
   * Pairs tracks with detections.
   *
   * @param tracks where each track is expected in this frame
   * @param detections the faces detected in this frame
   * @return for each track, the index of its detection, or -1 when none fits
   */
  int[] match(List<DetectedFace> tracks, List<DetectedFace> detections) {
    double[][] cost = new double[tracks.size()][detections.size()];
    for (int t = 0; t < tracks.size(); t++) {
      for (int d = 0; d < detections.size(); d++) {
        cost[t][d] = cost(tracks.get(t), detections.get(d));
      }
    }
    return MinCostAssignment.solve(cost);
  }

  /**
   * Returns the cost of pairing a track with a detection.
   *
   * @return {@code (1 - IoU) + landmark distance}, or {@link MinCostAssignment#FORBIDDEN} when a
   *     gate fails
   */
  double cost(DetectedFace track, DetectedFace detection) {
    double iou = track.box().iou(detection.box());
    if (iou < options.minOverlap()) {
      return MinCostAssignment.FORBIDDEN;
    }
    double distance = landmarkDistance(track, detection);
    if (distance > options.maxLandmarkDistance()) {
      return MinCostAssignment.FORBIDDEN;
    }
    return (1 - iou) + distance;
  }

  /**
   * Returns the mean distance between corresponding landmarks, in units of the first face's size,
   * so that the same setting serves small and large faces.
   */
  static double landmarkDistance(DetectedFace reference, DetectedFace other) {
    List<Point> a = reference.landmarks().points();
    List<Point> b = other.landmarks().points();
    double sum = 0;
    for (int i = 0; i < a.size(); i++) {
      sum += a.get(i).distanceTo(b.get(i));
    }
    return sum / a.size() / Math.max(1, reference.size());
  }
}
