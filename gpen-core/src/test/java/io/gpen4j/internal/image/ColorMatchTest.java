package io.gpen4j.internal.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.testing.TestImages;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class ColorMatchTest {
  @ParameterizedTest
  @ValueSource(ints = {256, 97, 8, 1})
  void apply_identicalInputs_returnsInput(int size) {
    FloatImage crop = TestImages.planar(TestImages.noise(size, size, new Random(size)));
    FloatImage out = ColorMatch.apply(crop, crop.copy());
    assertArrayEquals(crop.data(), out.data());
    assertTrue(out.data() != crop.data(), "a new image");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void apply_globalColourOffset_isRemovedAndDetailKept(int seed) {
    Random rnd = new Random(seed);
    int size = 256;
    FloatImage original = TestImages.planar(TestImages.smooth(size, size, rnd));
    // The "restoration": a colour cast plus fine detail (a 1-pixel checkerboard of +-8).
    float[] cast = {20 * rnd.nextFloat() + 5, -12, 9};
    FloatImage restored = original.copy();
    float[] detail = new float[size * size];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        detail[y * size + x] = ((x + y) & 1) == 0 ? 8 : -8;
        for (int c = 0; c < 3; c++) {
          restored.set(c, x, y, original.get(c, x, y) + cast[c] + detail[y * size + x]);
        }
      }
    }

    FloatImage out = ColorMatch.apply(restored, original);

    for (int c = 0; c < 3; c++) {
      double meanShift = 0;
      double detailError = 0;
      for (int i = 0; i < size * size; i++) {
        float d = out.data()[c * size * size + i] - original.data()[c * size * size + i];
        meanShift += d;
        detailError += Math.abs(d - detail[i]);
      }
      meanShift /= size * size;
      detailError /= size * size;
      assertTrue(Math.abs(meanShift) < 0.5, "channel " + c + " keeps a cast of " + meanShift);
      assertTrue(detailError < 0.5, "channel " + c + " lost detail: mean error " + detailError);
    }
  }

  @Test
  void apply_castThatVariesSlowly_isRemoved() {
    int size = 128;
    FloatImage original = TestImages.planar(TestImages.smooth(size, size, new Random(9)));
    FloatImage restored = original.copy();
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        restored.set(0, x, y, original.get(0, x, y) + 15f * x / size);
      }
    }
    FloatImage out = ColorMatch.apply(restored, original);
    double error = 0;
    for (int i = 0; i < size * size; i++) {
      error += Math.abs(out.data()[i] - original.data()[i]);
    }
    // Bilinear block means follow a linear ramp exactly between the outer block centres.
    assertTrue(error / (size * size) < 0.3, "mean error " + error / (size * size));
  }

  @Test
  void apply_mismatchedShapes_throw() {
    assertThrows(IllegalArgumentException.class, () -> ColorMatch.apply(FloatImage.create(8, 8, 3), FloatImage.create(8, 9, 3)));
    assertThrows(IllegalArgumentException.class, () -> ColorMatch.apply(FloatImage.create(8, 8, 3), FloatImage.create(8, 8, 1)));
  }
}
