package io.gpen4j.internal.image;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class ResampleTapsTest {
  @Test
  void triangle_scaleOne_isTheIdentity() {
    ResampleTaps w = ResampleTaps.region(ResampleFilter.TRIANGLE, 10, 1.0, 3, 20);
    for (int i = 0; i < 10; i++) {
      assertEquals(i + 3, w.first(i) + indexOfMax(w, i), "output " + i);
      assertEquals(1f, w.weight(i, indexOfMax(w, i)), 1e-6);
    }
  }

  /** Halving: output i's centre is source 2i + 0.5, a tent of radius 2 gives 1/8, 3/8, 3/8, 1/8. */
  @Test
  void triangle_halfScale_isATentOverFourPixels() {
    ResampleTaps w = ResampleTaps.region(ResampleFilter.TRIANGLE, 5, 0.5, 0, 10);
    assertAll(
        () -> assertEquals(3, w.first(2)),
        () -> assertEquals(4, w.count(2)),
        () -> assertEquals(0.125f, w.weight(2, 0), 1e-6),
        () -> assertEquals(0.375f, w.weight(2, 1), 1e-6),
        () -> assertEquals(0.375f, w.weight(2, 2), 1e-6),
        () -> assertEquals(0.125f, w.weight(2, 3), 1e-6));
  }

  /** Doubling is bilinear interpolation: output 3's centre is source 1.25. */
  @Test
  void triangle_doubleScale_isBilinear() {
    ResampleTaps w = ResampleTaps.region(ResampleFilter.TRIANGLE, 8, 2.0, 0, 4);
    assertAll(
        () -> assertEquals(1, w.first(3)),
        () -> assertEquals(0.75f, w.weight(3, 0), 1e-6),
        () -> assertEquals(0.25f, w.weight(3, 1), 1e-6));
  }

  @ParameterizedTest
  @ValueSource(longs = {31, 32, 33, 34})
  void triangle_anyScale_weightsArePositiveSumToOneAndStayInTheSource(long seed) {
    Random random = new Random(seed);
    for (int trial = 0; trial < 50; trial++) {
      int source = 1 + random.nextInt(500);
      double scale = 0.02 + random.nextDouble() * 4;
      int out = Math.max(1, (int) Math.round(source * scale));
      ResampleTaps w = ResampleTaps.region(ResampleFilter.TRIANGLE, out, scale, 0, source);
      for (int i = 0; i < out; i++) {
        double sum = 0;
        for (int k = 0; k < w.count(i); k++) {
          assertTrue(w.weight(i, k) >= 0);
          sum += w.weight(i, k);
        }
        assertEquals(1.0, sum, 1e-5, "output " + i + " of " + out + " at scale " + scale);
        assertTrue(w.first(i) >= 0 && w.first(i) + w.count(i) <= source);
      }
    }
  }

  /** Shrinking 10 to 4 by area: output 1 covers source [2.5, 5.0), so half of 2 and all of 3 and 4. */
  @Test
  void area_shrink_weighsByOverlap() {
    ResampleTaps w = ResampleTaps.resize(ResampleFilter.AREA, 10, 4);
    assertAll(
        () -> assertEquals(2, w.first(1)),
        () -> assertEquals(3, w.count(1)),
        () -> assertEquals(0.2f, w.weight(1, 0), 1e-6),
        () -> assertEquals(0.4f, w.weight(1, 1), 1e-6),
        () -> assertEquals(0.4f, w.weight(1, 2), 1e-6));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 64})
  void growing_bothFiltersAreTheSameBilinear(int source) {
    for (int out : new int[] {source, source + 1, 2 * source + 3, 5 * source}) {
      ResampleTaps area = ResampleTaps.resize(ResampleFilter.AREA, source, out);
      ResampleTaps tent = ResampleTaps.resize(ResampleFilter.TRIANGLE, source, out);
      for (int i = 0; i < out; i++) {
        double a = 0;
        double t = 0;
        for (int k = 0; k < area.count(i); k++) {
          a += (area.first(i) + k) * area.weight(i, k);
        }
        for (int k = 0; k < tent.count(i); k++) {
          t += (tent.first(i) + k) * tent.weight(i, k);
        }
        assertEquals(a, t, 1e-5, "output " + i + " of " + out);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {41, 42, 43})
  void area_anyShrink_weightsSumToOneAndStayInTheSource(long seed) {
    Random random = new Random(seed);
    for (int trial = 0; trial < 50; trial++) {
      int source = 2 + random.nextInt(500);
      int out = 1 + random.nextInt(source - 1);
      ResampleTaps w = ResampleTaps.resize(ResampleFilter.AREA, source, out);
      for (int i = 0; i < out; i++) {
        double sum = 0;
        for (int k = 0; k < w.count(i); k++) {
          assertTrue(w.weight(i, k) > 0);
          sum += w.weight(i, k);
        }
        assertEquals(1.0, sum, 1e-5);
        assertTrue(w.first(i) >= 0 && w.first(i) + w.count(i) <= source);
      }
    }
  }

  private static int indexOfMax(ResampleTaps w, int i) {
    int best = 0;
    for (int k = 1; k < w.count(i); k++) {
      if (w.weight(i, k) > w.weight(i, best)) {
        best = k;
      }
    }
    return best;
  }
}
