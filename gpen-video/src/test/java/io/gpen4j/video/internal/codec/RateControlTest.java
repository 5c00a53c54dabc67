package io.gpen4j.video.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The quality's mapping onto each encoder's control: the documented points, and never backwards. */
final class RateControlTest {
  @Test
  void defaults_areTheDocumentedOnes() {
    assertEquals(18, RateControl.crf(0.8));
    assertEquals(10, RateControl.crf(1));
    assertEquals(2, RateControl.quantiser(0.8));
    assertEquals(7, RateControl.quantiser(0.5));
    VideoSpec spec = new VideoSpec(640, 360, 25, 12_800, 1, EncoderSettings.ofQuality(0.8), 0, 0, 0);
    assertEquals(0.276 * 640 * 360 * 25, RateControl.budget(0.8, spec), 1);
  }

  @Test
  void higherQuality_neverLowersTheBudgetOrRaisesTheQuantiser() {
    VideoSpec spec = new VideoSpec(640, 360, 25, 25, 1, EncoderSettings.ofQuality(0.5), 0, 0, 0);
    for (int i = 1; i < 100; i++) {
      double lo = i / 100.0;
      double hi = (i + 1) / 100.0;
      assertTrue(RateControl.budget(hi, spec) > RateControl.budget(lo, spec), "budget at " + hi);
      assertTrue(RateControl.crf(hi) <= RateControl.crf(lo), "crf at " + hi);
      assertTrue(RateControl.quantiser(hi) <= RateControl.quantiser(lo), "quantiser at " + hi);
    }
    assertTrue(RateControl.crf(0.01) > RateControl.crf(1) + 30, "crf spans most of its range");
  }
}
