package io.gpen4j.internal.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class BinomialFilterTest {
  private static final float[][] KERNEL = {
    {1 / 16f, 2 / 16f, 1 / 16f}, {2 / 16f, 4 / 16f, 2 / 16f}, {1 / 16f, 2 / 16f, 1 / 16f},
  };

  /** Against cv2.filter2D with the kernel and its default border, tiny sizes included. */
  @ParameterizedTest
  @CsvSource({
    "1, 1, 1, 1", "1, 7, 3, 2", "6, 1, 1, 3", "2, 2, 3, 4", "2, 5, 1, 5", "3, 3, 3, 6",
    "17, 9, 3, 7", "64, 48, 3, 8", "256, 256, 3, 9",
  })
  void apply_matchesOpenCvFilter2D(int width, int height, int channels, long seed) {
    Random rnd = new Random(seed);
    FloatImage image = FloatImage.create(width, height, channels);
    for (int i = 0; i < image.data().length; i++) {
      image.data()[i] = 255 * rnd.nextFloat();
    }
    float[] before = image.data().clone();

    FloatImage out = BinomialFilter.apply(image);

    FloatImage expected = OpenCvReference.filter2D(image, KERNEL);
    assertArrayEquals(expected.data(), out.data(), 1e-3f);
    assertArrayEquals(before, image.data(), 0f, "the input is not modified");
    assertEquals(channels, out.channels());
  }

  @Test
  void apply_singleBrightPixel_spreadsAsTheKernel() {
    FloatImage image = FloatImage.create(5, 5, 1);
    image.set(0, 2, 2, 16f);
    FloatImage out = BinomialFilter.apply(image);
    assertNotSame(image, out);
    for (int y = 0; y < 5; y++) {
      for (int x = 0; x < 5; x++) {
        boolean near = Math.abs(x - 2) <= 1 && Math.abs(y - 2) <= 1;
        float expected = near ? 16 * KERNEL[y - 1][x - 1] : 0f;
        assertEquals(expected, out.get(0, x, y), 1e-6f, "pixel " + x + "," + y);
      }
    }
  }
}
