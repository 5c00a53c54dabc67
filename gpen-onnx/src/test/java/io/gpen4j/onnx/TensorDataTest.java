package io.gpen4j.onnx;

import io.gpen4j.onnxformat.rewrite.FloatTensors;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.platform.Fp16Conversions;
import io.gpen4j.onnxformat.OnnxFields.DataType;
import io.gpen4j.onnxformat.OnnxFields.Tensor;
import io.gpen4j.onnxformat.ProtoMessage;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Float16 weights: ONNX Runtime's {@link Fp16Conversions} does the rounding (checked here against
 * IEEE 754 where the converter depends on it), {@link TensorData#weightToFloat16} the clamping.
 */
final class TensorDataTest {
  private static float roundTrip(float value) {
    return Fp16Conversions.fp16ToFloat(TensorData.weightToFloat16(value));
  }

  @Test
  void weightToFloat16_everyFiniteHalf_roundTripsExactly() {
    for (int bits = 0; bits < 0x10000; bits++) {
      float f = Fp16Conversions.fp16ToFloat((short) bits);
      if (Float.isNaN(f)) {
        assertTrue(Float.isNaN(roundTrip(f)), "NaN 0x" + Integer.toHexString(bits));
        continue;
      }
      assertEquals((short) bits, TensorData.weightToFloat16(f), "half 0x" + Integer.toHexString(bits) + " = " + f);
    }
  }

  @Test
  void weightToFloat16_knownValues_matchIeeeEncoding() {
    assertEquals((short) 0x3C00, TensorData.weightToFloat16(1f));
    assertEquals((short) 0xC000, TensorData.weightToFloat16(-2f));
    assertEquals((short) 0x7BFF, TensorData.weightToFloat16(65504f));
    assertEquals((short) 0x0400, TensorData.weightToFloat16(0x1p-14f), "smallest normal");
    assertEquals((short) 0x0001, TensorData.weightToFloat16(0x1p-24f), "smallest subnormal");
    assertEquals((short) 0x0003, TensorData.weightToFloat16(3 * 0x1p-24f), "a subnormal");
    assertEquals((short) 0x3555, TensorData.weightToFloat16(1f / 3));
    assertEquals((short) 0x0000, TensorData.weightToFloat16(0f));
    assertEquals((short) 0x8000, TensorData.weightToFloat16(-0f));
    assertEquals((short) 0x7C00, TensorData.weightToFloat16(Float.POSITIVE_INFINITY));
    assertEquals((short) 0xFC00, TensorData.weightToFloat16(Float.NEGATIVE_INFINITY));
    assertTrue(Float.isNaN(roundTrip(Float.NaN)));
  }

  @Test
  void weightToFloat16_halfwayCases_roundToEven() {
    // 1 + 2^-11 lies halfway between 1 and 1 + 2^-10: ties go to the even mantissa (1).
    assertEquals((short) 0x3C00, TensorData.weightToFloat16(1f + 0x1p-11f));
    // 1 + 3 * 2^-11 lies halfway between 1 + 2^-10 and 1 + 2^-9: the even one is 1 + 2^-9.
    assertEquals((short) 0x3C02, TensorData.weightToFloat16(1f + 3 * 0x1p-11f));
    // The same among subnormals: 2.5 * 2^-24 goes to 2 * 2^-24, 3.5 * 2^-24 to 4 * 2^-24.
    assertEquals((short) 0x0002, TensorData.weightToFloat16(2.5f * 0x1p-24f));
    assertEquals((short) 0x0004, TensorData.weightToFloat16(3.5f * 0x1p-24f));
  }

  @ParameterizedTest
  @ValueSource(floats = {65520f, 1e5f, 3.4e38f})
  void weightToFloat16_beyondRange_clampsToLargestFinite(float big) {
    assertEquals(TensorData.FLOAT16_MAX, roundTrip(big));
    assertEquals(-TensorData.FLOAT16_MAX, roundTrip(-big));
  }

  @ParameterizedTest
  @ValueSource(floats = {1e-8f, 0x1p-25f, 1e-30f, Float.MIN_VALUE})
  void weightToFloat16_tinyNonZero_clampsToSmallestSubnormal(float tiny) {
    assertEquals(TensorData.FLOAT16_MIN, roundTrip(tiny));
    assertEquals(-TensorData.FLOAT16_MIN, roundTrip(-tiny));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void weightToFloat16_randomInRange_isNearestHalfTiesToEven(long seed) {
    Random r = new Random(seed);
    for (int i = 0; i < 20_000; i++) {
      // Magnitudes from 2^-24 to 2^15, both signs: subnormal and normal halves.
      float f = (float) (Math.scalb(1.0 + r.nextDouble(), r.nextInt(40) - 24) * (r.nextBoolean() ? 1 : -1));
      if (Math.abs(f) > TensorData.FLOAT16_MAX) {
        continue;
      }
      short h = TensorData.weightToFloat16(f);
      double err = Math.abs((double) Fp16Conversions.fp16ToFloat(h) - f);
      for (int d = -1; d <= 1; d += 2) {
        float nf = Fp16Conversions.fp16ToFloat((short) (h + d));
        if (Float.isNaN(nf) || Float.isInfinite(nf) || Math.signum(nf) != Math.signum(f) && nf != 0) {
          continue;
        }
        double nerr = Math.abs((double) nf - f);
        assertTrue(err < nerr || (err == nerr && (h & 1) == 0),
            f + " -> " + Fp16Conversions.fp16ToFloat(h) + " but neighbour " + nf + " is nearer or even");
      }
    }
  }

  @Test
  void toFloat16_thenFloat16s_givesTheClampedNearestHalves() {
    float[] values = {0.1f, -1e-9f, 70000f, 1f / 3, 0f};
    ProtoMessage half = TensorData.toFloat16(FloatTensors.floatTensor("w", new long[] {5}, values));
    assertEquals(DataType.FLOAT16, half.varint(Tensor.DATA_TYPE, 0));
    assertEquals("w", half.string(Tensor.NAME));
    assertEquals(10, half.field(Tensor.RAW_DATA).orElseThrow().length());
    float[] expected = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      expected[i] = roundTrip(values[i]);
    }
    assertArrayEquals(expected, TensorData.float16s(half));
    assertEquals(-TensorData.FLOAT16_MIN, expected[1]);
    assertEquals(TensorData.FLOAT16_MAX, expected[2]);
  }
}
