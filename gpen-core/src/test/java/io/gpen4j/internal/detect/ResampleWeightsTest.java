package io.gpen4j.internal.detect;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class ResampleWeightsTest {
  @Test
  void compute_scaleOne_isTheIdentity() {
    ResampleWeights w = ResampleWeights.compute(10, 1.0, 3, 20);
    for (int i = 0; i < 10; i++) {
      assertEquals(i + 3, w.first(i) + indexOfMax(w, i), "output " + i);
      assertEquals(1f, w.weight(i, indexOfMax(w, i)), 1e-6);
    }
  }

  /** Halving: output i's centre is source 2i + 0.5, a tent of radius 2 gives 1/8, 3/8, 3/8, 1/8. */
  @Test
  void compute_halfScale_isATentOverFourPixels() {
    ResampleWeights w = ResampleWeights.compute(5, 0.5, 0, 10);
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
  void compute_doubleScale_isBilinear() {
    ResampleWeights w = ResampleWeights.compute(8, 2.0, 0, 4);
    assertAll(
        () -> assertEquals(1, w.first(3)),
        () -> assertEquals(0.75f, w.weight(3, 0), 1e-6),
        () -> assertEquals(0.25f, w.weight(3, 1), 1e-6));
  }

  @ParameterizedTest
  @ValueSource(longs = {31, 32, 33, 34})
  void compute_anyScale_weightsArePositiveSumToOneAndStayInTheSource(long seed) {
    Random random = new Random(seed);
    for (int trial = 0; trial < 50; trial++) {
      int source = 1 + random.nextInt(500);
      double scale = 0.02 + random.nextDouble() * 4;
      int out = Math.max(1, (int) Math.round(source * scale));
      ResampleWeights w = ResampleWeights.compute(out, scale, 0, source);
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

  private static int indexOfMax(ResampleWeights w, int i) {
    int best = 0;
    for (int k = 1; k < w.count(i); k++) {
      if (w.weight(i, k) > w.weight(i, best)) {
        best = k;
      }
    }
    return best;
  }
}
