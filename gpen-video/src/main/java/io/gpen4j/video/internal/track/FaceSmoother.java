package io.gpen4j.video.internal.track;

import io.gpen4j.BoundingBox;
import io.gpen4j.DetectedFace;
import io.gpen4j.Landmarks;
import io.gpen4j.Point;
import io.gpen4j.video.TrackingOptions;
import java.util.List;

/**
 * Smooths one track's face over time as a similarity motion of its first shape: where the face is
 * (its landmarks' centroid), how large and how turned it is relative to the track's first
 * detection, and, apart from that motion, how its shape and box differ from the first ones. Each of
 * these is filtered by its own {@link OneEuroFilter} with the same settings.
 *
 * <p>Design: the restorer aligns a face by a least-squares similarity transform from the five
 * landmarks to its template, so the crop and the paste border move with the landmarks' position,
 * scale and angle. Filtering each landmark coordinate on its own lets the cut-off that a pan raises
 * for the x coordinates pass their independent noise, which turns and resizes the crop from frame
 * to frame (up to 0.04 rad in a 3 px/frame pan). Here the motion itself is the filtered quantity:
 * a pan raises the cut-off of the position only, while the angle and scale stay as steady as at
 * rest; a head tilt raises the angle's alone, a zoom the scale's. Angle and scale are filtered as
 * the distance the landmarks move (their RMS radius about the centroid times the angle in radians,
 * or times the log of the scale), so that one {@code beta}, given per face size, means the same
 * for every parameter and every face;
 * the landmarks' shape and the box, expressed in the first face's frame, change slowly (expression,
 * a turn out of the image plane) and are filtered the same way. The output landmarks are the
 * filtered shape moved by the filtered motion; the filters reset with each new track because each
 * track makes its own smoother.
 *
 * <p>Not thread-safe; one instance per track.
 */
final class FaceSmoother {
  private static final int X = 0;
  private static final int Y = 1;
  private static final int TURN = 2;
  private static final int ZOOM = 3;
  private static final int SHAPE = 4;
  private static final int BOX_X = SHAPE + 2 * Landmarks.COUNT;
  private static final int BOX_Y = BOX_X + 1;
  private static final int BOX_W = BOX_X + 2;
  private static final int BOX_H = BOX_X + 3;
  private static final int VALUES = BOX_X + 4;

  private final OneEuroFilter[] filters = new OneEuroFilter[VALUES];
  private final boolean passThrough;
  /** The first detection's landmarks about their centroid: the shape the motion moves. */
  private final double[] reference = new double[2 * Landmarks.COUNT];
  /**
   * The reference landmarks' RMS distance from their centroid: the length that turns an angle or a
   * log scale into the pixels the landmarks move.
   */
  private final double radius;
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
    List<Point> p = first.landmarks().points();
    double cx = 0;
    double cy = 0;
    for (Point q : p) {
      cx += q.x() / Landmarks.COUNT;
      cy += q.y() / Landmarks.COUNT;
    }
    double squares = 0;
    for (int k = 0; k < Landmarks.COUNT; k++) {
      reference[2 * k] = p.get(k).x() - cx;
      reference[2 * k + 1] = p.get(k).y() - cy;
      squares += reference[2 * k] * reference[2 * k] + reference[2 * k + 1] * reference[2 * k + 1];
    }
    radius = Math.max(1, Math.sqrt(squares / Landmarks.COUNT));
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
    double[] raw = parameters(detection);
    double[] smoothed = new double[VALUES];
    for (int i = 0; i < VALUES; i++) {
      smoothed[i] = filters[i].filter(raw[i], timestampMicros);
    }
    current = passThrough ? detection : face(smoothed, detection.score());
    return current;
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
   * Extrapolates the smoothed face to a later time at its filtered speed: each motion parameter
   * and shape value moves on at its own rate, so a turning face keeps turning.
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

  /**
   * A detection as the similarity motion of the reference shape that fits its landmarks best
   * (least squares), plus what that motion leaves: the shape's residual and the box, both in the
   * reference's frame.
   */
  private double[] parameters(DetectedFace face) {
    List<Point> p = face.landmarks().points();
    double cx = 0;
    double cy = 0;
    for (Point q : p) {
      cx += q.x() / Landmarks.COUNT;
      cy += q.y() / Landmarks.COUNT;
    }
    // p_k - c = [a -b; b a] r_k in least squares, r_k the reference shape (centred).
    double norm = 0;
    double dot = 0;
    double cross = 0;
    for (int k = 0; k < Landmarks.COUNT; k++) {
      double rx = reference[2 * k];
      double ry = reference[2 * k + 1];
      double ux = p.get(k).x() - cx;
      double uy = p.get(k).y() - cy;
      norm += rx * rx + ry * ry;
      dot += rx * ux + ry * uy;
      cross += rx * uy - ry * ux;
    }
    double a = norm > 1e-12 ? dot / norm : 1;
    double b = norm > 1e-12 ? cross / norm : 0;
    double scale = Math.max(1e-6, Math.hypot(a, b));
    double angle = Math.atan2(b, a);
    if (filters[TURN].primed()) {
      // Keep the angle continuous across +-pi: the filter must never see a 2 pi jump.
      double previous = filters[TURN].value() / radius;
      angle += 2 * Math.PI * Math.round((previous - angle) / (2 * Math.PI));
    }
    double[] v = new double[VALUES];
    v[X] = cx;
    v[Y] = cy;
    v[TURN] = radius * angle;
    v[ZOOM] = radius * Math.log(scale);
    double cos = Math.cos(angle) / scale;
    double sin = Math.sin(angle) / scale;
    for (int k = 0; k < Landmarks.COUNT; k++) {
      double ux = p.get(k).x() - cx;
      double uy = p.get(k).y() - cy;
      v[SHAPE + 2 * k] = cos * ux + sin * uy - reference[2 * k];
      v[SHAPE + 2 * k + 1] = -sin * ux + cos * uy - reference[2 * k + 1];
    }
    BoundingBox box = face.box();
    double ox = box.x() + box.width() / 2 - cx;
    double oy = box.y() + box.height() / 2 - cy;
    v[BOX_X] = cos * ox + sin * oy;
    v[BOX_Y] = -sin * ox + cos * oy;
    v[BOX_W] = box.width() / scale;
    v[BOX_H] = box.height() / scale;
    return v;
  }

  /** The face of a parameter vector: the reference shape plus its residual, moved by the motion. */
  private DetectedFace face(double[] v, double score) {
    double scale = Math.exp(v[ZOOM] / radius);
    double angle = v[TURN] / radius;
    double cos = Math.cos(angle) * scale;
    double sin = Math.sin(angle) * scale;
    double[] xy = new double[2 * Landmarks.COUNT];
    for (int k = 0; k < Landmarks.COUNT; k++) {
      double rx = reference[2 * k] + v[SHAPE + 2 * k];
      double ry = reference[2 * k + 1] + v[SHAPE + 2 * k + 1];
      xy[2 * k] = v[X] + cos * rx - sin * ry;
      xy[2 * k + 1] = v[Y] + sin * rx + cos * ry;
    }
    // Extrapolating a shrinking box far enough could make a side negative.
    double width = Math.max(0, v[BOX_W] * scale);
    double height = Math.max(0, v[BOX_H] * scale);
    double bx = v[X] + cos * v[BOX_X] - sin * v[BOX_Y];
    double by = v[Y] + sin * v[BOX_X] + cos * v[BOX_Y];
    return new DetectedFace(new BoundingBox(bx - width / 2, by - height / 2, width, height), Landmarks.of(xy),
        score);
  }
}
