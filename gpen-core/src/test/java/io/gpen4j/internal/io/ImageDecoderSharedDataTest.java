package io.gpen4j.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.ImageDecodeException;
import io.gpen4j.testing.SharedData;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real photographs in ../shared/images. */
final class ImageDecoderSharedDataTest {
  private final ImageDecoder decoder = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS);

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "astronaut.png, png, 512, 512, false",
    "grace_hopper.jpg, jpeg, 512, 600, false",
    "no_face_coffee.png, png, 600, 400, false",
    "solvay_conference_1927.png, png, 1328, 568, true",
  })
  void decode_sharedPhotograph_hasExpectedSizeFormatAndAlpha(
      String name, String format, int width, int height, boolean alpha) throws Exception {
    Path file = SharedData.image(name);

    DecodedImage d = decoder.decode(file);

    assertEquals(format, d.format());
    assertEquals(width, d.image().width());
    assertEquals(height, d.image().height());
    assertEquals(alpha, d.image().hasAlpha());
    assertEquals(1, d.exifOrientation());
    // These are 8-bit sRGB images, for which Java2D's own conversion is exact.
    PixelAssertions.assertSamePixels(ImageIO.read(file.toFile()), d.image());
  }

  @Test
  void decode_sharedPhotographFromBytes_equalsDecodeFromFile() throws Exception {
    Path file = SharedData.image("grace_hopper.jpg");

    DecodedImage fromFile = decoder.decode(file);
    DecodedImage fromBytes = decoder.decode(java.nio.file.Files.readAllBytes(file), "upload.jpg");

    assertTrue(java.util.Arrays.equals(fromFile.image().pixels(), fromBytes.image().pixels()));
    assertFalse(fromBytes.image().hasAlpha());
  }

  @Test
  void decode_sharedTruncatedJpeg_fails() {
    Path file = SharedData.image("truncated.jpg");

    ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decoder.decode(file));

    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }
}
