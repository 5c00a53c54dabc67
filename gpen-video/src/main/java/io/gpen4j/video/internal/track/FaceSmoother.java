package io.gpen4j.video.internal.track;

import io.gpen4j.BoundingBox;
import io.gpen4j.DetectedFace;
import io.gpen4j.Landmarks;
import io.gpen4j.Point;
import io.gpen4j.video.TrackingOptions;
import java.util.List;

/**
 * Smooths one track's face over time: its ten landmark coordinates and its box (centre, width,
 * height), each through its own {@link OneEuroFilter} with the same settings.
 *
 * <p>Design: the restorer aligns a face by a least-squares similarity transform from the five
 * landmarks to its template, so steady landmarks give a steady crop and a steady paste border; the
 * box is smoothed the same way so that it stays consistent with them. Each value is filtered on
 * its own, but the speed that raises each filter's cut-off is the face's motion as a whole: a
 * similarity motion (shift, zoom, turn in the image plane) fitted to the five landmarks' filtered
 * velocities and read at each value along its axis. During a horizontal pan the x coordinates
 * follow at once while the y coordinates stay as steady as at rest; a zoom or a head tilt, which
 * leaves the landmarks' mean in place, still raises the cut-off where landmarks move; and one
 * landmark's jitter does not pass for motion. The filters' {@code beta} is divided by the face's
 * size when the track starts, so the settings mean the same for a small face and a close-up; the
 * filters reset with each new track because each track makes its own smoother.
 *
 * <p>Not thread-safe; one instance per track.
 */
final class FaceSmoother {
  private static final int LANDMARK_VALUES = 2 * Landmarks.COUNT;
  private static final int CENTER_X = LANDMARK_VALUES;
  private static final int CENTER_Y = LANDMARK_VALUES + 1;
  private static final int WIDTH = LANDMARK_VALUES + 2;
  private static final int HEIGHT = LANDMARK_VALUES + 3;
  private static final int VALUES = LANDMARK_VALUES + 4;

  private final OneEuroFilter[] filters = new OneEuroFilter[VALUES];
  private final boolean passThrough;
  private DetectedFace current;

  /**
   * Starts smoothing at a track's first detection, which is returned unchanged by
   * {@link #current()}.
   *
   * @param options the filter settings; with smoothing off the values pass through unchanged and
   *     only their speed is estimated, for {@link #predict}
   * @param first the track's first detection
   * @param timestampMicros when it was seen
   */
  FaceSmoother(TrackingOptions options, DetectedFace first, long timestampMicros) {
    passThrough = !options.smoothing();
    double minCutoff = passThrough ? Double.POSITIVE_INFINITY : options.minCutoffHz();
    // beta is given per face size; the filters see pixels.
    double beta = options.beta() / Math.max(1, first.size());
    for (int i = 0; i < VALUES; i++) {
      filters[i] = new OneEuroFilter(minCutoff, beta, options.derivativeCutoffHz());
    }
    update(first, timestampMicros);
    // The filters return a first sample unchanged; keep the very object, not a rebuilt copy.
    current = first;
  }

  /**
   * Filters the next detection of this track.
   *
   * @param detection the raw detection
   * @param timestampMicros when it was seen, not before the previous one
   * @return the smoothed face, with the detection's score; the detection itself when smoothing is
   *     off
   * @throws IllegalArgumentException if the timestamp goes back in time
   */
  DetectedFace update(DetectedFace detection, long timestampMicros) {
    double[] raw = values(detection);
    double[] speeds = motionSpeeds(raw, timestampMicros);
    double[] smoothed = new double[VALUES];
    for (int i = 0; i < VALUES; i++) {
      smoothed[i] = filters[i].filter(raw[i], timestampMicros, speeds[i]);
    }
    current = passThrough ? detection : face(smoothed, detection.score());
    return current;
  }

  /**
   * Returns the speed that sets each value's cut-off: the face's motion as a whole, fitted to the
   * five landmarks' filtered velocities as a similarity motion (a shift, a zoom and a turn in the
   * image plane, the motions that move the restorer's crop), then read per value along its axis.
   * Ten noisy velocities fitted by four numbers are a steadier measure of motion than each value's
   * own, so a still face's jitter raises the cut-off less, while a shift, a zoom or a turn still
   * raises it at every landmark that moves.
   */
  private double[] motionSpeeds(double[] raw, long timestampMicros) {
    double[] velocity = new double[VALUES];
    for (int i = 0; i < VALUES; i++) {
      velocity[i] = filters[i].nextDerivative(raw[i], timestampMicros);
    }
    double cx = 0;
    double cy = 0;
    double vx = 0;
    double vy = 0;
    for (int k = 0; k < Landmarks.COUNT; k++) {
      cx += filters[2 * k].value() / Landmarks.COUNT;
      cy += filters[2 * k + 1].value() / Landmarks.COUNT;
      vx += velocity[2 * k] / Landmarks.COUNT;
      vy += velocity[2 * k + 1] / Landmarks.COUNT;
    }
    // Least squares of v_k = t + [a -b; b a] q_k over the landmarks, q_k about their centroid.
    double norm = 0;
    double dot = 0;
    double cross = 0;
    for (int k = 0; k < Landmarks.COUNT; k++) {
      double qx = filters[2 * k].value() - cx;
      double qy = filters[2 * k + 1].value() - cy;
      double ux = velocity[2 * k] - vx;
      double uy = velocity[2 * k + 1] - vy;
      norm += qx * qx + qy * qy;
      dot += qx * ux + qy * uy;
      cross += qx * uy - qy * ux;
    }
    double a = norm > 1e-12 ? dot / norm : 0;
    double b = norm > 1e-12 ? cross / norm : 0;
    double[] speeds = new double[VALUES];
    for (int k = 0; k < Landmarks.COUNT; k++) {
      double qx = filters[2 * k].value() - cx;
      double qy = filters[2 * k + 1].value() - cy;
      speeds[2 * k] = Math.abs(vx + a * qx - b * qy);
      speeds[2 * k + 1] = Math.abs(vy + b * qx + a * qy);
    }
    double qx = filters[CENTER_X].value() - cx;
    double qy = filters[CENTER_Y].value() - cy;
    speeds[CENTER_X] = Math.abs(vx + a * qx - b * qy);
    speeds[CENTER_Y] = Math.abs(vy + b * qx + a * qy);
    // A zoom at rate a changes a side s at a * s pixels per second.
    speeds[WIDTH] = Math.abs(a) * filters[WIDTH].value();
    speeds[HEIGHT] = Math.abs(a) * filters[HEIGHT].value();
    return speeds;
  }

  /** Returns the latest smoothed face. @return the face returned by the last {@link #update} */
  DetectedFace current() {
    return current;
  }

  /** Returns when this track was last updated by a detection. @return microseconds */
  long lastMicros() {
    return filters[0].lastMicros();
  }

  /**
   * Extrapolates the smoothed face to a later time at its filtered speed.
   *
   * @param timestampMicros the time to predict for; at or before the last update it is the
   *     current face
   * @return the predicted face
   */
  DetectedFace predict(long timestampMicros) {
    double seconds = Math.max(0, timestampMicros - lastMicros()) / 1e6;
    if (seconds == 0) {
      return current;
    }
    double[] predicted = new double[VALUES];
    for (int i = 0; i < VALUES; i++) {
      predicted[i] = filters[i].value() + filters[i].derivative() * seconds;
    }
    return face(predicted, current.score());
  }

  private static double[] values(DetectedFace face) {
    double[] v = new double[VALUES];
    List<Point> points = face.landmarks().points();
    for (int i = 0; i < Landmarks.COUNT; i++) {
      v[2 * i] = points.get(i).x();
      v[2 * i + 1] = points.get(i).y();
    }
    BoundingBox box = face.box();
    v[CENTER_X] = box.x() + box.width() / 2;
    v[CENTER_Y] = box.y() + box.height() / 2;
    v[WIDTH] = box.width();
    v[HEIGHT] = box.height();
    return v;
  }

  private static DetectedFace face(double[] v, double score) {
    // Extrapolating a shrinking face far enough could make a side negative.
    double width = Math.max(0, v[WIDTH]);
    double height = Math.max(0, v[HEIGHT]);
    BoundingBox box =
        new BoundingBox(v[CENTER_X] - width / 2, v[CENTER_Y] - height / 2, width, height);
    double[] xy = new double[LANDMARK_VALUES];
    System.arraycopy(v, 0, xy, 0, LANDMARK_VALUES);
    return new DetectedFace(box, Landmarks.of(xy), score);
  }
}
