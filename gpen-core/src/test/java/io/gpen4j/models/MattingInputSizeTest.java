package io.gpen4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class MattingInputSizeTest {
  private static final MattingInputSize MODNET = MattingFamily.MODNET.inputSize();

  /** Expected sizes worked out from MODNet's inference.py by hand (ref_size 512, multiples of 32). */
  @ParameterizedTest
  @CsvSource({
    "1000, 700, 704, 512", // both above 512: short side to 512, 1000/700*512 = 731.4 -> 731 -> 704
    "4000, 3000, 672, 512", // 682.6 -> 682 -> 672
    "700, 1000, 512, 704",
    "300, 200, 768, 512", // both below: 300/200*512 = 768
    "413, 579, 384, 576", // straddling (413 <= 512 <= 579): kept, rounded down
    "600, 400, 576, 384", // straddling: kept, rounded down
    "512, 512, 512, 512",
    "513, 513, 512, 512", // both above: 512 x 512
    "511, 511, 512, 512", // both below: 512 x 512
    "20, 600, 32, 576", // kept; the official code would give width 0, gpen4j one multiple
  })
  void forImage_modnetRule_givesTheOfficialSizes(int width, int height, int inW, int inH) {
    MattingInputSize size = MODNET.forImage(width, height);
    assertTrue(size.isFixed());
    assertEquals(inW, size.fixedWidth(), "width of " + width + "x" + height);
    assertEquals(inH, size.fixedHeight(), "height of " + width + "x" + height);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void forImage_modnetRule_alwaysMultiplesOf32AndShortSideNearTheReference(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < 1000; i++) {
      int w = 1 + random.nextInt(5000);
      int h = 1 + random.nextInt(5000);
      MattingInputSize s = MODNET.forImage(w, h);
      assertEquals(0, s.fixedWidth() % 32, w + "x" + h);
      assertEquals(0, s.fixedHeight() % 32, w + "x" + h);
      int shortSide = Math.min(s.fixedWidth(), s.fixedHeight());
      boolean straddles = Math.min(w, h) <= 512 && Math.max(w, h) >= 512;
      assertTrue(straddles ? shortSide <= 512 : shortSide == 512, w + "x" + h + " -> " + s);
    }
  }

  @Test
  void forImage_fixedSize_isItself() {
    MattingInputSize fixed = MattingInputSize.fixed(320, 320);
    assertSame(fixed, fixed.forImage(1000, 20));
  }

  @Test
  void constructor_neitherOrBoth_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> new MattingInputSize(0, 0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new MattingInputSize(320, 320, 512, 32));
    assertThrows(IllegalArgumentException.class, () -> MattingInputSize.fixed(320, 0));
    assertThrows(IllegalArgumentException.class, () -> MattingInputSize.rule(16, 32));
    assertThrows(IllegalArgumentException.class, () -> MODNET.forImage(0, 10));
  }

  @Test
  void modnet_feedsRgbInMinusOneToOne() {
    assertEquals(Normalization.RGB_MINUS_ONE_TO_ONE, MattingFamily.MODNET.normalization());
  }
}
