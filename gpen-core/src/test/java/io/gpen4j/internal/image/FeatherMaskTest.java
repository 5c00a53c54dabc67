package io.gpen4j.internal.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class FeatherMaskTest {
  @ParameterizedTest
  @CsvSource({"256, 0.04, 0.12", "512, 0.04, 0.12", "511, 0.1, 0.3", "64, 0, 0.45", "1024, 0.02, 0.05"})
  void create_hasRangeCentreBorderMonotonyAndSymmetry(int size, double inset, double feather) {
    FloatImage mask = FeatherMask.create(size, inset, feather);
    assertEquals(size, mask.width());
    assertEquals(size, mask.height());
    assertEquals(1, mask.channels());
    for (float v : mask.data()) {
      assertTrue(v >= 0 && v <= 1, "value " + v);
    }
    assertEquals(1f, mask.get(0, size / 2, size / 2), 1e-6);
    int last = size - 1;
    for (int i = 0; i < size; i++) {
      assertEquals(0f, mask.get(0, i, 0), "top row");
      assertEquals(0f, mask.get(0, i, last), "bottom row");
      assertEquals(0f, mask.get(0, 0, i), "left column");
      assertEquals(0f, mask.get(0, last, i), "right column");
    }
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        float v = mask.get(0, x, y);
        boolean symmetric = v == mask.get(0, last - x, y) && v == mask.get(0, x, last - y) && v == mask.get(0, y, x);
        // Moving one pixel towards the centre never lowers the weight.
        boolean monotone = (x >= size / 2 || mask.get(0, x + 1, y) >= v) && (y >= size / 2 || mask.get(0, x, y + 1) >= v);
        if (!symmetric || !monotone) {
          fail("at " + x + "," + y + ": symmetric " + symmetric + ", monotone " + monotone);
        }
      }
    }
  }

  @Test
  void create_zeroWithinInsetAndOneInside() {
    int size = 500;
    FloatImage mask = FeatherMask.create(size, 0.1, 0.2);
    // 50 px of zeros, a 100 px ramp, then ones.
    assertEquals(0f, mask.get(0, 50, 250));
    assertTrue(mask.get(0, 51, 250) > 0);
    assertTrue(mask.get(0, 149, 250) < 1);
    assertEquals(1f, mask.get(0, 150, 250));
    assertEquals(0.5f, mask.get(0, 100, 250), 1e-6, "smoothstep midpoint");
  }

  @Test
  void create_defaultKeepsFaceAreaAtFullWeight() {
    FloatImage mask = FeatherMask.create(512);
    // GPEN template at 512: eyes at y 243, mouth corners at x 212 and 301, y 367.
    assertEquals(1f, mask.get(0, 202, 243));
    assertEquals(1f, mask.get(0, 310, 367));
    assertEquals(0f, mask.get(0, 20, 256));
  }

  @Test
  void create_badArguments_throw() {
    assertThrows(IllegalArgumentException.class, () -> FeatherMask.create(0));
    assertThrows(IllegalArgumentException.class, () -> FeatherMask.create(64, -0.1, 0.1));
    assertThrows(IllegalArgumentException.class, () -> FeatherMask.create(64, 0.1, 0));
    assertThrows(IllegalArgumentException.class, () -> FeatherMask.create(64, 0.3, 0.3));
    assertThrows(IllegalArgumentException.class, () -> FeatherMask.create(64, Double.NaN, 0.1));
  }
}
