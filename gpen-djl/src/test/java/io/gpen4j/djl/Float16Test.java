package io.gpen4j.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

final class Float16Test {
  @Test
  void fromFloat_knownValues_giveIeeeBitPatterns() {
    assertEquals(0x3c00, Float16.fromFloat(1f) & 0xffff);
    assertEquals(0xc000, Float16.fromFloat(-2f) & 0xffff);
    assertEquals(0x7bff, Float16.fromFloat(65504f) & 0xffff);
    assertEquals(0x7c00, Float16.fromFloat(65520f) & 0xffff, "rounds up to infinity");
    assertEquals(0x0001, Float16.fromFloat(0x1p-24f) & 0xffff, "smallest subnormal");
    assertEquals(0x0000, Float16.fromFloat(0x1p-26f) & 0xffff, "underflows to zero");
    assertEquals(0x8000, Float16.fromFloat(-0f) & 0xffff);
    assertEquals(0x7c00, Float16.fromFloat(Float.POSITIVE_INFINITY) & 0xffff);
    assertEquals(0x3555, Float16.fromFloat(1f / 3) & 0xffff);
  }

  @Test
  void fromFloat_halfwayCases_roundToEven() {
    // 1 + 2^-11 lies halfway between 1 and the next half (1 + 2^-10): ties go to the even one, 1.
    assertEquals(0x3c00, Float16.fromFloat(1f + 0x1p-11f) & 0xffff);
    // 1 + 3 * 2^-11 lies halfway between 1 + 2^-10 (odd) and 1 + 2^-9 (even).
    assertEquals(0x3c02, Float16.fromFloat(1f + 3 * 0x1p-11f) & 0xffff);
  }

  @Test
  void toFloat_specialValues_survive() {
    assertTrue(Float.isNaN(Float16.toFloat(Float16.fromFloat(Float.NaN))));
    assertEquals(Float.NEGATIVE_INFINITY, Float16.toFloat(Float16.fromFloat(Float.NEGATIVE_INFINITY)));
    assertEquals(0x1p-24f, Float16.toFloat((short) 1));
    assertEquals(65504f, Float16.toFloat((short) 0x7bff));
  }

  @Test
  void toFloat_everyHalf_roundTripsExactly() {
    for (int h = 0; h < 0x10000; h++) {
      float f = Float16.toFloat((short) h);
      if (!Float.isNaN(f)) {
        assertEquals(h, Float16.fromFloat(f) & 0xffff, "half 0x" + Integer.toHexString(h));
      }
    }
  }

  @RepeatedTest(5)
  void fromFloat_randomValues_areWithinHalfAnUlp(RepetitionInfo info) {
    Random r = new Random(info.getCurrentRepetition());
    for (int i = 0; i < 10_000; i++) {
      float x = (float) ((r.nextDouble() * 2 - 1) * Math.pow(2, r.nextInt(30) - 14));
      float back = Float16.toFloat(Float16.fromFloat(x));
      // A half's spacing: 2^13 float ulps for normal halves, 2^-24 for subnormals.
      double ulp = Math.max(Math.ulp(Math.abs(x)) * (1 << 13), 0x1p-24);
      assertTrue(Math.abs(back - x) <= ulp / 2 + 1e-12, x + " -> " + back);
    }
  }
}
