package io.gpen4j;

/**
 * An axis-aligned rectangle in image coordinates.
 *
 * @param x the left edge
 * @param y the top edge
 * @param width the width, not negative
 * @param height the height, not negative
 */
public record BoundingBox(double x, double y, double width, double height) {
  /**
   * Validates the rectangle.
   *
   * @throws IllegalArgumentException if a value is not finite or a side is negative
   */
  public BoundingBox {
    if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(width) || !Double.isFinite(height)) {
      throw new IllegalArgumentException(
          "box values must be finite: " + x + ", " + y + ", " + width + ", " + height);
    }
    if (width < 0 || height < 0) {
      throw new IllegalArgumentException("box sides must not be negative: " + width + " x " + height);
    }
  }

  /**
   * Creates a box from its corners.
   *
   * @param x0 the left edge
   * @param y0 the top edge
   * @param x1 the right edge, not less than {@code x0}
   * @param y1 the bottom edge, not less than {@code y0}
   * @return the box
   */
  public static BoundingBox ofCorners(double x0, double y0, double x1, double y1) {
    return new BoundingBox(x0, y0, x1 - x0, y1 - y0);
  }

  /** Returns the right edge. @return {@code x + width} */
  public double maxX() {
    return x + width;
  }

  /** Returns the bottom edge. @return {@code y + height} */
  public double maxY() {
    return y + height;
  }

  /** Returns the area. @return {@code width * height} */
  public double area() {
    return width * height;
  }

  /** Returns the centre. @return the centre point */
  public Point center() {
    return new Point(x + width / 2, y + height / 2);
  }

  /**
   * Returns the intersection over union with another box.
   *
   * @param other the other box
   * @return a value in [0, 1]; 0 when the boxes do not overlap
   */
  public double iou(BoundingBox other) {
    double ix = Math.min(maxX(), other.maxX()) - Math.max(x, other.x);
    double iy = Math.min(maxY(), other.maxY()) - Math.max(y, other.y);
    if (ix <= 0 || iy <= 0) {
      return 0;
    }
    double inter = ix * iy;
    return inter / (area() + other.area() - inter);
  }

  /**
   * Returns this box scaled about the origin, as when mapping from a resized image.
   *
   * @param factor the scale factor, positive
   * @return the scaled box
   */
  public BoundingBox scale(double factor) {
    return new BoundingBox(x * factor, y * factor, width * factor, height * factor);
  }

  /**
   * Returns whether a point lies inside or on the edge of this box.
   *
   * @param p the point
   * @return true if inside
   */
  public boolean contains(Point p) {
    return p.x() >= x && p.x() <= maxX() && p.y() >= y && p.y() <= maxY();
  }
}
