package io.gpen4j.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.ImageDecodeException;
import io.gpen4j.ImageTooLargeException;
import io.gpen4j.testing.TestImages;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The broken-input corpus: every case fails with the declared exception and a clear message. */
final class ImageDecoderErrorsTest {
  private final ImageDecoder decoder = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS);

  @TempDir Path dir;

  private Path write(String name, byte[] bytes) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return file;
  }

  private static void assertMessageNames(Exception e, String... parts) {
    String message = e.getMessage().toLowerCase(Locale.ROOT);
    for (String part : parts) {
      assertTrue(
          message.contains(part.toLowerCase(Locale.ROOT)),
          () -> "message \"" + e.getMessage() + "\" should mention \"" + part + "\"");
    }
  }

  @Test
  void decode_emptyFile_throwsDecodeExceptionSayingEmpty() throws Exception {
    Path file = write("empty.png", new byte[0]);

    ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decoder.decode(file));

    assertEquals(ImageDecodeException.class, e.getClass());
    assertMessageNames(e, file.toString(), "empty");
  }

  @Test
  void decode_emptyUpload_namesTheUpload() {
    ImageDecodeException e =
        assertThrows(ImageDecodeException.class, () -> decoder.decode(new byte[0], "upload-1.jpg"));

    assertMessageNames(e, "upload-1.jpg", "empty");
  }

  @Test
  void decode_missingFile_throwsDecodeExceptionSayingNoSuchFile() {
    Path file = dir.resolve("missing.jpg");

    ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decoder.decode(file));

    assertMessageNames(e, file.toString(), "no such file");
  }

  @Test
  void decode_directory_throwsDecodeExceptionSayingNotARegularFile() {
    ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decoder.decode(dir));

    assertMessageNames(e, dir.toString(), "not a regular file");
  }

  /**
   * Root reads a file whatever its mode bits say, so a chmod-000 file proves nothing under CI,
   * which runs as root. Linux checks a sysctl's mode bits even for root, and drop_caches is
   * write-only: unreadable for every user.
   */
  @Test
  @EnabledOnOs(value = OS.LINUX, disabledReason = "uses Linux's write-only /proc/sys/vm/drop_caches")
  void decode_unreadableFile_throwsDecodeExceptionSayingNotReadable() {
    Path file = Path.of("/proc/sys/vm/drop_caches");
    assertTrue(Files.isRegularFile(file), file + " should be a regular file");
    assertFalse(Files.isReadable(file), file + " should be unreadable, even for root");

    ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decoder.decode(file));

    assertMessageNames(e, file.toString(), "not readable");
  }

  @Test
  void decode_randomBytes_throwsDecodeExceptionSayingUnsupportedFormat() throws Exception {
    byte[] noise = new byte[4096];
    new Random(1).nextBytes(noise);
    Path file = write("noise.jpg", noise);

    ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decoder.decode(file));

    assertMessageNames(e, file.toString(), "not a supported image format", "png", "jpeg");
  }

  @Test
  void decode_textFile_throwsDecodeExceptionShowingTheFirstBytes() throws Exception {
    Path file =
        write("notes.png", "hello, this is not a picture".getBytes(StandardCharsets.US_ASCII));

    ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decoder.decode(file));

    assertMessageNames(e, file.toString(), "not a supported image format", "68 65 6c 6c 6f");
  }

  @Test
  void decode_sharedTruncatedJpeg_throwsDecodeException() {
    Path file = io.gpen4j.testing.SharedData.image("truncated.jpg");

    ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decoder.decode(file));

    assertEquals(ImageDecodeException.class, e.getClass());
    assertMessageNames(e, file.toString(), "jpeg");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.9, 0.5, 0.1})
  void decode_truncatedBaselineAndProgressiveJpeg_throwsDecodeExceptionSayingTruncated(
      double kept) {
    for (boolean progressive : new boolean[] {false, true}) {
      byte[] jpeg = TestImages.jpeg(TestImages.gradient(128, 96), progressive);
      byte[] cut = Arrays.copyOf(jpeg, (int) (jpeg.length * kept));
      String name = (progressive ? "progressive" : "baseline") + "-cut.jpg";

      // Readers return these as a silently half-grey image; only their warnings tell.
      ImageDecodeException e =
          assertThrows(ImageDecodeException.class, () -> decoder.decode(cut, name));

      assertMessageNames(e, name, "truncated");
    }
  }

  @Test
  void decode_jpegMissingOnlyItsEndMarker_throwsDecodeException() {
    byte[] jpeg = TestImages.jpeg(TestImages.gradient(32, 32), false);
    byte[] cut = Arrays.copyOf(jpeg, jpeg.length - 2);

    ImageDecodeException e =
        assertThrows(ImageDecodeException.class, () -> decoder.decode(cut, "no-eoi.jpg"));

    assertMessageNames(e, "no-eoi.jpg", "truncated");
  }

  @ParameterizedTest
  @ValueSource(strings = {"png", "bmp", "webp"})
  void decode_truncatedPngBmpWebp_throwsDecodeException(String format) {
    BufferedImage image = TestImages.randomRgb(64, 48, 3);
    byte[] bytes =
        format.equals("webp") ? WebPs.encode(image, 101, false) : TestImages.encode(image, format);
    byte[] cut = Arrays.copyOf(bytes, bytes.length / 2);

    ImageDecodeException e =
        assertThrows(ImageDecodeException.class, () -> decoder.decode(cut, "cut." + format));

    assertEquals(ImageDecodeException.class, e.getClass());
    assertMessageNames(e, "cut." + format, format, "truncated");
  }

  @Test
  void decode_pngHeaderClaiming60000x60000_throwsTooLargeBeforeDecoding() throws Exception {
    byte[] png =
        PngChunks.withHeaderSize(
            TestImages.encode(TestImages.randomRgb(8, 8, 2), "png"), 60000, 60000);
    Path file = write("bomb.png", png);

    // 3.6 gigapixels: allocating them would throw OutOfMemoryError, not this.
    ImageTooLargeException e =
        assertThrows(ImageTooLargeException.class, () -> decoder.decode(file));

    assertMessageNames(e, file.toString(), "60000x60000", "100,000,000");
  }

  @Test
  void decode_imageOverACustomLimit_throwsTooLargeNamingSizeAndLimit() {
    ImageDecoder small = new ImageDecoder(1000);
    byte[] png = TestImages.encode(TestImages.randomRgb(40, 30, 2), "png");

    ImageTooLargeException e =
        assertThrows(ImageTooLargeException.class, () -> small.decode(png, "big.png"));

    assertMessageNames(e, "big.png", "40x30", "1,200", "1,000");
  }

  @Test
  void decode_imageAtTheLimit_decodes() {
    ImageDecoder exact = new ImageDecoder(1200);
    byte[] png = TestImages.encode(TestImages.randomRgb(40, 30, 2), "png");

    assertEquals(40, exact.decode(png, "exact.png").image().width());
  }

  @Test
  void decode_pngWithCorruptImageData_throwsDecodeException() {
    byte[] png = TestImages.encode(TestImages.randomRgb(32, 32, 4), "png");
    byte[] corrupt = png.clone();
    for (int i = 60; i < corrupt.length - 20; i += 7) {
      corrupt[i] ^= 0x5A;
    }

    ImageDecodeException e =
        assertThrows(ImageDecodeException.class, () -> decoder.decode(corrupt, "corrupt.png"));

    assertMessageNames(e, "corrupt.png", "png");
  }

  @Test
  void decode_readerThrowsRuntimeException_isWrappedInDecodeException() {
    byte[] bmp = TestImages.encode(TestImages.randomRgb(24, 16, 6), "bmp");
    // A pixel-data offset (bfOffBits, bytes 10-13) with its top bit set makes JDK 17's BMP reader
    // throw NegativeArraySizeException.
    bmp[13] = (byte) 0x80;

    ImageDecodeException e =
        assertThrows(ImageDecodeException.class, () -> decoder.decode(bmp, "bad-offset.bmp"));

    assertTrue(e.getCause() instanceof RuntimeException, "cause " + e.getCause());
    assertMessageNames(e, "bad-offset.bmp", "bmp");
  }

  /**
   * Property: whatever damage is done to a valid file, the decoder returns an image or throws
   * {@link ImageDecodeException}; a reader's own exceptions (IndexOutOfBounds, NegativeArraySize,
   * IllegalArgument, ...) never escape unwrapped.
   */
  @ParameterizedTest
  @ValueSource(strings = {"png", "jpeg", "bmp", "gif", "webp"})
  void decode_randomlyDamagedFiles_onlyEverThrowDecodeException(String format) {
    BufferedImage image = TestImages.quadrants(24, 16, "RGBW");
    byte[] valid =
        format.equals("webp") ? WebPs.encode(image, 90, false) : TestImages.encode(image, format);
    ImageDecoder limited = new ImageDecoder(1 << 20);
    Random random = new Random(format.hashCode());
    int decoded = 0;
    for (int trial = 0; trial < 300; trial++) {
      byte[] damaged = damage(valid, random);
      try {
        assertNotNull(limited.decode(damaged, "damaged-" + trial + "." + format).image());
        decoded++;
      } catch (ImageDecodeException e) {
        assertTrue(e.getMessage().contains("damaged-" + trial), e.getMessage());
      } catch (RuntimeException e) {
        throw new AssertionError(format + " trial " + trial + " escaped as " + e, e);
      }
    }
    assertTrue(decoded < 300, "some damage must be detected");
  }

  private static byte[] damage(byte[] valid, Random random) {
    byte[] copy = valid.clone();
    switch (random.nextInt(3)) {
      case 0 -> {
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips; i++) {
          copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
      }
      case 1 -> copy = Arrays.copyOf(copy, 1 + random.nextInt(copy.length - 1));
      default -> {
        int at = random.nextInt(Math.min(64, copy.length));
        int len = 1 + random.nextInt(4);
        for (int i = at; i < Math.min(copy.length, at + len); i++) {
          copy[i] = (byte) 0xFF;
        }
      }
    }
    return copy;
  }

  @Test
  void constructor_limitOutOfRange_throwsNamingTheValue() {
    IllegalArgumentException zero =
        assertThrows(IllegalArgumentException.class, () -> new ImageDecoder(0));
    assertTrue(zero.getMessage().contains("0"), zero.getMessage());
    IllegalArgumentException huge =
        assertThrows(IllegalArgumentException.class, () -> new ImageDecoder(Long.MAX_VALUE));
    assertTrue(huge.getMessage().contains(Long.toString(Long.MAX_VALUE)), huge.getMessage());
  }

  @Test
  void decode_nullArguments_throwNullPointerNamingTheArgument() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> decoder.decode((Path) null));
    assertEquals("file", e.getMessage());
    NullPointerException e2 =
        assertThrows(NullPointerException.class, () -> decoder.decode(new byte[1], null));
    assertEquals("sourceName", e2.getMessage());
  }

  /** An ISO-BMFF file-type box with the given major brand, as HEIC, HEIF and AVIF files start. */
  private static byte[] ftyp(String brand) {
    byte[] head = Arrays.copyOf(new byte[] {0, 0, 0, 0x18, 'f', 't', 'y', 'p'}, 64);
    System.arraycopy(brand.getBytes(StandardCharsets.US_ASCII), 0, head, 8, 4);
    return head;
  }

  @ParameterizedTest
  @ValueSource(strings = {"heic", "heix", "mif1"})
  void decode_heic_refusalNamesHeic(String brand) throws Exception {
    Path file = write("IMG_0001.HEIC", ftyp(brand));

    ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> decoder.decode(file));

    assertMessageNames(e, file.toString(), "HEIC", "convert it to JPEG or PNG");
  }

  @Test
  void decode_avifAndJpegXl_refusalNamesTheFormat() throws Exception {
    assertMessageNames(assertThrows(ImageDecodeException.class,
        () -> decoder.decode(ftyp("avif"), "a.avif")), "AVIF");
    assertMessageNames(assertThrows(ImageDecodeException.class,
        () -> decoder.decode(new byte[] {(byte) 0xFF, 0x0A, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, "a.jxl")), "JPEG XL");
  }
}
