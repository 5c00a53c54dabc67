package io.gpen4j.onnx;

/**
 * Converts between float32 and IEEE 754 binary16 ("half") bit patterns. Java 17 has no
 * {@code Float.floatToFloat16}; this follows the same rules (round to nearest, ties to even) with
 * one difference made for weights: finite values never become infinite or zero.
 */
final class Half {
  /** The largest finite half, 65504. */
  static final float MAX_VALUE = 65504f;
  /** The smallest positive half (a subnormal), 2^-24. */
  static final float MIN_VALUE = 0x1p-24f;

  private static final int FLOAT_ABS_MAX_HALF = 0x477FE000; // 65504 as float bits
  private static final int FLOAT_ABS_MIN_NORMAL_HALF = 0x38800000; // 2^-14
  private static final int FLOAT_ABS_MIN_HALF = 0x33800000; // 2^-24

  private Half() {}

  /**
   * Returns the half nearest to {@code value}, ties to even. Finite values beyond the half range
   * clamp to +-65504 and non-zero values below the smallest half to +-2^-24, so that a large
   * weight does not turn into infinity and a small epsilon (1e-8 in a normalisation) does not
   * turn into a division by zero. Infinities and NaN are kept.
   */
  static short fromFloat(float value) {
    int bits = Float.floatToRawIntBits(value);
    int sign = (bits >>> 16) & 0x8000;
    int abs = bits & 0x7FFFFFFF;
    if (abs >= 0x7F800000) {
      int nan = abs > 0x7F800000 ? 0x0200 | ((abs >>> 13) & 0x03FF) : 0;
      return (short) (sign | 0x7C00 | nan);
    }
    if (abs > FLOAT_ABS_MAX_HALF) {
      return (short) (sign | 0x7BFF);
    }
    if (abs < FLOAT_ABS_MIN_NORMAL_HALF) {
      if (abs == 0) {
        return (short) sign;
      }
      if (abs < FLOAT_ABS_MIN_HALF) {
        return (short) (sign | 1);
      }
      // Subnormal half: count units of 2^-24. A carry into 0x0400 correctly yields the
      // smallest normal half.
      int exponent = abs >>> 23;
      int mantissa = (abs & 0x007FFFFF) | 0x00800000;
      int shift = 126 - exponent;
      return (short) (sign | roundShift(mantissa, shift));
    }
    int h = ((abs >>> 23) - 127 + 15) << 10 | (abs & 0x007FFFFF) >>> 13;
    int rest = abs & 0x1FFF;
    if (rest > 0x1000 || (rest == 0x1000 && (h & 1) != 0)) {
      h++;
    }
    return (short) (sign | h);
  }

  private static int roundShift(int value, int shift) {
    int q = value >>> shift;
    int rest = value & ((1 << shift) - 1);
    int halfway = 1 << (shift - 1);
    if (rest > halfway || (rest == halfway && (q & 1) != 0)) {
      q++;
    }
    return q;
  }

  /** Returns the float equal to a half (every half is exactly representable as a float). */
  static float toFloat(short half) {
    int h = half & 0xFFFF;
    int sign = (h & 0x8000) << 16;
    int exponent = (h >>> 10) & 0x1F;
    int mantissa = h & 0x03FF;
    if (exponent == 0) {
      float v = mantissa * MIN_VALUE;
      return sign != 0 ? -v : v;
    }
    if (exponent == 31) {
      return Float.intBitsToFloat(sign | 0x7F800000 | mantissa << 13);
    }
    return Float.intBitsToFloat(sign | (exponent - 15 + 127) << 23 | mantissa << 13);
  }
}
