package io.gpen4j.internal.io;

import static io.gpen4j.internal.io.PixelAssertions.assertSamePixels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class ImageEncoderTest {
  private final ImageDecoder decoder = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS);

  @TempDir Path dir;

  private static BufferedImage randomArgb(int w, int h, long seed) {
    Random random = new Random(seed);
    int[] px = new int[w * h];
    for (int i = 0; i < px.length; i++) {
      px[i] = random.nextInt();
    }
    return RgbaImage.wrap(w, h, px, true).toBufferedImage();
  }

  private List<Path> filesInDir() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  @Test
  void write_png_roundTripsEveryPixelIncludingAlpha() throws Exception {
    BufferedImage image = randomArgb(37, 23, 1);
    Path target = dir.resolve("out.png");

    write(image, target);
    DecodedImage d = decoder.decode(target);

    assertEquals("png", d.format());
    assertTrue(d.image().hasAlpha());
    assertSamePixels(image, d.image());
    assertEquals(List.of(target), filesInDir(), "no temporary file left");
  }

  @Test
  void write_opaqueRgbaImageView_roundTripsAsOpaquePng() throws Exception {
    BufferedImage image = TestImages.randomRgb(20, 10, 2);
    RgbaImage rgba = ImageDecoder.fromBufferedImage(image);
    Path target = dir.resolve("opaque.PNG");

    ImageEncoder.write(rgba, target);
    DecodedImage d = decoder.decode(target);

    assertFalse(d.image().hasAlpha());
    assertArrayEquals(rgba.pixels(), d.image().pixels());
  }

  @ParameterizedTest
  @ValueSource(strings = {"out.jpg", "out.jpeg", "OUT.JPG"})
  void write_jpeg_isCloseToSource(String name) throws Exception {
    BufferedImage image = TestImages.gradient(96, 64);
    Path target = dir.resolve(name);

    write(image, target);
    DecodedImage d = decoder.decode(target);

    assertEquals("jpeg", d.format());
    double diff = PixelAssertions.meanAbsDiff(image, d.image());
    assertTrue(diff < 1.5, "mean abs diff " + diff);
  }

  @Test
  void write_jpegFromAlphaImage_compositesOnWhiteByDefault() throws Exception {
    BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        image.setRGB(x, y, (x < 16 ? 0x00 : 0x80) << 24 | 0x2080C0);
      }
    }
    Path target = dir.resolve("flat.jpg");

    write(image, target);
    DecodedImage d = decoder.decode(target);

    assertFalse(d.image().hasAlpha());
    // The colour under a transparent pixel is hidden, not shown: white there, a blend at half alpha.
    PixelAssertions.assertColour(0xFFFFFFFF, d.image().argb(4, 16), 4, "transparent half");
    PixelAssertions.assertColour(0xFF8FBFDF, d.image().argb(28, 16), 4, "translucent half");
  }

  @Test
  void write_jpegFromAlphaImage_compositesOnTheGivenBackground() throws Exception {
    BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        image.setRGB(x, y, x < 16 ? 0x00FF00FF : 0xFF2080C0);
      }
    }
    Path target = dir.resolve("black.jpg");

    ImageEncoder.write(rgba(image), target, 0x000000);
    DecodedImage d = decoder.decode(target);

    PixelAssertions.assertColour(0xFF000000, d.image().argb(4, 16), 4, "transparent half");
    PixelAssertions.assertColour(0xFF2080C0, d.image().argb(28, 16), 4, "opaque half");
  }

  @Test
  void write_bmp_roundTripsExactlyCompositingAlphaOnWhite() throws Exception {
    BufferedImage image = randomArgb(13, 9, 3);
    Path target = dir.resolve("out.bmp");

    write(image, target);
    DecodedImage d = decoder.decode(target);

    assertEquals("bmp", d.format());
    assertFalse(d.image().hasAlpha());
    for (int y = 0; y < 9; y++) {
      for (int x = 0; x < 13; x++) {
        assertEquals(overWhite(image.getRGB(x, y)), d.image().argb(x, y));
      }
    }
  }

  @Test
  void write_sixteenBitGreyToJpeg_keepsTheDecodersGreyValues() throws Exception {
    BufferedImage grey = new BufferedImage(16, 16, BufferedImage.TYPE_USHORT_GRAY);
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++) {
        grey.getRaster().setSample(x, y, 0, 128 * 257);
      }
    }
    Path target = dir.resolve("grey.jpg");

    write(grey, target);

    PixelAssertions.assertColour(
        0xFF808080, decoder.decode(target).image().argb(8, 8), 2, "grey 128");
  }

  @Test
  void write_premultipliedImageToPng_storesStraightAlpha() throws Exception {
    BufferedImage pre = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB_PRE);
    pre.setRGB(1, 1, 0x80FF0000);
    Path target = dir.resolve("pre.png");

    write(pre, target);

    PixelAssertions.assertColour(0x80FF0000, decoder.decode(target).image().argb(1, 1), 2, "red");
  }

  @Test
  void write_existingTarget_isReplaced() throws Exception {
    Path target = dir.resolve("replace.png");
    Files.writeString(target, "old content");
    BufferedImage image = TestImages.randomRgb(8, 8, 4);

    write(image, target);

    assertSamePixels(image, decoder.decode(target).image());
    assertEquals(List.of(target), filesInDir());
  }

  @ParameterizedTest
  @ValueSource(strings = {"out.webp", "out.gif", "out.tiff", "noextension", "trailingdot."})
  void write_unsupportedExtension_throwsNamingItAndTheSupportedOnes(String name) throws Exception {
    Path target = dir.resolve(name);

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ImageEncoder.write(rgba(TestImages.randomRgb(4, 4, 5)), target));

    String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
    String expected = extension.isEmpty() ? "no file extension" : "'" + extension + "'";
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertTrue(e.getMessage().contains("png, jpg, jpeg, bmp"), e.getMessage());
    assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
    assertTrue(filesInDir().isEmpty(), "nothing written");
  }

  @Test
  void write_targetIsNonEmptyDirectory_failsLeavingItIntactAndNoTempFile() throws Exception {
    Path target = dir.resolve("taken.png");
    Files.createDirectory(target);
    Files.writeString(target.resolve("keep.txt"), "keep");

    assertThrows(
        IOException.class, () -> ImageEncoder.write(rgba(TestImages.randomRgb(4, 4, 6)), target));

    assertEquals(List.of(target), filesInDir(), "no temporary file left");
    assertEquals("keep", Files.readString(target.resolve("keep.txt")));
  }

  @Test
  void write_missingDirectory_throwsIOException() {
    Path target = dir.resolve("no-such-dir").resolve("out.png");

    assertThrows(
        IOException.class, () -> ImageEncoder.write(rgba(TestImages.randomRgb(4, 4, 7)), target));

    assertFalse(Files.exists(target.getParent()));
  }

  @Test
  void write_nullArguments_throwNullPointerNamingTheArgument() {
    NullPointerException e =
        assertThrows(
            NullPointerException.class, () -> ImageEncoder.write(null, dir.resolve("x.png")));
    assertEquals("image", e.getMessage());
    NullPointerException e2 =
        assertThrows(
            NullPointerException.class,
            () -> ImageEncoder.write(rgba(TestImages.randomRgb(1, 1, 1)), null));
    assertEquals("target", e2.getMessage());
  }

  @Test
  void write_stream_receivesTheEncodedImageAndStaysOpen() throws Exception {
    BufferedImage image = randomArgb(21, 17, 8);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

    ImageEncoder.write(rgba(image), io.gpen4j.ImageFormat.PNG, out);
    out.write(1);

    byte[] bytes = out.toByteArray();
    DecodedImage d = decoder.decode(java.util.Arrays.copyOf(bytes, bytes.length - 1), "stream");
    assertEquals("png", d.format());
    assertSamePixels(image, d.image());
  }

  /** What the pipeline does with any input: convert it to 8-bit RGBA, then encode. */
  private static int overWhite(int argb) {
    int a = argb >>> 24;
    int out = 0xFF000000;
    for (int shift = 16; shift >= 0; shift -= 8) {
      int c = (argb >> shift) & 0xFF;
      out |= ((c * a + 255 * (255 - a) + 127) / 255) << shift;
    }
    return out;
  }

  private static void write(BufferedImage image, Path target) throws IOException {
    ImageEncoder.write(rgba(image), target);
  }

  private static RgbaImage rgba(BufferedImage image) {
    return RgbaImage.fromBufferedImage(image);
  }
}
