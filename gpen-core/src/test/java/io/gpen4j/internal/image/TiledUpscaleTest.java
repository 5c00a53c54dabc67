package io.gpen4j.internal.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.testing.TestImages;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.opencv.imgproc.Imgproc;

final class TiledUpscaleTest {
  /** A 5x5 box blur (OpenCV, reflected border) then nearest x2: a model whose tile edges differ. */
  private static final float[][] BOX = box(5);

  /** Replicates each pixel s x s times: what a nearest-neighbour upscaler computes. */
  private static TiledUpscale.TileModel nearest(int s) {
    return tile -> {
      FloatImage out = FloatImage.create(tile.width() * s, tile.height() * s, 3);
      for (int c = 0; c < 3; c++) {
        for (int y = 0; y < out.height(); y++) {
          for (int x = 0; x < out.width(); x++) {
            out.set(c, x, y, tile.get(c, x / s, y / s));
          }
        }
      }
      return out;
    };
  }

  private static TiledUpscale.TileModel blurThenNearest() {
    TiledUpscale.TileModel up = nearest(2);
    return tile -> up.run(OpenCvReference.filter2D(tile, BOX));
  }

  @RepeatedTest(8)
  void upscale_nearestModel_equalsOpenCvNearestResizeExactly(RepetitionInfo info) {
    Random rnd = new Random(100 + info.getCurrentRepetition());
    int scale = new int[] {1, 2, 4}[rnd.nextInt(3)];
    RgbaImage src = TestImages.noise(20 + rnd.nextInt(200), 20 + rnd.nextInt(200), rnd);
    int tile = 70 + rnd.nextInt(60);
    TiledUpscale.Layout layout = new TiledUpscale.Layout(tile, 32, 10, rnd.nextBoolean(), 4);

    RgbaImage up = TiledUpscale.upscale(src, scale, layout, nearest(scale));

    RgbaImage reference = OpenCvReference.resize(src, src.width() * scale, src.height() * scale, Imgproc.INTER_NEAREST);
    assertArrayEquals(reference.pixels(), up.pixels(), "tile " + tile + ", scale " + scale);
  }

  @RepeatedTest(4)
  void upscale_convolutionModel_tiledEqualsOnePiece_whileHardCutsShowSeams(RepetitionInfo info) {
    Random rnd = new Random(200 + info.getCurrentRepetition());
    RgbaImage src = TestImages.noise(150 + rnd.nextInt(100), 150 + rnd.nextInt(100), rnd);
    RgbaImage whole = TiledUpscale.upscale(src, 2, new TiledUpscale.Layout(1024, 32, 10, false, 1), blurThenNearest());

    RgbaImage blended = TiledUpscale.upscale(src, 2, new TiledUpscale.Layout(80, 32, 10, false, 1), blurThenNearest());
    RgbaImage hardCuts = TiledUpscale.upscale(src, 2, new TiledUpscale.Layout(80, 0, 0, false, 1), blurThenNearest());

    // The blur reaches 2 px, inside the 10 px discarded along each cut: only rounding differs.
    assertTrue(maxDifference(whole, blended) <= 1, "blended tiles differ by " + maxDifference(whole, blended));
    assertTrue(maxDifference(whole, hardCuts) > 20, "hard cuts differ by only " + maxDifference(whole, hardCuts));
  }

  @Test
  void upscale_alpha_isResizedNotModelled() {
    RgbaImage src = TestImages.noiseWithAlpha(90, 70, new Random(3));
    RgbaImage up = TiledUpscale.upscale(src, 2, new TiledUpscale.Layout(80, 32, 10, false, 4), nearest(2));
    RgbaImage resized = ImageResize.resize(src, 180, 140);
    assertTrue(up.hasAlpha());
    for (int i = 0; i < up.pixels().length; i++) {
      assertEquals(resized.pixels()[i] >>> 24, up.pixels()[i] >>> 24, "alpha at " + i);
    }
  }

  @Test
  void upscale_nonFiniteTile_returnsNull_wrongSizeFails() {
    RgbaImage src = TestImages.noise(100, 100, new Random(4));
    TiledUpscale.Layout layout = new TiledUpscale.Layout(80, 32, 10, false, 4);
    assertNull(TiledUpscale.upscale(src, 2, layout, tile -> null));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> TiledUpscale.upscale(src, 2, layout, nearest(4)));
    assertTrue(e.getMessage().contains("at scale 2"), e.getMessage());
  }

  @RepeatedTest(10)
  void startsAndRamps_coverTheAxisWithTheOverlapAndRiseMonotonically(RepetitionInfo info) {
    Random rnd = new Random(300 + info.getCurrentRepetition());
    int grid = new int[] {1, 2, 4}[rnd.nextInt(3)];
    int tile = (65 + rnd.nextInt(400)) / grid * grid;
    int overlap = rnd.nextInt(tile / 2);
    int length = (1 + rnd.nextInt(3000)) * grid;
    List<Integer> starts = TiledUpscale.starts(length, tile, overlap, grid);
    assertEquals(0, starts.get(0));
    assertEquals(Math.max(0, length - tile), starts.get(starts.size() - 1));
    for (int i = 0; i < starts.size(); i++) {
      assertEquals(0, starts.get(i) % grid, "tile " + i + " starts on the unshuffle grid");
    }
    for (int i = 1; i < starts.size(); i++) {
      assertTrue(starts.get(i - 1) + tile - starts.get(i) >= overlap, "overlap at tile " + i);
      assertTrue(starts.get(i) > starts.get(i - 1), "tiles advance");
    }
    int pad = overlap / 3;
    float[] ramp = TiledUpscale.ramp(tile, overlap, 0, pad);
    float[] both = TiledUpscale.ramp(tile, overlap, overlap, pad);
    for (int i = 0; i < tile; i++) {
      assertTrue(ramp[i] >= 0 && ramp[i] <= 1);
      assertTrue(i == 0 || ramp[i] >= ramp[i - 1]);
      assertEquals(i >= tile - pad ? 0f : ramp[i], both[i], "far pad zeroed");
      assertTrue(i >= pad || overlap == 0 || ramp[i] == 0, "zero over the pad");
      assertTrue(i < overlap - pad || ramp[i] == 1, "one past the overlap");
    }
  }

  @Test
  void layout_rejectsTilesNotOverTwiceTheOverlapAndPadsOverAThird() {
    assertThrows(IllegalArgumentException.class, () -> new TiledUpscale.Layout(64, 32, 10, false, 4));
    assertThrows(IllegalArgumentException.class, () -> new TiledUpscale.Layout(256, 32, 11, false, 4));
    assertThrows(IllegalArgumentException.class, () -> new TiledUpscale.Layout(256, 32, 10, false, 0));
  }

  private static int maxDifference(RgbaImage a, RgbaImage b) {
    int max = 0;
    for (int i = 0; i < a.pixels().length; i++) {
      int p = a.pixels()[i];
      int q = b.pixels()[i];
      for (int shift = 0; shift < 24; shift += 8) {
        max = Math.max(max, Math.abs((p >> shift & 0xFF) - (q >> shift & 0xFF)));
      }
    }
    return max;
  }

  private static float[][] box(int n) {
    float[][] k = new float[n][n];
    for (float[] row : k) {
      java.util.Arrays.fill(row, 1f / (n * n));
    }
    return k;
  }
}
