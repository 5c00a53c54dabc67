package io.gpen4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class HalfTest {
  @Test
  void fromFloat_everyHalfValue_roundTripsExactly() {
    for (int bits = 0; bits < 0x10000; bits++) {
      short h = (short) bits;
      float f = Half.toFloat(h);
      if (Float.isNaN(f)) {
        assertTrue(Float.isNaN(Half.toFloat(Half.fromFloat(f))), "NaN 0x" + Integer.toHexString(bits));
        continue;
      }
      assertEquals(h, Half.fromFloat(f), "half 0x" + Integer.toHexString(bits) + " = " + f);
    }
  }

  @Test
  void fromFloat_knownValues_matchIeeeEncoding() {
    assertEquals((short) 0x3C00, Half.fromFloat(1f));
    assertEquals((short) 0xC000, Half.fromFloat(-2f));
    assertEquals((short) 0x7BFF, Half.fromFloat(65504f));
    assertEquals((short) 0x0400, Half.fromFloat(0x1p-14f));
    assertEquals((short) 0x0001, Half.fromFloat(0x1p-24f));
    assertEquals((short) 0x7C00, Half.fromFloat(Float.POSITIVE_INFINITY));
    assertEquals((short) 0x8000, Half.fromFloat(-0f));
    // 1 + 2^-11 lies halfway between 1 and 1 + 2^-10: ties go to the even mantissa (1).
    assertEquals((short) 0x3C00, Half.fromFloat(1f + 0x1p-11f));
    // 1 + 3 * 2^-11 lies halfway between 1 + 2^-10 and 1 + 2^-9: the even one is 1 + 2^-9.
    assertEquals((short) 0x3C02, Half.fromFloat(1f + 3 * 0x1p-11f));
  }

  @ParameterizedTest
  @ValueSource(floats = {1e5f, 65520f, 3.4e38f})
  void fromFloat_beyondRange_clampsToLargestFinite(float big) {
    assertEquals(Half.MAX_VALUE, Half.toFloat(Half.fromFloat(big)));
    assertEquals(-Half.MAX_VALUE, Half.toFloat(Half.fromFloat(-big)));
  }

  @ParameterizedTest
  @ValueSource(floats = {1e-8f, 1e-30f, Float.MIN_VALUE})
  void fromFloat_tinyNonZero_clampsToSmallestSubnormal(float tiny) {
    assertEquals(Half.MIN_VALUE, Half.toFloat(Half.fromFloat(tiny)));
    assertEquals(-Half.MIN_VALUE, Half.toFloat(Half.fromFloat(-tiny)));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void fromFloat_randomInRange_isNearestHalfTiesToEven(long seed) {
    Random r = new Random(seed);
    for (int i = 0; i < 20_000; i++) {
      // Magnitudes from 2^-24 to 2^15, both signs: subnormal and normal halves.
      float f = (float) (Math.scalb(1.0 + r.nextDouble(), r.nextInt(40) - 24) * (r.nextBoolean() ? 1 : -1));
      if (Math.abs(f) > Half.MAX_VALUE) {
        continue;
      }
      short h = Half.fromFloat(f);
      double err = Math.abs((double) Half.toFloat(h) - f);
      for (int d = -1; d <= 1; d += 2) {
        short neighbour = (short) (h + d);
        float nf = Half.toFloat(neighbour);
        if (Float.isNaN(nf) || Float.isInfinite(nf) || Math.signum(nf) != Math.signum(f) && nf != 0) {
          continue;
        }
        double nerr = Math.abs((double) nf - f);
        assertTrue(err < nerr || (err == nerr && (h & 1) == 0),
            f + " -> " + Half.toFloat(h) + " but neighbour " + nf + " is nearer or even");
      }
    }
  }
}
