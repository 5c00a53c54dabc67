package io.gpen4j;

import java.util.List;
import java.util.Objects;

/**
 * A 2-D similarity transform: rotation, uniform scale and translation, without reflection.
 *
 * <p>It maps {@code (x, y)} to {@code (a*x - b*y + tx, b*x + a*y + ty)}, which is the 2x3 affine
 * matrix {@code [[a, -b, tx], [b, a, ty]]} as OpenCV's {@code warpAffine} takes it. The alignment
 * transform of a restored face maps source-image coordinates to the model's crop.
 *
 * @param a the scale times the cosine of the rotation
 * @param b the scale times the sine of the rotation
 * @param tx the horizontal translation
 * @param ty the vertical translation
 */
public record SimilarityTransform(double a, double b, double tx, double ty) {
  /** The transform that maps every point to itself. */
  public static final SimilarityTransform IDENTITY = new SimilarityTransform(1, 0, 0, 0);

  /**
   * Validates the parameters.
   *
   * @throws IllegalArgumentException if a value is not finite or the scale is zero
   */
  public SimilarityTransform {
    if (!Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(tx) || !Double.isFinite(ty)) {
      throw new IllegalArgumentException(
          "transform parameters must be finite: " + a + ", " + b + ", " + tx + ", " + ty);
    }
    if (a == 0 && b == 0) {
      throw new IllegalArgumentException("transform scale must not be zero");
    }
  }

  /**
   * Returns the transform that scales about the origin.
   *
   * @param factor the scale, positive
   * @return the scaling
   */
  public static SimilarityTransform scaling(double factor) {
    return new SimilarityTransform(factor, 0, 0, 0);
  }

  /**
   * Builds a transform from a scale, a rotation and a translation (applied in that order).
   *
   * @param scale the scale, positive
   * @param radians the counter-clockwise rotation in a y-up frame (clockwise on screen)
   * @param tx the horizontal translation
   * @param ty the vertical translation
   * @return the transform
   */
  public static SimilarityTransform of(double scale, double radians, double tx, double ty) {
    return new SimilarityTransform(scale * Math.cos(radians), scale * Math.sin(radians), tx, ty);
  }

  /**
   * Estimates the similarity transform that maps {@code source} onto {@code target} with the least
   * squared error (Umeyama 1991, "Least-squares estimation of transformation parameters between two
   * point patterns", restricted to 2-D without reflection, where it has a closed form).
   *
   * @param source the points to map, at least two, not all equal
   * @param target the points they should land on, as many as {@code source}
   * @return the best transform
   * @throws IllegalArgumentException if the lists differ in size, have fewer than two points, or the
   *     source points all coincide
   */
  public static SimilarityTransform estimate(List<Point> source, List<Point> target) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    int n = source.size();
    if (n != target.size()) {
      throw new IllegalArgumentException(
          "source and target differ in size: " + n + " vs " + target.size());
    }
    if (n < 2) {
      throw new IllegalArgumentException("need at least 2 point pairs, got " + n);
    }
    double sx = 0, sy = 0, dx = 0, dy = 0;
    for (int i = 0; i < n; i++) {
      sx += source.get(i).x();
      sy += source.get(i).y();
      dx += target.get(i).x();
      dy += target.get(i).y();
    }
    sx /= n;
    sy /= n;
    dx /= n;
    dy /= n;
    double norm = 0, dot = 0, cross = 0;
    for (int i = 0; i < n; i++) {
      double px = source.get(i).x() - sx;
      double py = source.get(i).y() - sy;
      double qx = target.get(i).x() - dx;
      double qy = target.get(i).y() - dy;
      norm += px * px + py * py;
      dot += px * qx + py * qy;
      cross += px * qy - py * qx;
    }
    if (norm < 1e-12) {
      throw new IllegalArgumentException("source points coincide; no transform is defined");
    }
    double a = dot / norm;
    double b = cross / norm;
    return new SimilarityTransform(a, b, dx - (a * sx - b * sy), dy - (b * sx + a * sy));
  }

  /**
   * Returns the uniform scale factor.
   *
   * @return {@code sqrt(a*a + b*b)}
   */
  public double scale() {
    return Math.hypot(a, b);
  }

  /**
   * Returns the rotation angle.
   *
   * @return the angle in radians, in (-pi, pi]
   */
  public double rotation() {
    return Math.atan2(b, a);
  }

  /**
   * Applies the transform to a point.
   *
   * @param p the point
   * @return the transformed point
   */
  public Point apply(Point p) {
    return new Point(a * p.x() - b * p.y() + tx, b * p.x() + a * p.y() + ty);
  }

  /**
   * Returns the inverse transform.
   *
   * @return the transform that undoes this one
   */
  public SimilarityTransform inverse() {
    double d = a * a + b * b;
    double ia = a / d;
    double ib = -b / d;
    return new SimilarityTransform(ia, ib, -(ia * tx - ib * ty), -(ib * tx + ia * ty));
  }

  /**
   * Returns the transform that applies {@code first}, then this one.
   *
   * @param first the transform applied first
   * @return {@code this ∘ first}
   */
  public SimilarityTransform compose(SimilarityTransform first) {
    return new SimilarityTransform(
        a * first.a - b * first.b,
        b * first.a + a * first.b,
        a * first.tx - b * first.ty + tx,
        b * first.tx + a * first.ty + ty);
  }

  /**
   * Returns the 2x3 matrix in row-major order, as OpenCV's {@code warpAffine} takes it.
   *
   * @return {@code {a, -b, tx, b, a, ty}}
   */
  public double[] toMatrix() {
    return new double[] {a, -b, tx, b, a, ty};
  }
}
