package io.gpen4j;

/**
 * A point in image coordinates: x to the right, y down, in pixels, with pixel centres at integer
 * coordinates (the convention of OpenCV and of the GPEN templates).
 *
 * @param x the horizontal coordinate
 * @param y the vertical coordinate
 */
public record Point(double x, double y) {
  /**
   * Validates the coordinates.
   *
   * @throws IllegalArgumentException if a coordinate is NaN or infinite
   */
  public Point {
    if (!Double.isFinite(x) || !Double.isFinite(y)) {
      throw new IllegalArgumentException("point coordinates must be finite: (" + x + ", " + y + ")");
    }
  }

  /**
   * Returns the Euclidean distance to another point.
   *
   * @param other the other point
   * @return the distance in pixels
   */
  public double distanceTo(Point other) {
    return Math.hypot(x - other.x, y - other.y);
  }
}
