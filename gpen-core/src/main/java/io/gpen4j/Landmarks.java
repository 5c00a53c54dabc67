package io.gpen4j;

import java.util.List;
import java.util.Objects;

/**
 * The five facial landmarks every supported detector gives and every alignment template uses,
 * as seen in the image (the subject's right eye is the image's left eye).
 *
 * @param leftEye the eye on the image's left
 * @param rightEye the eye on the image's right
 * @param nose the tip of the nose
 * @param leftMouth the mouth corner on the image's left
 * @param rightMouth the mouth corner on the image's right
 */
public record Landmarks(Point leftEye, Point rightEye, Point nose, Point leftMouth, Point rightMouth) {
  /** The number of landmarks. */
  public static final int COUNT = 5;

  /**
   * Validates that no landmark is missing.
   *
   * @throws NullPointerException if a landmark is null
   */
  public Landmarks {
    Objects.requireNonNull(leftEye, "leftEye");
    Objects.requireNonNull(rightEye, "rightEye");
    Objects.requireNonNull(nose, "nose");
    Objects.requireNonNull(leftMouth, "leftMouth");
    Objects.requireNonNull(rightMouth, "rightMouth");
  }

  /**
   * Creates landmarks from five points in the canonical order.
   *
   * @param points left eye, right eye, nose, left mouth corner, right mouth corner
   * @return the landmarks
   * @throws IllegalArgumentException if there are not exactly five points
   */
  public static Landmarks of(List<Point> points) {
    if (points.size() != COUNT) {
      throw new IllegalArgumentException("expected 5 landmarks, got " + points.size());
    }
    return new Landmarks(points.get(0), points.get(1), points.get(2), points.get(3), points.get(4));
  }

  /**
   * Creates landmarks from ten numbers {@code x0, y0, x1, y1, ...} in the canonical order.
   *
   * @param xy ten coordinates
   * @return the landmarks
   * @throws IllegalArgumentException if there are not exactly ten coordinates
   */
  public static Landmarks of(double... xy) {
    if (xy.length != 2 * COUNT) {
      throw new IllegalArgumentException("expected 10 coordinates, got " + xy.length);
    }
    return new Landmarks(
        new Point(xy[0], xy[1]),
        new Point(xy[2], xy[3]),
        new Point(xy[4], xy[5]),
        new Point(xy[6], xy[7]),
        new Point(xy[8], xy[9]));
  }

  /**
   * Returns the landmarks as a list in the canonical order.
   *
   * @return an immutable list of five points
   */
  public List<Point> points() {
    return List.of(leftEye, rightEye, nose, leftMouth, rightMouth);
  }

  /**
   * Returns these landmarks transformed by a similarity transform.
   *
   * @param transform the transform to apply
   * @return the transformed landmarks
   */
  public Landmarks transform(SimilarityTransform transform) {
    return new Landmarks(
        transform.apply(leftEye),
        transform.apply(rightEye),
        transform.apply(nose),
        transform.apply(leftMouth),
        transform.apply(rightMouth));
  }
}
