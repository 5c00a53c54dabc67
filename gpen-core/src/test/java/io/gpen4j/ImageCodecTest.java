package io.gpen4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.internal.io.DecodedImage;
import io.gpen4j.internal.io.ImageDecoder;
import io.gpen4j.internal.io.ImageEncoder;
import io.gpen4j.testing.JavaTestBackend;
import io.gpen4j.testing.SharedData;
import io.gpen4j.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The public codec is the restorer's own: the internal decoder's pixels for every kind of input the
 * decoder tests use, the internal encoder's bytes, the declared exceptions with clear messages for
 * broken input, and a detect-then-restore through decoded frames writes the file
 * {@link FaceRestorer#restore(Path, Path, RestoreOptions)} writes.
 */
final class ImageCodecTest {
  private final ImageCodec codec = ImageCodec.defaults();
  private final ImageDecoder internal = new ImageDecoder(Limits.DEFAULT_MAX_IMAGE_PIXELS);

  @TempDir Path tmp;

  /** The inputs: the shared photos (RGB PNG, JPEG, RGBA PNG) and made ones (EXIF, progressive, grey, BMP). */
  private static byte[] input(String name) throws IOException {
    BufferedImage quadrants = TestImages.quadrants(64, 48, "RGBW");
    return switch (name) {
      case "exif-6.jpg" -> TestImages.withExifOrientation(TestImages.jpeg(quadrants, false), 6);
      case "progressive.jpg" -> TestImages.jpeg(TestImages.randomRgb(40, 30, 7), true);
      case "grey.png" -> {
        BufferedImage grey = new BufferedImage(33, 17, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSamples(0, 0, 33, 17, 0, new Random(3).ints(33 * 17, 0, 256).toArray());
        yield TestImages.encode(grey, "png");
      }
      case "random.bmp" -> TestImages.encode(TestImages.randomRgb(21, 13, 5), "bmp");
      default -> Files.readAllBytes(SharedData.image(name));
    };
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"astronaut.png", "grace_hopper.jpg", "solvay_conference_1927.png", "no_face_coffee.png",
      "exif-6.jpg", "progressive.jpg", "grey.png", "random.bmp"})
  void decode_givesTheInternalDecodersPixels(String name) throws IOException {
    byte[] bytes = input(name);

    Frame frame = codec.decode(bytes, name);
    DecodedImage reference = internal.decode(bytes, name);

    assertEquals(reference.image().width(), frame.width());
    assertEquals(reference.image().height(), frame.height());
    assertEquals(reference.image().hasAlpha(), frame.pixels().hasAlpha());
    assertArrayEquals(reference.image().pixels(), frame.pixels().pixels());
  }

  @Test
  void decode_exifRotatedJpeg_isUpright() throws IOException {
    Frame frame = codec.decode(input("exif-6.jpg"), "exif-6.jpg");

    // Stored 64x48 with orientation 6: displayed turned clockwise, 48x64.
    assertEquals(48, frame.width());
    assertEquals(64, frame.height());
  }

  @Test
  void decode_file_sameFrameAsItsBytes() throws IOException {
    Path file = SharedData.image("grace_hopper.jpg");

    assertArrayEquals(codec.decode(Files.readAllBytes(file), "g").pixels().pixels(),
        codec.decode(file).pixels().pixels());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"png", "jpg", "bmp"})
  void encode_givesTheInternalEncodersBytes_alphaOnTheBackground(String extension) throws IOException {
    ImageFormat format = ImageFormat.forExtension(extension).orElseThrow();
    Frame frame = codec.decode(input("solvay_conference_1927.png"), "solvay");
    BufferedImage image = frame.pixels().toBufferedImage();
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    ImageEncoder.write(RgbaImage.fromBufferedImage(image), format, 0x2040A0, expected);

    ByteArrayOutputStream actual = new ByteArrayOutputStream();
    codec.encode(image, format, 0x2040A0, actual);

    assertArrayEquals(expected.toByteArray(), actual.toByteArray());
  }

  @Test
  void decode_empty_saysEmptyAndNamesTheSource() {
    ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> codec.decode(new byte[0], "scan-1.jpg"));

    assertEquals(ImageDecodeException.class, e.getClass());
    assertEquals("Cannot decode scan-1.jpg: the file is empty (0 bytes)", e.getMessage());
  }

  @Test
  void decode_truncatedJpeg_saysTruncated() throws IOException {
    byte[] bytes = Files.readAllBytes(SharedData.image("truncated.jpg"));

    ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> codec.decode(bytes, "truncated.jpg"));

    assertTrue(e.getMessage().startsWith("Cannot decode truncated.jpg: "), e.getMessage());
    assertTrue(e.getMessage().contains("truncated file"), e.getMessage());
  }

  @Test
  void decode_text_saysNotAnImageAndListsTheFormats() {
    byte[] text = "just some words, not a photo".getBytes(StandardCharsets.US_ASCII);

    ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> codec.decode(text, "notes.jpg"));

    assertTrue(e.getMessage().startsWith("Cannot decode notes.jpg: not a supported image format"), e.getMessage());
    assertTrue(e.getMessage().contains("png"), e.getMessage());
  }

  @Test
  void decode_cutPng_saysCorruptOrTruncated() throws IOException {
    byte[] png = input("astronaut.png");
    byte[] cut = Arrays.copyOf(png, png.length / 2);

    ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> codec.decode(cut, "cut.png"));

    assertTrue(e.getMessage().startsWith("Cannot decode cut.png: "), e.getMessage());
    assertTrue(e.getMessage().contains("png"), e.getMessage());
  }

  @Test
  void decode_missingFile_namesIt() {
    Path missing = tmp.resolve("gone.png");

    ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> codec.decode(missing));

    assertEquals("Cannot decode " + missing + ": no such file", e.getMessage());
  }

  @Test
  void decode_overTheLimit_tooLargeFromTheHeader() throws IOException {
    ImageCodec small = ImageCodec.withMaxImagePixels(1000);

    ImageTooLargeException e = assertThrows(ImageTooLargeException.class,
        () -> small.decode(input("astronaut.png"), "astronaut.png"));

    assertTrue(e.getMessage().contains("512x512"), e.getMessage());
    assertTrue(e.getMessage().contains("over the limit of 1,000 pixels"), e.getMessage());
    assertEquals(1000, small.maxImagePixels());
    assertEquals(Limits.DEFAULT_MAX_IMAGE_PIXELS, codec.maxImagePixels());
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1, ImageDecoder.MAX_SUPPORTED_PIXELS + 1})
  void withMaxImagePixels_outOfRange_namesTheOption(long pixels) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ImageCodec.withMaxImagePixels(pixels));

    assertTrue(e.getMessage().startsWith("maxImagePixels must be between 1 and"), e.getMessage());
  }

  @Test
  void decode_nulls_throwNullPointerException() {
    assertThrows(NullPointerException.class, () -> codec.decode(null, "x"));
    assertThrows(NullPointerException.class, () -> codec.decode(new byte[] {1}, null));
    assertThrows(NullPointerException.class, () -> codec.decode((Path) null));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"png", "jpg"})
  void detectThenRestoreFrames_writesTheFileRestoreWrites(String extension) throws IOException {
    Path photo = SharedData.image("grace_hopper.jpg");
    Random rnd = new Random(11);
    List<DetectedFace> faces = List.of(
        FaceRestorerTest.randomFace(rnd, 512, 600, 60), FaceRestorerTest.randomFace(rnd, 512, 600, 45));
    ImageFormat format = ImageFormat.forExtension(extension).orElseThrow();
    try (FaceRestorer restorer = FaceRestorer.builder()
        .backend(new JavaTestBackend())
        .generator(JavaTestBackend.writeModel(tmp, "identity 256"))
        .faceDetector(img -> faces)
        .build()) {
      Path file = tmp.resolve("out." + extension);
      restorer.restore(photo, file, RestoreOptions.DEFAULTS);

      Frame frame = codec.decode(Files.readAllBytes(photo), photo.toString());
      RestoreResult r = restorer.restoreFrames(List.of(frame), List.of(restorer.detect(frame, RestoreOptions.DEFAULTS)),
          RestoreOptions.DEFAULTS).get(0);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      codec.encode(r.image(), format, RestoreOptions.DEFAULTS.jpegBackground(), out);

      assertArrayEquals(Files.readAllBytes(file), out.toByteArray());
    }
  }
}
