package io.gpen4j.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gpen4j.internal.image.FloatImage;
import io.gpen4j.models.Normalization;
import io.gpen4j.spi.Tensor;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class CropNormalizationTest {
  private static final Normalization GPEN = Normalization.RGB_MINUS_ONE_TO_ONE;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void toInputThenFromOutput_roundTripsWithinFloatError(long seed) {
    Random rnd = new Random(seed);
    int s = 16;
    float[] px = new float[3 * s * s];
    for (int i = 0; i < px.length; i++) {
      px[i] = rnd.nextInt(256);
    }
    Tensor t = CropNormalization.toInput(FloatImage.wrap(s, s, 3, px.clone()), GPEN);
    assertArrayEquals(new long[] {1, 3, s, s}, t.shape());
    float[] values = t.toArray();
    for (int i = 0; i < px.length; i++) {
      assertEquals((px[i] / 255f - 0.5f) / 0.5f, values[i], 1e-6f);
    }
    FloatImage back = CropNormalization.fromOutput(t, s, GPEN);
    for (int i = 0; i < px.length; i++) {
      assertEquals(px[i], back.data()[i], 1e-3f);
    }
  }

  @ParameterizedTest
  @ValueSource(floats = {-5f, -1.0001f, 1.0001f, 7f})
  void fromOutput_clipsToMinusOneOne(float v) {
    FloatImage img = CropNormalization.fromOutput(Tensor.wrap(new float[] {v, v, v}, 1, 3, 1, 1), 1, GPEN);
    assertEquals(v < 0 ? 0f : 255f, img.data()[0], 0f);
  }

  @ParameterizedTest
  @ValueSource(floats = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY})
  void fromOutput_nonFinite_returnsNull(float v) {
    assertNull(CropNormalization.fromOutput(Tensor.wrap(new float[] {0, v, 0}, 1, 3, 1, 1), 1, GPEN));
  }
}
