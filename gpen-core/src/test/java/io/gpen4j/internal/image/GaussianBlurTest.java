package io.gpen4j.internal.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

final class GaussianBlurTest {
  @ParameterizedTest
  @CsvSource({"1, 5, 4, 1.0, 1", "2, 64, 64, 5.657, 17", "3, 37, 20, 2.5, 8", "4, 9, 9, 0.8, 3", "5, 3, 2, 1.0, 1",
      "6, 128, 96, 11.3, 34"})
  void blur_matchesOpenCvGaussianBlurWithReflect101(long seed, int width, int height, double sigma, int radius) {
    Random r = new Random(seed);
    FloatImage src = FloatImage.create(width, height, 2);
    for (int i = 0; i < src.data().length; i++) {
      src.data()[i] = r.nextBoolean() ? 1f : r.nextFloat();
    }
    int rad = Math.min(radius, Math.min(width, height) - 1);

    FloatImage ours = GaussianBlur.blur(src, sigma, rad);
    FloatImage cv = OpenCvReference.gaussianBlur(src, sigma, rad);

    for (int i = 0; i < ours.data().length; i++) {
      assertEquals(cv.data()[i], ours.data()[i], 2e-5f, "value " + i);
    }
  }

  @Test
  void blur_keepsZeroBeyondTheRadiusAndDoesNotModifyItsInput() {
    FloatImage src = FloatImage.create(40, 40, 1);
    src.set(0, 20, 20, 1f);
    FloatImage copy = src.copy();
    FloatImage out = GaussianBlur.blur(src, 2, 6);
    for (int y = 0; y < 40; y++) {
      for (int x = 0; x < 40; x++) {
        boolean inside = Math.abs(x - 20) <= 6 && Math.abs(y - 20) <= 6;
        assertEquals(inside, out.get(0, x, y) > 0, "at " + x + "," + y);
      }
    }
    assertEquals(java.util.Arrays.toString(copy.data()), java.util.Arrays.toString(src.data()));
  }

  @Test
  void blur_rejectsBadSigmaAndRadius() {
    FloatImage src = FloatImage.create(8, 8, 1);
    assertThrows(IllegalArgumentException.class, () -> GaussianBlur.blur(src, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> GaussianBlur.blur(src, Double.NaN, 1));
    assertThrows(IllegalArgumentException.class, () -> GaussianBlur.blur(src, 1, 8));
    assertThrows(IllegalArgumentException.class, () -> GaussianBlur.blur(src, 1, -1));
  }
}
