package io.gpen4j.internal.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gpen4j.Point;
import io.gpen4j.SimilarityTransform;
import io.gpen4j.Ticker;
import io.gpen4j.testing.SharedData;
import io.gpen4j.testing.TestImages;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class PasteBackTest {
  private static final Ticker SYSTEM = Ticker.system();

  /**
   * Warping a photo into the crop (bilinear) and pasting the crop back (bicubic) interpolates
   * twice, which blurs a little: the loss shrinks as the crop enlarges the face. Measured over the
   * masked area: 39-40 dB at 1.35x (a 380 px face), 37 dB at 1x; half a pixel of misalignment
   * costs far more (30 to 32 dB). A bilinear paste-back measured about 3 dB less at every scale.
   * At 2.5x (a 200 px face in a 512 crop) the one-tap read gave 45 dB, but the paste now
   * prefilters a crop shrunk by more than 1.5 against aliasing, which blurs this detail-free
   * round trip to 38 dB (PasteBackShrinkTest weighs the trade).
   */
  @ParameterizedTest
  @CsvSource({
    "astronaut.png, 2.5, 37", "grace_hopper.jpg, 2.5, 37",
    "astronaut.png, 1.35, 38", "grace_hopper.jpg, 1.35, 38",
    "astronaut.png, 1.0, 36", "grace_hopper.jpg, 1.0, 36",
  })
  void paste_warpedOriginalCrop_reproducesFrame(String name, double scale, double minPsnr) throws IOException {
    RgbaImage frame = RgbaImage.fromBufferedImage(ImageIO.read(SharedData.image(name).toFile()));
    int size = 512;
    // A face-sized region (about 380 px) enlarged into the crop, slightly rotated.
    SimilarityTransform frameToCrop = AffineWarpTest.centredOn(256, 240, scale, 0.15, size);
    FacePatch patch = new FacePatch(AffineWarp.warp(frame, frameToCrop, size), FeatherMask.create(size), frameToCrop);

    RgbaImage out = PasteBack.paste(frame, List.of(patch), 1.0, SYSTEM).image();

    double inset = FeatherMask.DEFAULT_INSET_FRACTION * size;
    double squared = 0;
    int blended = 0;
    for (int y = 0; y < frame.height(); y++) {
      for (int x = 0; x < frame.width(); x++) {
        Point q = frameToCrop.apply(new Point(x, y));
        boolean masked = q.x() > inset && q.y() > inset && q.x() < size - 1 - inset && q.y() < size - 1 - inset;
        int before = frame.argb(x, y);
        int after = out.argb(x, y);
        if (!masked) {
          if (before != after) {
            fail("pixel outside the mask changed at " + x + "," + y);
          }
          continue;
        }
        for (int c = 1; c < 4; c++) {
          double d = TestImages.channel(before, c) - TestImages.channel(after, c);
          squared += d * d;
        }
        blended++;
      }
    }
    assertTrue(blended > 10_000, "blended " + blended + " pixels");
    double psnr = 10 * Math.log10(255.0 * 255.0 / (squared / (3.0 * blended)));
    assertTrue(psnr >= minPsnr, "PSNR over the masked area " + psnr + " dB");
  }

  @Test
  void paste_zeroFidelity_returnsIdenticalFrame() {
    RgbaImage frame = TestImages.noiseWithAlpha(200, 150, new Random(1));
    FacePatch patch = constantPatch(64, 0xFF00FF, SimilarityTransform.of(0.8, 0.3, -40, -20));
    PasteResult result = PasteBack.paste(frame, List.of(patch), 0.0, SYSTEM);
    assertArrayEquals(frame.pixels(), result.image().pixels());
    assertEquals(frame.hasAlpha(), result.image().hasAlpha());
  }

  @Test
  void paste_doesNotModifyInput_andKeepsAlpha() {
    RgbaImage frame = TestImages.noiseWithAlpha(200, 150, new Random(2));
    int[] before = frame.pixels().clone();
    FacePatch patch = constantPatch(64, 0x336699, SimilarityTransform.of(0.5, 0.4, -30, -20));
    RgbaImage out = PasteBack.paste(frame, List.of(patch), 1.0, SYSTEM).image();
    assertArrayEquals(before, frame.pixels());
    assertTrue(out.pixels() != frame.pixels(), "a new frame");
    int changed = 0;
    for (int i = 0; i < before.length; i++) {
      assertEquals(before[i] >>> 24, out.pixels()[i] >>> 24, "alpha of pixel " + i);
      if (before[i] != out.pixels()[i]) {
        changed++;
      }
    }
    assertTrue(changed > 1000, "changed " + changed + " pixels");
    assertTrue(out.hasAlpha());
  }

  @Test
  void paste_overlappingPatchesWithEqualMasks_blendToMeanColour() {
    int[] bg = new int[300 * 200];
    Arrays.fill(bg, 0xFF646464);
    RgbaImage frame = RgbaImage.wrap(300, 200, bg, false);
    int size = 64;
    int colourA = 0xC8280A;
    int colourB = 0x14DC78;
    SimilarityTransform toA = new SimilarityTransform(1, 0, -50, -50);
    SimilarityTransform toB = SimilarityTransform.of(1.1, 0.2, -55, -50);
    FacePatch a = constantPatch(size, colourA, toA);
    FacePatch b = constantPatch(size, colourB, toB);

    RgbaImage out = PasteBack.paste(frame, List.of(a, b), 1.0, SYSTEM).image();

    int both = 0;
    int onlyA = 0;
    for (int y = 0; y < 200; y++) {
      for (int x = 0; x < 300; x++) {
        boolean inA = onPlateau(toA, x, y, size);
        boolean inB = onPlateau(toB, x, y, size);
        boolean nearB = inCrop(toB, x, y, size);
        int p = out.argb(x, y) & 0xFFFFFF;
        if (inA && inB) {
          assertEquals(0x6E8241, p, "mean of A and B at " + x + "," + y);
          both++;
        } else if (inA && !nearB) {
          assertEquals(colourA, p, "A alone at " + x + "," + y);
          onlyA++;
        }
      }
    }
    assertTrue(both > 300, "overlap of " + both + " pixels");
    assertTrue(onlyA > 300, "A alone on " + onlyA + " pixels");
  }

  @Test
  void paste_overlappingPatches_combineCoverage() {
    // Two half-opaque patches over the same pixels cover 1 - (1 - 0.5)^2 = 75%.
    int[] bg = new int[40 * 40];
    Arrays.fill(bg, 0xFF000000);
    RgbaImage frame = RgbaImage.wrap(40, 40, bg, false);
    FloatImage mask = FloatImage.create(16, 16, 1);
    for (int y = 1; y < 15; y++) {
      for (int x = 1; x < 15; x++) {
        mask.set(0, x, y, 0.5f);
      }
    }
    SimilarityTransform t = new SimilarityTransform(1, 0, -10, -10);
    FacePatch white = new FacePatch(constantFace(16, 0xC8C8C8), mask, t);
    RgbaImage out = PasteBack.paste(frame, List.of(white, white), 1.0, SYSTEM).image();
    assertEquals(150, out.argb(18, 18) & 0xFF);
    assertEquals(0, out.argb(10, 10) & 0xFF, "the mask's zero border");
  }

  @Test
  void paste_patchPartlyOutside_matchesPasteIntoLargerFrame() {
    Random rnd = new Random(4);
    RgbaImage small = TestImages.noise(100, 80, rnd);
    int off = 40;
    int[] big = new int[180 * 160];
    for (int y = 0; y < 80; y++) {
      System.arraycopy(small.pixels(), y * 100, big, (y + off) * 180 + off, 100);
    }
    RgbaImage large = RgbaImage.wrap(180, 160, big, false);
    // The crop hangs over the top-left corner of the small frame.
    SimilarityTransform toCrop = SimilarityTransform.of(1.3, 0.25, 30, 25);
    SimilarityTransform toCropFromLarge = toCrop.compose(new SimilarityTransform(1, 0, -off, -off));
    FloatImage face = TestImages.planar(TestImages.noise(64, 64, rnd));
    FloatImage mask = FeatherMask.create(64);

    RgbaImage outSmall = PasteBack.paste(small, List.of(new FacePatch(face, mask, toCrop)), 1.0, SYSTEM).image();
    RgbaImage outLarge = PasteBack.paste(large, List.of(new FacePatch(face, mask, toCropFromLarge)), 1.0, SYSTEM).image();

    int changed = 0;
    for (int y = 0; y < 80; y++) {
      for (int x = 0; x < 100; x++) {
        int s = outSmall.argb(x, y);
        int l = outLarge.argb(x + off, y + off);
        for (int c = 1; c < 4; c++) {
          assertTrue(Math.abs(TestImages.channel(s, c) - TestImages.channel(l, c)) <= 1, "pixel " + x + "," + y);
        }
        if (s != small.argb(x, y)) {
          changed++;
        }
      }
    }
    assertTrue(changed > 200, "changed " + changed + " pixels");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, 0.3, 0.7854, 1.9, -2.5, Math.PI})
  void paste_rotatedPatchWithFullMask_coversExactlyTheCropSquare(double angle) {
    int[] bg = new int[160 * 140];
    Arrays.fill(bg, 0xFF000000);
    RgbaImage frame = RgbaImage.wrap(160, 140, bg, false);
    int size = 48;
    FloatImage ones = FloatImage.create(size, size, 1);
    Arrays.fill(ones.data(), 1f);
    SimilarityTransform toCrop = AffineWarpTest.centredOn(70.3, 60.6, 0.7, angle, size);
    FacePatch patch = new FacePatch(constantFace(size, 0xFFFFFF), ones, toCrop);

    RgbaImage out = PasteBack.paste(frame, List.of(patch), 1.0, SYSTEM).image();

    int covered = 0;
    for (int y = 0; y < 140; y++) {
      for (int x = 0; x < 160; x++) {
        Point q = toCrop.apply(new Point(x, y));
        double inside = Math.min(Math.min(q.x(), q.y()), Math.min(size - 1 - q.x(), size - 1 - q.y()));
        if (Math.abs(inside) < 1e-9) {
          continue;
        }
        int expected = inside > 0 ? 0xFFFFFFFF : 0xFF000000;
        if (out.argb(x, y) != expected) {
          fail("pixel " + x + "," + y + " at crop " + q + ": " + Integer.toHexString(out.argb(x, y)));
        }
        covered += inside > 0 ? 1 : 0;
      }
    }
    // The crop square is (size - 1) / 0.7 frame pixels on a side.
    assertEquals(Math.pow((size - 1) / 0.7, 2), covered, 0.03 * covered);
  }

  @Test
  void paste_patchEntirelyOutside_changesNothing() {
    RgbaImage frame = TestImages.noiseWithAlpha(120, 90, new Random(5));
    FacePatch far = constantPatch(64, 0xFFFFFF, new SimilarityTransform(1, 0, 200, 150));
    FacePatch beyond = constantPatch(64, 0xFFFFFF, new SimilarityTransform(1, 0, -130, -10));
    PasteResult result = PasteBack.paste(frame, List.of(far, beyond), 1.0, SYSTEM);
    assertArrayEquals(frame.pixels(), result.image().pixels());
    assertEquals(2, result.perPatch().size());
  }

  @Test
  void groups_separateDistantFacesAndJoinOverlappingOnes() {
    int[][] regions = {{0, 0, 10, 10}, {500, 500, 600, 600}, {8, 9, 20, 30}, null, {21, 31, 25, 35}};
    List<int[]> groups = PasteBack.groups(regions);
    assertEquals(3, groups.size());
    assertArrayEquals(new int[] {0, 2}, groups.get(0));
    assertArrayEquals(new int[] {1}, groups.get(1));
    assertArrayEquals(new int[] {4}, groups.get(2));
  }

  @Test
  void region_isCropSquareInFrameClipped() {
    FacePatch patch = constantPatch(64, 0, new SimilarityTransform(2, 0, -20, 10));
    // Frame x maps to crop 2x - 20: the crop's 0..63 is frame 10..41.5; y: 2y + 10 is -5..26.5.
    assertArrayEquals(new int[] {10, 0, 42, 27}, PasteBack.region(patch, 100, 100));
    assertEquals(null, PasteBack.region(patch, 5, 100));
  }

  @Test
  void pasteInPlace_attributesTimeToEachPatch() {
    long[] clock = {0};
    Ticker ticker = () -> clock[0] += 1000;
    RgbaImage frame = TestImages.noise(300, 300, new Random(6));
    FacePatch a = constantPatch(32, 0x101010, new SimilarityTransform(1, 0, -10, -10));
    FacePatch b = constantPatch(32, 0x202020, new SimilarityTransform(1, 0, -20, -20));
    FacePatch c = constantPatch(32, 0x303030, new SimilarityTransform(1, 0, -200, -200));
    List<Duration> times = PasteBack.pasteInPlace(frame, List.of(a, b, c), 1.0, ticker);
    // a and b overlap: each is timed alone (1000 ns) and shares the joint blend (1000 ns / 2).
    assertEquals(List.of(Duration.ofNanos(1500), Duration.ofNanos(1500), Duration.ofNanos(1000)), times);
  }

  @Test
  void paste_badArguments_throw() {
    RgbaImage frame = TestImages.noise(10, 10, new Random(7));
    List<FacePatch> none = List.of();
    assertThrows(IllegalArgumentException.class, () -> PasteBack.paste(frame, none, -0.1, SYSTEM));
    assertThrows(IllegalArgumentException.class, () -> PasteBack.paste(frame, none, 1.5, SYSTEM));
    assertThrows(IllegalArgumentException.class, () -> PasteBack.paste(frame, none, Double.NaN, SYSTEM));
    assertThrows(NullPointerException.class, () -> PasteBack.paste(frame, none, 1, null));
    assertThrows(IllegalArgumentException.class,
        () -> new FacePatch(FloatImage.create(8, 8, 3), FloatImage.create(8, 9, 1), SimilarityTransform.IDENTITY));
    assertThrows(IllegalArgumentException.class,
        () -> new FacePatch(FloatImage.create(8, 8, 1), FloatImage.create(8, 8, 1), SimilarityTransform.IDENTITY));
  }

  private static final double PLATEAU_INSET = 0.05;
  private static final double PLATEAU_FEATHER = 0.1;

  private static FacePatch constantPatch(int size, int rgb, SimilarityTransform frameToCrop) {
    return new FacePatch(constantFace(size, rgb), FeatherMask.create(size, PLATEAU_INSET, PLATEAU_FEATHER), frameToCrop);
  }

  private static FloatImage constantFace(int size, int rgb) {
    FloatImage face = FloatImage.create(size, size, 3);
    for (int c = 0; c < 3; c++) {
      Arrays.fill(face.data(), c * size * size, (c + 1) * size * size, rgb >> (16 - 8 * c) & 0xFF);
    }
    return face;
  }

  /** Whether the frame pixel samples only the mask's flat top (all four bilinear neighbours at 1). */
  private static boolean onPlateau(SimilarityTransform toCrop, int x, int y, int size) {
    Point q = toCrop.apply(new Point(x, y));
    double lo = (PLATEAU_INSET + PLATEAU_FEATHER) * size + 1;
    double hi = size - 2 - lo;
    return q.x() >= lo && q.y() >= lo && q.x() <= hi && q.y() <= hi;
  }

  private static boolean inCrop(SimilarityTransform toCrop, int x, int y, int size) {
    Point q = toCrop.apply(new Point(x, y));
    return q.x() >= -1 && q.y() >= -1 && q.x() <= size && q.y() <= size;
  }
}
