package io.gpen4j.idphoto;

/**
 * A closed range of lengths in millimetres, such as a specification's allowed head height.
 *
 * @param min the smallest allowed value, in mm
 * @param max the largest allowed value, in mm, at least {@code min}
 */
public record MmRange(double min, double max) {
  /**
   * Validates the range.
   *
   * @throws IllegalArgumentException if a bound is negative or not finite, or {@code min > max}
   */
  public MmRange {
    if (!Double.isFinite(min) || !Double.isFinite(max) || min < 0 || min > max) {
      throw new IllegalArgumentException("a range needs 0 <= min <= max: [" + min + ", " + max + "]");
    }
  }

  /**
   * Returns the middle of the range: where the crop aims.
   *
   * @return (min + max) / 2, in mm
   */
  public double middle() {
    return (min + max) / 2;
  }

  /**
   * Tells whether a value lies in the range, allowing a tolerance for the pixel grid.
   *
   * @param mm the value
   * @param toleranceMm how far outside still counts as inside
   * @return whether {@code min - tolerance <= mm <= max + tolerance}
   */
  public boolean contains(double mm, double toleranceMm) {
    return mm >= min - toleranceMm && mm <= max + toleranceMm;
  }

  @Override
  public String toString() {
    return fmt(min) + "-" + fmt(max) + " mm";
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
  }
}
