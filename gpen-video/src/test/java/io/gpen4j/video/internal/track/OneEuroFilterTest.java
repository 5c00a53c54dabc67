package io.gpen4j.video.internal.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class OneEuroFilterTest {
  private static final long FRAME_MICROS = 33_333;

  @Test
  void filter_firstSample_passesThrough() {
    OneEuroFilter f = new OneEuroFilter(1, 0.5, 1);
    assertEquals(42.5, f.filter(42.5, 1_000));
    assertEquals(0, f.derivative());
    assertTrue(f.primed());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void filter_noisyStillValue_movesFarLessThanItsInput(long seed) {
    Random random = new Random(seed);
    OneEuroFilter f = new OneEuroFilter(0.3, 0.01, 1);
    double previousIn = 100;
    double previousOut = f.filter(previousIn, 0);
    double rawMovement = 0;
    double filteredMovement = 0;
    for (int i = 1; i < 300; i++) {
      double in = 100 + random.nextGaussian();
      double out = f.filter(in, i * FRAME_MICROS);
      if (i >= 30) {
        rawMovement += Math.abs(in - previousIn);
        filteredMovement += Math.abs(out - previousOut);
      }
      previousIn = in;
      previousOut = out;
    }
    assertTrue(filteredMovement * 10 < rawMovement, filteredMovement + " vs raw " + rawMovement);
  }

  @Test
  void filter_ramp_lagsLessWithBeta() {
    double plainLag = rampLag(new OneEuroFilter(0.5, 0, 1));
    double adaptiveLag = rampLag(new OneEuroFilter(0.5, 1, 1));
    // A plain 0.5 Hz low-pass trails a 90 units/s ramp by about 90 / (2 pi 0.5) = 29 units.
    assertEquals(28, plainLag, 2);
    assertTrue(adaptiveLag < 1, "lag with beta: " + adaptiveLag);
  }

  private static double rampLag(OneEuroFilter f) {
    double out = 0;
    for (int i = 0; i <= 90; i++) {
      out = f.filter(3.0 * i, i * FRAME_MICROS);
    }
    return 3.0 * 90 - out;
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13})
  void filter_stepAtAnyFrameRate_settlesAlikeInTime(long seed) {
    // The same step sampled at 30 fps and at an irregular 40-200 fps rate: real timestamps make the
    // filters agree at the same moment, though one has seen twice as many samples.
    OneEuroFilter regular = new OneEuroFilter(1, 0, 1);
    OneEuroFilter irregular = new OneEuroFilter(1, 0, 1);
    regular.filter(0, 0);
    irregular.filter(0, 0);
    Random random = new Random(seed);
    long t = 0;
    while (t < 500_000) {
      t += 5_000 + random.nextInt(20_000);
      irregular.filter(1, Math.min(t, 500_000));
    }
    for (long r = FRAME_MICROS; r <= 500_000; r += FRAME_MICROS) {
      regular.filter(1, r);
    }
    regular.filter(1, 500_000);
    // A 1 Hz RC filter reaches 1 - exp(-2 pi 0.5) = 0.957 of a step in 0.5 s.
    assertEquals(0.957, regular.value(), 0.03);
    assertEquals(regular.value(), irregular.value(), 0.03);
  }

  @Test
  void nextDerivative_peeksWithoutTakingTheSample() {
    OneEuroFilter f = new OneEuroFilter(1, 0, 1);
    f.filter(0, 0);
    double peeked = f.nextDerivative(3, FRAME_MICROS);
    assertEquals(0, f.value());
    assertEquals(0, f.derivative());
    f.filter(3, FRAME_MICROS);
    assertEquals(peeked, f.derivative());
    assertTrue(peeked > 0);
  }

  @Test
  void filter_givenSpeed_setsTheCutoffInsteadOfItsOwn() {
    // Same samples; one filter told the value moves fast follows them, the other does not.
    OneEuroFilter told = new OneEuroFilter(0.1, 1, 1);
    OneEuroFilter own = new OneEuroFilter(0.1, 1, 1);
    told.filter(0, 0);
    own.filter(0, 0);
    double a = told.filter(10, FRAME_MICROS, 1000);
    double b = own.filter(10, FRAME_MICROS, 0);
    assertTrue(a > 9.5, "told " + a);
    assertTrue(b < 0.5, "at rest " + b);
    assertEquals(own.derivative(), told.derivative(), "the speed estimate is the filter's own either way");
  }

  @Test
  void filter_repeatedTimestamp_keepsTheEstimate() {
    OneEuroFilter f = new OneEuroFilter(1, 0, 1);
    f.filter(0, 0);
    double v = f.filter(10, FRAME_MICROS);
    assertEquals(v, f.filter(1000, FRAME_MICROS));
  }

  @Test
  void filter_timestampGoingBack_throws() {
    OneEuroFilter f = new OneEuroFilter(1, 0, 1);
    f.filter(0, 1_000);
    assertThrows(IllegalArgumentException.class, () -> f.filter(0, 999));
  }

  @Test
  void filter_infiniteMinCutoff_passesValuesThroughAndEstimatesSpeed() {
    OneEuroFilter f = new OneEuroFilter(Double.POSITIVE_INFINITY, 0, 5);
    for (int i = 0; i <= 60; i++) {
      assertEquals(2.0 * i, f.filter(2.0 * i, i * FRAME_MICROS), 1e-9);
    }
    assertEquals(60, f.derivative(), 1);
  }

  @Test
  void constructor_badSettings_throw() {
    assertThrows(IllegalArgumentException.class, () -> new OneEuroFilter(0, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new OneEuroFilter(Double.NaN, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new OneEuroFilter(1, -1, 1));
    assertThrows(IllegalArgumentException.class, () -> new OneEuroFilter(1, Double.POSITIVE_INFINITY, 1));
    assertThrows(IllegalArgumentException.class, () -> new OneEuroFilter(1, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new OneEuroFilter(1, 0, Double.POSITIVE_INFINITY));
  }
}
