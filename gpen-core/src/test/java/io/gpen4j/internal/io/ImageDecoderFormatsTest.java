package io.gpen4j.internal.io;

import static io.gpen4j.internal.io.PixelAssertions.assertColour;
import static io.gpen4j.internal.io.PixelAssertions.assertSamePixels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.testing.TestImages;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every pixel layout the decoder must turn into 8-bit sRGB, written with real encoders. */
final class ImageDecoderFormatsTest {
  private final ImageDecoder decoder = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS);

  @TempDir Path dir;

  private DecodedImage decodeFile(byte[] bytes, String name) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return decoder.decode(file);
  }

  @Test
  void decode_greyPng_keepsGreyValuesUnchanged() throws Exception {
    BufferedImage grey = new BufferedImage(256, 1, BufferedImage.TYPE_BYTE_GRAY);
    for (int x = 0; x < 256; x++) {
      grey.getRaster().setSample(x, 0, 0, x);
    }

    DecodedImage d = decodeFile(TestImages.encode(grey, "png"), "grey.png");

    assertEquals("png", d.format());
    assertFalse(d.image().hasAlpha());
    for (int x = 0; x < 256; x++) {
      // Grey 128 must stay 128: Java2D's getRGB would give 188 (it treats CS_GRAY as linear).
      assertEquals(0xFF000000 | x << 16 | x << 8 | x, d.image().argb(x, 0), "grey " + x);
    }
  }

  @Test
  void decode_greyAlphaPng_keepsGreyAndAlpha() throws Exception {
    ComponentColorModel cm =
        new ComponentColorModel(
            ColorSpace.getInstance(ColorSpace.CS_GRAY),
            true,
            false,
            Transparency.TRANSLUCENT,
            DataBuffer.TYPE_BYTE);
    WritableRaster raster = cm.createCompatibleWritableRaster(16, 16);
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++) {
        raster.setPixel(x, y, new int[] {x * 16 + y, 255 - y * 16});
      }
    }
    BufferedImage image = new BufferedImage(cm, raster, false, null);

    DecodedImage d = decodeFile(TestImages.encode(image, "png"), "grey-alpha.png");

    assertTrue(d.image().hasAlpha());
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++) {
        int g = x * 16 + y;
        int a = 255 - y * 16;
        assertEquals(a << 24 | g << 16 | g << 8 | g, d.image().argb(x, y), "pixel " + x + "," + y);
      }
    }
  }

  @Test
  void decode_sixteenBitGreyPng_roundsToNearestEightBitValue() throws Exception {
    BufferedImage grey = new BufferedImage(64, 64, BufferedImage.TYPE_USHORT_GRAY);
    int[] samples = randomSamples(64 * 64, 16, 7);
    grey.getRaster().setSamples(0, 0, 64, 64, 0, samples);

    DecodedImage d = decodeFile(TestImages.encode(grey, "png"), "grey16.png");

    for (int i = 0; i < samples.length; i++) {
      int v = (int) Math.round(samples[i] * 255.0 / 65535.0);
      assertEquals(
          0xFF000000 | v << 16 | v << 8 | v,
          d.image().pixels()[i],
          "sample " + Integer.toHexString(samples[i]));
    }
  }

  @Test
  void decode_sixteenBitRgbAndRgbaPng_roundsEveryChannel() throws Exception {
    for (boolean alpha : new boolean[] {false, true}) {
      int bands = alpha ? 4 : 3;
      ComponentColorModel cm =
          new ComponentColorModel(
              ColorSpace.getInstance(ColorSpace.CS_sRGB),
              alpha,
              false,
              alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE,
              DataBuffer.TYPE_USHORT);
      WritableRaster raster = cm.createCompatibleWritableRaster(32, 32);
      int[] samples = randomSamples(32 * 32 * bands, 16, alpha ? 11 : 13);
      // Values whose high byte is not the rounded value: 0xFF00 -> 254, 0x0080 -> 0, 0x8180 -> 129.
      samples[0] = 0xFF00;
      samples[1] = 0x0080;
      samples[2] = 0x8180;
      raster.setPixels(0, 0, 32, 32, samples);
      BufferedImage image = new BufferedImage(cm, raster, false, null);

      DecodedImage d = decodeFile(TestImages.encode(image, "png"), "rgb16-" + alpha + ".png");

      assertEquals(alpha, d.image().hasAlpha());
      for (int p = 0; p < 32 * 32; p++) {
        int r = round16(samples[p * bands]);
        int g = round16(samples[p * bands + 1]);
        int b = round16(samples[p * bands + 2]);
        int a = alpha ? round16(samples[p * bands + 3]) : 255;
        assertEquals(a << 24 | r << 16 | g << 8 | b, d.image().pixels()[p], "pixel " + p);
      }
    }
  }

  @Test
  void decode_palettePngWithTransparentEntry_mapsThroughPaletteAndKeepsAlpha() throws Exception {
    byte[] r = {(byte) 255, 0, 0, 7};
    byte[] g = {0, (byte) 200, 0, 8};
    byte[] b = {0, 0, (byte) 255, 9};
    byte[] a = {(byte) 255, (byte) 255, (byte) 128, 0};
    IndexColorModel palette = new IndexColorModel(2, 4, r, g, b, a);
    BufferedImage image = new BufferedImage(8, 4, BufferedImage.TYPE_BYTE_BINARY, palette);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 8; x++) {
        image.getRaster().setSample(x, y, 0, (x + y) % 4);
      }
    }

    DecodedImage d = decodeFile(TestImages.encode(image, "png"), "palette.png");

    assertTrue(d.image().hasAlpha());
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 8; x++) {
        int i = (x + y) % 4;
        int expected =
            (a[i] & 0xFF) << 24 | (r[i] & 0xFF) << 16 | (g[i] & 0xFF) << 8 | (b[i] & 0xFF);
        assertEquals(expected, d.image().argb(x, y), "pixel " + x + "," + y);
      }
    }
  }

  @Test
  void decode_oneBitGreyPng_givesBlackAndWhite() throws Exception {
    BufferedImage image = new BufferedImage(9, 3, BufferedImage.TYPE_BYTE_BINARY);
    image.getRaster().setSample(4, 1, 0, 1);

    DecodedImage d = decodeFile(TestImages.encode(image, "png"), "binary.png");

    assertEquals(0xFFFFFFFF, d.image().argb(4, 1));
    assertEquals(0xFF000000, d.image().argb(3, 1));
  }

  @Test
  void decode_alphaPng_keepsEveryPixelExactly() throws Exception {
    BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_ARGB);
    Random random = new Random(3);
    for (int y = 0; y < 30; y++) {
      for (int x = 0; x < 40; x++) {
        image.setRGB(x, y, random.nextInt());
      }
    }

    DecodedImage d = decodeFile(TestImages.encode(image, "png"), "alpha.png");

    assertTrue(d.image().hasAlpha());
    assertSamePixels(image, d.image());
  }

  @Test
  void decode_rgbPng_isExactAndOpaque() throws Exception {
    BufferedImage image = TestImages.randomRgb(33, 17, 5);

    DecodedImage d = decodeFile(TestImages.encode(image, "png"), "rgb.png");

    assertFalse(d.image().hasAlpha());
    assertEquals(1, d.exifOrientation());
    assertSamePixels(image, d.image());
  }

  @Test
  void decode_bmp_isExact() throws Exception {
    BufferedImage image = TestImages.randomRgb(31, 7, 9);

    DecodedImage d = decodeFile(TestImages.encode(image, "bmp"), "image.bmp");

    assertEquals("bmp", d.format());
    assertSamePixels(image, d.image());
  }

  @Test
  void decode_baselineAndProgressiveJpeg_closeToSource() throws Exception {
    BufferedImage source = TestImages.gradient(96, 64);
    for (boolean progressive : new boolean[] {false, true}) {
      byte[] jpeg = TestImages.jpeg(source, progressive);
      assertEquals(progressive, TestImages.isProgressiveJpeg(jpeg), "test input is progressive");

      DecodedImage d = decodeFile(jpeg, progressive ? "progressive.jpg" : "baseline.jpg");

      assertEquals("jpeg", d.format());
      assertFalse(d.image().hasAlpha());
      double diff = PixelAssertions.meanAbsDiff(source, d.image());
      assertTrue(diff < 2.0, "mean abs diff " + diff);
    }
  }

  /** C, M, Y, K ink (255 = full) and the RGB a CMYK decoder without an ICC profile gives. */
  private static final int[][] INKS = {
    {0, 0, 0, 0},
    {255, 0, 0, 0},
    {0, 255, 0, 0},
    {0, 0, 255, 0},
    {0, 0, 0, 255},
    {0, 0, 0, 128},
    {64, 128, 192, 32},
  };

  private static int naiveRgb(int[] ink) {
    int k = 255 - ink[3];
    int r = Math.round((255 - ink[0]) * k / 255f);
    int g = Math.round((255 - ink[1]) * k / 255f);
    int b = Math.round((255 - ink[2]) * k / 255f);
    return 0xFF000000 | r << 16 | g << 8 | b;
  }

  @Test
  void decode_cmykJpeg_convertsInksToRgb() throws Exception {
    DecodedImage d = decodeFile(CmykJpegs.patches(INKS, false), "cmyk.jpg");

    assertFalse(d.image().hasAlpha());
    for (int i = 0; i < INKS.length; i++) {
      assertColour(
          naiveRgb(INKS[i]),
          d.image().argb(CmykJpegs.patchCentreX(i), CmykJpegs.patchCentreY()),
          6,
          "CMYK patch " + i);
    }
  }

  @Test
  void decode_ycckJpeg_convertsInksToRgb() throws Exception {
    DecodedImage d = decodeFile(CmykJpegs.patches(INKS, true), "ycck.jpg");

    for (int i = 0; i < INKS.length; i++) {
      assertColour(
          naiveRgb(INKS[i]),
          d.image().argb(CmykJpegs.patchCentreX(i), CmykJpegs.patchCentreY()),
          6,
          "YCCK patch " + i);
    }
  }

  @Test
  void decode_losslessWebp_isExact() throws Exception {
    BufferedImage image = TestImages.randomRgb(24, 16, 17);

    DecodedImage d = decodeFile(WebPs.encode(image, 101, false), "lossless.webp");

    assertEquals("webp", d.format());
    assertSamePixels(image, d.image());
  }

  @Test
  void decode_lossyWebp_closeToSource() throws Exception {
    BufferedImage image = TestImages.gradient(64, 48);

    DecodedImage d = decodeFile(WebPs.encode(image, 95, false), "lossy.webp");

    double diff = PixelAssertions.meanAbsDiff(image, d.image());
    assertTrue(diff < 3.0, "mean abs diff " + diff);
  }

  @Test
  void decode_webpWithAlpha_keepsAlpha() throws Exception {
    BufferedImage image = new BufferedImage(16, 8, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 16; x++) {
        // No fully transparent pixel: libwebp may discard the colour under alpha 0.
        image.setRGB(x, y, (15 + x * 15) << 24 | 0x00FF8000 | y);
      }
    }

    DecodedImage d = decodeFile(WebPs.encode(image, 101, true), "alpha.webp");

    assertTrue(d.image().hasAlpha());
    assertSamePixels(image, d.image());
  }

  @Test
  void fromBufferedImage_greyImage_keepsGreyValues() {
    BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
    grey.getRaster().setSample(0, 0, 0, 128);
    grey.getRaster().setSample(1, 0, 0, 50);

    RgbaImage rgba = ImageDecoder.fromBufferedImage(grey);

    assertEquals(0xFF808080, rgba.argb(0, 0));
    assertEquals(0xFF323232, rgba.argb(1, 0));
  }

  @Test
  void fromBufferedImage_subimageRaster_readsTheRightPixels() {
    BufferedImage whole = new BufferedImage(20, 10, BufferedImage.TYPE_3BYTE_BGR);
    whole.setData(TestImages.randomRgb(20, 10, 23).getData());
    BufferedImage part = whole.getSubimage(5, 3, 7, 4);

    RgbaImage rgba = ImageDecoder.fromBufferedImage(part);

    assertSamePixels(part, rgba);
  }

  @Test
  void fromBufferedImage_premultipliedImage_givesStraightAlpha() {
    BufferedImage pre = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB_PRE);
    pre.setRGB(0, 0, 0x80FF0000);

    RgbaImage rgba = ImageDecoder.fromBufferedImage(pre);

    assertTrue(rgba.hasAlpha());
    assertColour(0x80FF0000, rgba.argb(0, 0), 2, "premultiplied red");
  }

  @Test
  void fromBufferedImage_linearRgbColourSpace_isConvertedToSrgb() {
    ColorSpace linear = ColorSpace.getInstance(ColorSpace.CS_LINEAR_RGB);
    ComponentColorModel cm =
        new ComponentColorModel(linear, false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
    WritableRaster raster = cm.createCompatibleWritableRaster(1, 1);
    raster.setPixel(0, 0, new int[] {255, 0, 0});
    BufferedImage image = new BufferedImage(cm, raster, false, null);

    RgbaImage rgba = ImageDecoder.fromBufferedImage(image);

    assertColour(0xFFFF0000, rgba.argb(0, 0), 2, "linear red");
  }

  private static int round16(int sample) {
    return (int) Math.round(sample * 255.0 / 65535.0);
  }

  private static int[] randomSamples(int count, int bits, long seed) {
    Random random = new Random(seed);
    int[] s = new int[count];
    for (int i = 0; i < count; i++) {
      s[i] = random.nextInt(1 << bits);
    }
    return s;
  }
}
