package io.gpen4j.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.testing.TestImages;
import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class OrientationTest {

  /**
   * The display transform of each EXIF orientation as Java2D affine matrices on point coordinates
   * (TIFF 6.0 section 8), independent of the index arithmetic under test.
   */
  private static AffineTransform displayTransform(int orientation, int w, int h) {
    return switch (orientation) {
      case 1 -> new AffineTransform();
      case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0); // mirror left-right
      case 3 -> new AffineTransform(-1, 0, 0, -1, w, h); // 180
      case 4 -> new AffineTransform(1, 0, 0, -1, 0, h); // mirror top-bottom
      case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0); // transpose
      case 6 -> new AffineTransform(0, 1, -1, 0, h, 0); // 90 clockwise
      case 7 -> new AffineTransform(0, -1, -1, 0, h, w); // transverse
      case 8 -> new AffineTransform(0, -1, 1, 0, 0, w); // 90 counter-clockwise
      default -> throw new IllegalArgumentException();
    };
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void apply_randomImages_matchesJava2dAffineTransform(int orientation) {
    Random random = new Random(42 + orientation);
    for (int trial = 0; trial < 20; trial++) {
      int w = 1 + random.nextInt(17);
      int h = 1 + random.nextInt(17);
      BufferedImage stored = TestImages.randomRgb(w, h, random.nextLong());
      Orientation o = Orientation.fromExif(orientation);
      boolean swap = orientation >= 5;
      BufferedImage expected =
          new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
      new AffineTransformOp(
              displayTransform(orientation, w, h), AffineTransformOp.TYPE_NEAREST_NEIGHBOR)
          .filter(stored, expected);

      RgbaImage actual = o.apply(RgbaImage.fromBufferedImage(stored));

      PixelAssertions.assertSamePixels(expected, actual);
    }
  }

  @Test
  void apply_topLeft_returnsSameImage() {
    RgbaImage image = RgbaImage.blank(3, 2, false);
    assertSame(image, Orientation.TOP_LEFT.apply(image));
  }

  @Test
  void apply_keepsAlphaFlag() {
    RgbaImage image = RgbaImage.wrap(2, 1, new int[] {0x10203040, 0x80FFFFFF}, true);
    RgbaImage turned = Orientation.RIGHT_TOP.apply(image);
    assertTrue(turned.hasAlpha());
    assertEquals(1, turned.width());
    assertEquals(2, turned.height());
    assertEquals(0x10203040, turned.argb(0, 0));
  }

  @Test
  void fromExif_valuesOneToEight_roundTrip() {
    for (int v = 1; v <= 8; v++) {
      assertEquals(v, Orientation.fromExif(v).exifValue());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 9, -1})
  void fromExif_outOfRange_throwsNamingTheValue(int value) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Orientation.fromExif(value));
    assertTrue(e.getMessage().contains(Integer.toString(value)), e.getMessage());
  }
}
