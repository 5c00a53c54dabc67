package io.gpen4j.internal.io;

import static io.gpen4j.internal.io.PixelAssertions.assertColour;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.testing.TestImages;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * EXIF orientation 1 to 8 read from real files and applied. The upright image is 64x48 with
 * quadrants red, green / blue, white ("RGBW", row by row); each case gives the layout a camera
 * stores for that orientation, worked out by hand from TIFF 6.0's definitions.
 */
final class ImageDecoderOrientationTest {
  private static final int WIDTH = 64;
  private static final int HEIGHT = 48;
  private static final String UPRIGHT = "RGBW";

  private final ImageDecoder decoder = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS);

  @ParameterizedTest(name = "orientation {0}: stored {1}")
  @CsvSource({
    "1, RGBW", // as displayed
    "2, GRWB", // mirrored left-right
    "3, WBGR", // turned 180
    "4, BWRG", // mirrored top-bottom
    "5, RBGW", // transposed: the first row is stored as the first column
    "6, GWRB", // stored turned 90 counter-clockwise; displayed by turning clockwise
    "7, WGBR", // transversed: mirrored about the anti-diagonal
    "8, BRWG", // stored turned 90 clockwise; displayed by turning counter-clockwise
  })
  void decode_jpegWithExifOrientation_returnsUprightImage(int orientation, String storedLayout) {
    byte[] jpeg =
        TestImages.withExifOrientation(
            TestImages.jpeg(stored(orientation, storedLayout), false), orientation);

    DecodedImage d = decoder.decode(jpeg, "orientation-" + orientation + ".jpg");

    assertEquals(orientation, d.exifOrientation());
    assertUpright(d.image(), "JPEG orientation " + orientation);
  }

  @ParameterizedTest(name = "orientation {0}: stored {1}")
  @CsvSource({"1, RGBW", "3, WBGR", "6, GWRB", "8, BRWG"})
  void decode_pngWithExifChunk_returnsUprightImage(int orientation, String storedLayout) {
    byte[] png =
        PngChunks.withChunkAfterHeader(
            TestImages.encode(stored(orientation, storedLayout), "png"),
            "eXIf",
            PngChunks.exifOrientation(orientation));

    DecodedImage d = decoder.decode(png, "orientation-" + orientation + ".png");

    assertEquals(orientation, d.exifOrientation());
    assertUpright(d.image(), "PNG orientation " + orientation);
  }

  @Test
  void decode_webpWithExifChunk_returnsUprightImage() {
    BufferedImage stored = stored(6, "GWRB");
    byte[] webp =
        WebPs.withExif(
            WebPs.encode(stored, 101, false),
            stored.getWidth(),
            stored.getHeight(),
            false,
            PngChunks.exifOrientation(6));

    DecodedImage d = decoder.decode(webp, "orientation-6.webp");

    assertEquals("webp", d.format());
    assertEquals(6, d.exifOrientation());
    assertUpright(d.image(), "WebP orientation 6");
  }

  @Test
  void decode_exifOrientationOutOfRange_isIgnored() {
    byte[] png =
        PngChunks.withChunkAfterHeader(
            TestImages.encode(TestImages.quadrants(WIDTH, HEIGHT, UPRIGHT), "png"),
            "eXIf",
            PngChunks.exifOrientation(9));

    DecodedImage d = decoder.decode(png, "orientation-9.png");

    assertEquals(1, d.exifOrientation());
    assertUpright(d.image(), "orientation 9 ignored");
  }

  @Test
  void decode_brokenExifChunk_isIgnoredAndPixelsStillDecode() {
    byte[] png =
        PngChunks.withChunkAfterHeader(
            TestImages.encode(TestImages.quadrants(WIDTH, HEIGHT, UPRIGHT), "png"),
            "eXIf",
            new byte[] {'M', 'M', 0, 42, 0x7F, 0, 0, 0});

    DecodedImage d = decoder.decode(png, "broken-exif.png");

    assertEquals(1, d.exifOrientation());
    assertUpright(d.image(), "broken EXIF ignored");
  }

  private static BufferedImage stored(int orientation, String layout) {
    boolean swapped = orientation >= 5;
    return TestImages.quadrants(swapped ? HEIGHT : WIDTH, swapped ? WIDTH : HEIGHT, layout);
  }

  private static void assertUpright(RgbaImage image, String what) {
    assertEquals(WIDTH, image.width(), what + ": width");
    assertEquals(HEIGHT, image.height(), what + ": height");
    for (int q = 0; q < 4; q++) {
      int x = (q % 2) * WIDTH / 2 + WIDTH / 4;
      int y = (q / 2) * HEIGHT / 2 + HEIGHT / 4;
      assertColour(
          TestImages.colour(UPRIGHT.charAt(q)), image.argb(x, y), 12, what + ", quadrant " + q);
    }
  }
}
