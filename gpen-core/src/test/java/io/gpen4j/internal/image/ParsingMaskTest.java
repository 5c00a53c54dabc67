package io.gpen4j.internal.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class ParsingMaskTest {
  private static final int CLASSES = 4;

  /** Scores whose best class is {@code classAt(x, y)}, with seeded noise below the winner's margin. */
  private static float[] scores(int side, java.util.function.IntBinaryOperator classAt, long seed) {
    Random r = new Random(seed);
    float[] s = new float[CLASSES * side * side];
    for (int c = 0; c < CLASSES; c++) {
      for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
          float noise = (float) r.nextGaussian();
          s[(c * side + y) * side + x] = classAt.applyAsInt(x, y) == c ? 10f + noise : noise;
        }
      }
    }
    return s;
  }

  /**
   * A kept square block in the middle of the parser's map: the mask is 1 deep inside it (where the
   * square mask is 1), exactly 0 beyond the blur's reach, and never above the square mask.
   */
  @ParameterizedTest
  @CsvSource({"1, 512, 512", "2, 512, 256", "3, 128, 512", "4, 512, 1024"})
  void fromScores_keptBlock_isOneInsideZeroBeyondTheBlurAndBoundedBySquareMask(long seed, int side, int size) {
    int lo = side * 3 / 8;
    int hi = side * 5 / 8;
    float[] s = scores(side, (x, y) -> x >= lo && x < hi && y >= lo && y < hi ? 2 : (x < side / 8 ? 3 : 0), seed);
    FloatImage square = FeatherMask.create(size);

    FloatImage mask = ParsingMask.fromScores(s, CLASSES, side, new int[] {1, 2}, square);

    double scale = (double) size / side;
    double reach = GaussianBlur.radiusFor(ParsingMask.SIGMA_AT_512 * size / 512) + scale + 1;
    double blockLo = lo * scale;
    double blockHi = hi * scale;
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        float m = mask.get(0, x, y);
        assertTrue(m >= 0 && m <= square.get(0, x, y) + 1e-6f, "mask " + m + " at " + x + "," + y);
        double dx = Math.max(Math.max(blockLo - (x + 0.5), (x + 0.5) - blockHi), 0);
        double dy = Math.max(Math.max(blockLo - (y + 0.5), (y + 0.5) - blockHi), 0);
        if (Math.max(dx, dy) > reach) {
          assertEquals(0f, m, "outside the block at " + x + "," + y);
        }
      }
    }
    assertEquals(1f, mask.get(0, size / 2, size / 2), 1e-4f, "centre");
  }

  @Test
  void fromScores_noKeptClassPresent_isAllZero() {
    float[] s = scores(64, (x, y) -> 0, 5);
    FloatImage mask = ParsingMask.fromScores(s, CLASSES, 64, new int[] {1}, FeatherMask.create(64));
    for (float v : mask.data()) {
      assertEquals(0f, v);
    }
  }

  @Test
  void fromScores_nanOrInfinityAnywhere_returnsNull() {
    float[] s = scores(32, (x, y) -> 1, 6);
    s[CLASSES * 32 * 32 - 1] = Float.NaN;
    assertNull(ParsingMask.fromScores(s, CLASSES, 32, new int[] {1}, FeatherMask.create(32)));
    s[CLASSES * 32 * 32 - 1] = Float.NEGATIVE_INFINITY;
    assertNull(ParsingMask.fromScores(s, CLASSES, 32, new int[] {1}, FeatherMask.create(32)));
  }

  @Test
  void fromScores_rejectsMismatchedSizesAndClasses() {
    float[] s = new float[CLASSES * 16 * 16];
    FloatImage square = FeatherMask.create(16);
    assertThrows(IllegalArgumentException.class, () -> ParsingMask.fromScores(s, CLASSES, 15, new int[] {1}, square));
    assertThrows(IllegalArgumentException.class, () -> ParsingMask.fromScores(s, CLASSES, 16, new int[] {4}, square));
  }
}
