package io.gpen4j.internal.image;

import io.gpen4j.Point;
import io.gpen4j.SimilarityTransform;
import io.gpen4j.testing.TestImages;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class PatchPrefilterTest {
  /** The reduction is OpenCV's INTER_AREA on float planes, at integer and fractional ratios. */
  @ParameterizedTest
  @CsvSource({"512, 256, 1", "512, 154, 2", "512, 103, 3", "256, 77, 4", "40, 9, 5", "7, 1, 6", "3, 2, 7"})
  void reduce_matchesOpenCvInterArea(int size, int reduced, long seed) {
    Random rnd = new Random(seed);
    FloatImage image = FloatImage.create(size, size, 3);
    for (int i = 0; i < image.data().length; i++) {
      image.data()[i] = 255 * rnd.nextFloat();
    }
    FloatImage out = PatchPrefilter.reduce(image, ResampleTaps.resize(ResampleFilter.AREA, size, reduced));
    assertArrayEquals(OpenCvReference.resizeArea(image, reduced, reduced).data(), out.data(), 2e-3f);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.1, 0.5, 1.0, 1.2, 1.5})
  void forPaste_shrinkUpTo1_5_returnsThePatchItself(double shrink) {
    FacePatch patch = patch(64, SimilarityTransform.of(shrink, 0.4, 3, -7), new Random(1));
    assertSame(patch, PatchPrefilter.forPaste(patch));
  }

  /**
   * A shrunk patch comes back at 1.5 reduced pixels per frame pixel, face and mask alike, and maps
   * every frame point to where the crop point it stood for was averaged: the corners of the
   * reduced grid land half a source step inside the crop's.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void forPaste_shrunkPatch_isReducedWithTheSameFramePlacement(long seed) {
    Random rnd = new Random(seed);
    int size = 64 + rnd.nextInt(500);
    double shrink = 1.6 + 6 * rnd.nextDouble();
    FacePatch patch = patch(size, SimilarityTransform.of(shrink, 7 * rnd.nextDouble(), 50 * rnd.nextDouble(), -20), rnd);

    FacePatch reduced = PatchPrefilter.forPaste(patch);

    int r = reduced.size();
    assertEquals(Math.round(1.5 * size / shrink), r);
    assertEquals(r, reduced.mask().width());
    assertEquals(1.5, reduced.frameToCrop().scale(), 0.05 * 1.5 + 1.0 / r, "reduced pixels per frame pixel");
    double step = (double) size / r;
    for (int trial = 0; trial < 20; trial++) {
      Point p = new Point(200 * rnd.nextDouble() - 100, 200 * rnd.nextDouble() - 100);
      Point q = patch.frameToCrop().apply(p);
      Point u = reduced.frameToCrop().apply(p);
      assertEquals((q.x() + 0.5) / step - 0.5, u.x(), 1e-9);
      assertEquals((q.y() + 0.5) / step - 0.5, u.y(), 1e-9);
    }
    // The mask keeps its zero border where the crop's zero band is wider than a reduction step.
    if (step < FeatherMask.DEFAULT_INSET_FRACTION * size) {
      assertEquals(0f, reduced.mask().get(0, 0, r / 2));
      assertEquals(0f, reduced.mask().get(0, r / 2, r - 1));
    }
    assertTrue(reduced.mask().get(0, r / 2, r / 2) > 0.99f, "the mask's plateau");
  }

  private static FacePatch patch(int size, SimilarityTransform frameToCrop, Random rnd) {
    return new FacePatch(TestImages.planar(TestImages.noise(size, size, rnd)), FeatherMask.create(size), frameToCrop);
  }
}
