package io.gpen4j;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the five landmarks of an aligned face sit in a square model crop. A generator is trained
 * on faces aligned to one template; feeding it another changes the face's scale in the crop.
 *
 * <p>Points are stored as fractions of the crop side and scaled to the model's size; see
 * {@code docs/REFERENCE.md} §4 for their sources.
 */
public enum AlignmentTemplate {
  /**
   * GPEN's own template (its repository and ModelScope's pipeline): the 96x112 SphereFace points,
   * shifted 8 px right to a 112 square, padded by 28 px on each side to 168, then scaled. The eyes
   * are 0.210 of the crop apart. The default.
   */
  GPEN(
      (30.2946 + 36) / 168, (51.6963 + 28) / 168,
      (65.5318 + 36) / 168, (51.5014 + 28) / 168,
      (48.0252 + 36) / 168, (71.7366 + 28) / 168,
      (33.5493 + 36) / 168, (92.3655 + 28) / 168,
      (62.7299 + 36) / 168, (92.2041 + 28) / 168),
  /** The FFHQ template of facexlib (used by facefusion for GPEN-512 and up): eyes 0.246 apart. */
  FFHQ(
      192.98138 / 512, 239.94708 / 512,
      318.90277 / 512, 240.1936 / 512,
      256.63416 / 512, 314.01935 / 512,
      201.26117 / 512, 371.41043 / 512,
      313.08905 / 512, 371.15118 / 512),
  /** ArcFace's 112 template on a 128 square (facefusion feeds GPEN-256 this): eyes 0.275 apart. */
  ARCFACE_128(
      (38.2946 + 8) / 128, 51.6963 / 128,
      (73.5318 + 8) / 128, 51.5014 / 128,
      (56.0252 + 8) / 128, 71.7366 / 128,
      (41.5493 + 8) / 128, 92.3655 / 128,
      (70.7299 + 8) / 128, 92.2041 / 128);

  private final double[] fractions;

  AlignmentTemplate(double... fractions) {
    this.fractions = fractions;
  }

  /**
   * Returns the template's landmarks for a square crop of the given side.
   *
   * @param size the crop side in pixels, positive
   * @return the five points in landmark order
   * @throws IllegalArgumentException if {@code size} is not positive
   */
  public Landmarks landmarks(int size) {
    if (size <= 0) {
      throw new IllegalArgumentException("size must be positive: " + size);
    }
    List<Point> points = new ArrayList<>(Landmarks.COUNT);
    for (int i = 0; i < Landmarks.COUNT; i++) {
      points.add(new Point(fractions[2 * i] * size, fractions[2 * i + 1] * size));
    }
    return Landmarks.of(points);
  }

  /**
   * Returns the distance between the eyes as a fraction of the crop side.
   *
   * @return the eye distance ratio
   */
  public double eyeDistanceRatio() {
    return Math.hypot(fractions[2] - fractions[0], fractions[3] - fractions[1]);
  }
}
