package io.gpen4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

final class SimilarityTransformTest {
  /** Standard deviation of the landmark noise, in pixels (a good detector's landmark error). */
  private static final double SIGMA = 1.5;

  /** Bounds at five standard deviations: a seeded case fails only if the estimator is wrong. */
  private static final double SIGMAS = 5;

  static IntStream seeds() {
    return IntStream.rangeClosed(1, 60);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void estimate_noiselessPoints_recoversTransformExactly(int seed) {
    Random rnd = new Random(seed);
    SimilarityTransform truth = randomTransform(rnd);
    List<Point> source = randomPoints(rnd, 5);
    List<Point> target = new ArrayList<>();
    for (Point p : source) {
      target.add(truth.apply(p));
    }
    SimilarityTransform est = SimilarityTransform.estimate(source, target);
    assertEquals(truth.a(), est.a(), 1e-9);
    assertEquals(truth.b(), est.b(), 1e-9);
    assertEquals(truth.tx(), est.tx(), 1e-6);
    assertEquals(truth.ty(), est.ty(), 1e-6);
  }

  /**
   * With Gaussian noise of deviation sigma on the n targets, least squares gives {@code a} and
   * {@code b} each a deviation of {@code sigma / sqrt(S)}, {@code S} the sum of squared distances of
   * the source points from their centroid (a = sum(p.q) / S, and sum(p.noise) has variance
   * sigma^2 S); the image of the source centroid is the target centroid, off by
   * {@code sigma / sqrt(n)} per axis. Scale and angle inherit the error of (a, b).
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void estimate_noisyPoints_recoversTransformWithinNoiseBound(int seed) {
    Random rnd = new Random(seed);
    SimilarityTransform truth = randomTransform(rnd);
    List<Point> source = randomPoints(rnd, 5);
    List<Point> target = new ArrayList<>();
    for (Point p : source) {
      Point q = truth.apply(p);
      target.add(new Point(q.x() + SIGMA * rnd.nextGaussian(), q.y() + SIGMA * rnd.nextGaussian()));
    }
    SimilarityTransform est = SimilarityTransform.estimate(source, target);

    Point centroid = centroid(source);
    double spread = 0;
    for (Point p : source) {
      double dx = p.x() - centroid.x();
      double dy = p.y() - centroid.y();
      spread += dx * dx + dy * dy;
    }
    double abTolerance = SIGMAS * SIGMA / Math.sqrt(spread);
    assertEquals(truth.a(), est.a(), abTolerance, "a");
    assertEquals(truth.b(), est.b(), abTolerance, "b");
    assertEquals(truth.scale(), est.scale(), Math.sqrt(2) * abTolerance, "scale");
    double angleError = Math.abs(Math.IEEEremainder(est.rotation() - truth.rotation(), 2 * Math.PI));
    assertTrue(angleError <= Math.sqrt(2) * abTolerance / truth.scale(), "rotation off by " + angleError);
    double centreTolerance = SIGMAS * SIGMA / Math.sqrt(source.size());
    Point expected = truth.apply(centroid);
    Point actual = est.apply(centroid);
    assertEquals(expected.x(), actual.x(), centreTolerance, "translation x (at the centroid)");
    assertEquals(expected.y(), actual.y(), centreTolerance, "translation y (at the centroid)");
    // The translation itself: centroid error plus the (a, b) error carried from the centroid to the origin.
    double tTolerance = centreTolerance + Math.sqrt(2) * abTolerance * Math.hypot(centroid.x(), centroid.y());
    assertEquals(truth.tx(), est.tx(), tTolerance, "tx");
    assertEquals(truth.ty(), est.ty(), tTolerance, "ty");
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void inverse_andCompose_obeyGroupLaws(int seed) {
    Random rnd = new Random(seed);
    SimilarityTransform t = randomTransform(rnd);
    SimilarityTransform u = randomTransform(rnd);
    Point p = new Point(1000 * rnd.nextDouble() - 500, 1000 * rnd.nextDouble() - 500);

    assertClose(p, t.inverse().apply(t.apply(p)), 1e-7);
    assertClose(p, t.apply(t.inverse().apply(p)), 1e-7);
    assertClose(u.apply(t.apply(p)), u.compose(t).apply(p), 1e-7);
    assertTransformClose(SimilarityTransform.IDENTITY, t.compose(t.inverse()));
    assertTransformClose(t, t.compose(SimilarityTransform.IDENTITY));
    assertTransformClose(t, SimilarityTransform.IDENTITY.compose(t));
    assertTransformClose(t.inverse().compose(u.inverse()), u.compose(t).inverse());
    assertTransformClose(t, t.inverse().inverse());
    assertEquals(1 / t.scale(), t.inverse().scale(), 1e-12);
    assertEquals(t.scale() * u.scale(), u.compose(t).scale(), 1e-9);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void toMatrix_appliesLikeApply(int seed) {
    Random rnd = new Random(seed);
    SimilarityTransform t = randomTransform(rnd);
    Point p = new Point(rnd.nextDouble() * 100, rnd.nextDouble() * 100);
    double[] m = t.toMatrix();
    assertClose(t.apply(p), new Point(m[0] * p.x() + m[1] * p.y() + m[2], m[3] * p.x() + m[4] * p.y() + m[5]), 1e-9);
  }

  @Test
  void of_buildsScaleAndRotation() {
    SimilarityTransform t = SimilarityTransform.of(2, Math.PI / 2, 3, 4);
    assertEquals(2, t.scale(), 1e-12);
    assertEquals(Math.PI / 2, t.rotation(), 1e-12);
    assertClose(new Point(3, 6), t.apply(new Point(1, 0)), 1e-12);
    assertArrayEquals(new double[] {2, 0, 0, 0, 2, 0}, SimilarityTransform.scaling(2).toMatrix(), 0);
  }

  @Test
  void estimate_twoPoints_isExact() {
    List<Point> src = List.of(new Point(0, 0), new Point(10, 0));
    List<Point> dst = List.of(new Point(5, 5), new Point(5, 25));
    SimilarityTransform t = SimilarityTransform.estimate(src, dst);
    assertEquals(2, t.scale(), 1e-12);
    assertEquals(Math.PI / 2, t.rotation(), 1e-12);
  }

  @Test
  void estimate_badInput_throws() {
    Point p = new Point(1, 2);
    Point q = new Point(3, 4);
    assertThrows(IllegalArgumentException.class, () -> SimilarityTransform.estimate(List.of(p), List.of(q)));
    assertThrows(IllegalArgumentException.class, () -> SimilarityTransform.estimate(List.of(), List.of()));
    assertThrows(IllegalArgumentException.class, () -> SimilarityTransform.estimate(List.of(p, p, p), List.of(p, q, q)));
    assertThrows(IllegalArgumentException.class, () -> SimilarityTransform.estimate(List.of(p, q), List.of(p, q, q)));
    assertThrows(NullPointerException.class, () -> SimilarityTransform.estimate(null, List.of(p)));
    assertThrows(NullPointerException.class, () -> SimilarityTransform.estimate(List.of(p), null));
  }

  @Test
  void constructor_rejectsZeroScaleAndNonFinite() {
    assertThrows(IllegalArgumentException.class, () -> new SimilarityTransform(0, 0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new SimilarityTransform(Double.NaN, 0, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new SimilarityTransform(1, 0, Double.POSITIVE_INFINITY, 1));
  }

  /** Scale 0.2 to 5, any angle, translation up to 600 px: face-to-template transforms and beyond. */
  private static SimilarityTransform randomTransform(Random rnd) {
    double scale = Math.exp(Math.log(0.2) + rnd.nextDouble() * Math.log(25));
    double angle = (2 * rnd.nextDouble() - 1) * Math.PI;
    return SimilarityTransform.of(scale, angle, 1200 * rnd.nextDouble() - 600, 1200 * rnd.nextDouble() - 600);
  }

  /** Points spread over a face-sized box somewhere in a large image. */
  private static List<Point> randomPoints(Random rnd, int n) {
    double ox = 2000 * rnd.nextDouble();
    double oy = 2000 * rnd.nextDouble();
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      points.add(new Point(ox + 150 * rnd.nextDouble(), oy + 150 * rnd.nextDouble()));
    }
    return points;
  }

  private static Point centroid(List<Point> points) {
    double x = 0;
    double y = 0;
    for (Point p : points) {
      x += p.x();
      y += p.y();
    }
    return new Point(x / points.size(), y / points.size());
  }

  private static void assertClose(Point expected, Point actual, double tolerance) {
    assertEquals(expected.x(), actual.x(), tolerance * Math.max(1, Math.abs(expected.x())), "x");
    assertEquals(expected.y(), actual.y(), tolerance * Math.max(1, Math.abs(expected.y())), "y");
  }

  /** Parameters within 1e-9 (a, b) and 1e-6 px (translations of up to a few thousand px). */
  private static void assertTransformClose(SimilarityTransform expected, SimilarityTransform actual) {
    assertEquals(expected.a(), actual.a(), 1e-9, "a");
    assertEquals(expected.b(), actual.b(), 1e-9, "b");
    assertEquals(expected.tx(), actual.tx(), 1e-6, "tx");
    assertEquals(expected.ty(), actual.ty(), 1e-6, "ty");
  }
}
