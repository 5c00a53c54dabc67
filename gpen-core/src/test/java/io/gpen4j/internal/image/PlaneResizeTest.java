package io.gpen4j.internal.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.opencv.imgproc.Imgproc;

final class PlaneResizeTest {
  /** OpenCV resizes float planes in float too; only the order of the additions differs. */
  private static final float TOLERANCE = 1e-4f;

  private static FloatImage noise(int width, int height, int channels, long seed) {
    Random random = new Random(seed);
    FloatImage image = FloatImage.create(width, height, channels);
    float[] d = image.data();
    for (int i = 0; i < d.length; i++) {
      d[i] = random.nextFloat();
    }
    return image;
  }

  @ParameterizedTest
  @CsvSource({"704, 512, 1000, 700", "64, 32, 97, 61", "5, 3, 50, 50", "32, 32, 33, 100", "1, 1, 7, 3"})
  void resize_enlargingBothWays_matchesOpenCvInterLinear(int sw, int sh, int dw, int dh) {
    FloatImage src = noise(sw, sh, 2, sw * 31L + dh);
    assertArrayEquals(OpenCvReference.resize(src, dw, dh, Imgproc.INTER_LINEAR).data(),
        PlaneResize.resize(src, dw, dh).data(), TOLERANCE);
  }

  @ParameterizedTest
  @CsvSource({"1000, 700, 704, 512", "97, 61, 40, 23", "50, 50, 7, 3", "300, 200, 299, 101", "9, 4, 1, 1"})
  void resize_shrinkingBothWays_matchesOpenCvInterArea(int sw, int sh, int dw, int dh) {
    FloatImage src = noise(sw, sh, 1, sw * 17L + dw);
    assertArrayEquals(OpenCvReference.resize(src, dw, dh, Imgproc.INTER_AREA).data(),
        PlaneResize.resize(src, dw, dh).data(), TOLERANCE);
  }

  @Test
  void resize_sameSize_isACopy() {
    FloatImage src = noise(13, 7, 1, 3);
    FloatImage out = PlaneResize.resize(src, 13, 7);
    assertArrayEquals(src.data(), out.data());
    out.data()[0] = -1;
    assertEquals(src.data()[0] >= 0, true);
  }

  @Test
  void resize_nonPositiveSize_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> PlaneResize.resize(noise(4, 4, 1, 1), 0, 4));
  }
}
