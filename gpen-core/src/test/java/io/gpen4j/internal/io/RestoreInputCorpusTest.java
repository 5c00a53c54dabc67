package io.gpen4j.internal.io;

import static io.gpen4j.internal.io.PixelAssertions.assertColour;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.AlignmentTemplate;
import io.gpen4j.BoundingBox;
import io.gpen4j.DetectedFace;
import io.gpen4j.FaceDetector;
import io.gpen4j.FaceRestorer;
import io.gpen4j.ImageDecodeException;
import io.gpen4j.ImageTooLargeException;
import io.gpen4j.Landmarks;
import io.gpen4j.RestoreResult;
import io.gpen4j.SimilarityTransform;
import io.gpen4j.testing.JavaTestBackend;
import io.gpen4j.testing.SharedData;
import io.gpen4j.testing.TestImages;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The input corpus through the whole public path, {@code FaceRestorer.restore(Path, Path)}: every
 * photograph in {@code ../shared/images}, broken files (each failing with its own exception and a
 * message naming the file and the problem, and writing nothing), and unusual but valid ones (tiny,
 * extreme aspect ratio, palette, 16-bit, grey with alpha, CMYK, YCCK, EXIF orientations 1-8), which
 * must be restored and written upright. The decoder's own tests check pixel values; this one checks
 * what a caller sees.
 */
final class RestoreInputCorpusTest {
  @TempDir static Path dir;

  private static FaceRestorer restorer;

  /** One upright template face in the middle of whatever image it is given. */
  private static final FaceDetector CENTRED_FACE = image -> {
    double eyes = 0.2 * Math.min(image.getWidth(), image.getHeight());
    Landmarks unit = AlignmentTemplate.GPEN.landmarks(1000);
    double scale = eyes / unit.leftEye().distanceTo(unit.rightEye());
    double cx = image.getWidth() / 2.0;
    double cy = image.getHeight() / 2.0;
    Landmarks l = unit.transform(new SimilarityTransform(scale, 0, cx - 500 * scale, cy - 500 * scale));
    return List.of(new DetectedFace(
        BoundingBox.ofCorners(cx - eyes, cy - eyes, cx + eyes, cy + eyes), l, 0.9));
  };

  @BeforeAll
  static void build() {
    restorer = FaceRestorer.builder()
        .backend(new JavaTestBackend())
        .generator(JavaTestBackend.writeModel(dir, "identity 256"))
        .faceDetector(CENTRED_FACE)
        .build();
  }

  @AfterAll
  static void close() {
    restorer.close();
  }

  /** A fresh, empty output folder, so "nothing written" can be checked by listing it. */
  private static Path outputFolder(String name) throws IOException {
    return Files.createDirectories(dir.resolve("out-" + name.replaceAll("[^A-Za-z0-9.-]", "_")));
  }

  private static Path input(String name, byte[] bytes) throws IOException {
    Path in = Files.createDirectories(dir.resolve("in")).resolve(name);
    Files.write(in, bytes);
    return in;
  }

  private static void assertEmpty(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> left = files.toList();
      assertTrue(left.isEmpty(), "written after a failure: " + left);
    }
  }

  // ---------------------------------------------------------------- broken input

  static Stream<Arguments> brokenInputs() {
    BufferedImage photo = TestImages.gradient(96, 64);
    byte[] png = TestImages.encode(TestImages.randomRgb(96, 64, 5), "png");
    byte[] jpeg = TestImages.jpeg(photo, false);
    byte[] progressive = TestImages.jpeg(photo, true);
    byte[] noise = new byte[8192];
    new Random(17).nextBytes(noise);
    return Stream.of(
        broken("zero-bytes.png", () -> new byte[0], ImageDecodeException.class, "empty"),
        broken("zero-bytes.jpg", () -> new byte[0], ImageDecodeException.class, "empty"),
        broken("random-bytes.jpg", () -> noise, ImageDecodeException.class, "not a supported image format"),
        broken("random-bytes.png", () -> noise, ImageDecodeException.class, "not a supported image format"),
        broken("random-bytes.webp", () -> noise, ImageDecodeException.class, "not a supported image format"),
        broken("text.jpeg", () -> "<html>not a photo</html>".getBytes(StandardCharsets.US_ASCII),
            ImageDecodeException.class, "not a supported image format"),
        broken("truncated-half.png", () -> Arrays.copyOf(png, png.length / 2), ImageDecodeException.class,
            "truncated"),
        broken("truncated-header.png", () -> Arrays.copyOf(png, 20), ImageDecodeException.class, "png"),
        broken("truncated-half.jpg", () -> Arrays.copyOf(jpeg, jpeg.length / 2), ImageDecodeException.class,
            "truncated"),
        broken("truncated-progressive.jpg", () -> Arrays.copyOf(progressive, progressive.length * 2 / 3),
            ImageDecodeException.class, "truncated"),
        broken("signature-only.jpg", () -> Arrays.copyOf(jpeg, 2), ImageDecodeException.class, "jpeg"),
        broken("claims-60000x60000.png", () -> PngChunks.withHeaderSize(png, 60000, 60000),
            ImageTooLargeException.class, "60000x60000", "over the limit"));
  }

  private static Arguments broken(String name, Supplier<byte[]> bytes, Class<? extends Exception> type,
      String... messageParts) {
    return Arguments.of(name, bytes, type, messageParts);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenInputs")
  void restore_brokenFile_failsWithItsExceptionAndWritesNothing(
      String name, Supplier<byte[]> bytes, Class<? extends Exception> type, String[] messageParts) throws IOException {
    Path in = input(name, bytes.get());
    Path out = outputFolder(name);
    for (String extension : List.of("png", "jpg")) {
      Exception e = assertThrows(Exception.class, () -> restorer.restore(in, out.resolve("restored." + extension)));
      assertEquals(type, e.getClass(), () -> name + ": " + e);
      assertMessageNames(e, in.toString());
      assertMessageNames(e, messageParts);
    }
    assertEmpty(out);
  }

  @Test
  void restore_missingFileOrFolder_failsNamingThePath() throws IOException {
    Path out = outputFolder("missing");
    Path missing = dir.resolve("no-such-photo.jpg");
    ImageDecodeException e = assertThrows(ImageDecodeException.class,
        () -> restorer.restore(missing, out.resolve("restored.png")));
    assertMessageNames(e, missing.toString(), "no such file");
    ImageDecodeException folder = assertThrows(ImageDecodeException.class,
        () -> restorer.restore(out, out.resolve("restored.png")));
    assertMessageNames(folder, out.toString(), "not a regular file");
    assertEmpty(out);
  }

  @Test
  void restore_outputFolderMissing_failsWithIoExceptionAndLeavesNoFile() throws IOException {
    Path in = input("fine.png", TestImages.encode(TestImages.randomRgb(64, 48, 1), "png"));
    Path nowhere = dir.resolve("no-such-folder").resolve("restored.png");
    IOException e = assertThrows(IOException.class, () -> restorer.restore(in, nowhere));
    assertTrue(e.getMessage().contains("no-such-folder"), e.getMessage());
    assertTrue(Files.notExists(nowhere.getParent()));
  }

  // ---------------------------------------------------------------- the shared photographs

  static Stream<Path> sharedImages() throws IOException {
    Path images = SharedData.root().resolve("images");
    if (!Files.isDirectory(images)) {
      return Stream.of(SharedData.image("astronaut.png")); // skips, or fails under CI
    }
    try (Stream<Path> files = Files.list(images)) {
      return files.filter(Files::isRegularFile).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sharedImages")
  void restore_everySharedImage_restoresOrFailsCleanly(Path file) throws IOException {
    String name = file.getFileName().toString();
    Path out = outputFolder("shared-" + name);
    Path target = out.resolve("restored.png");
    if (name.contains("truncated")) {
      ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> restorer.restore(file, target));
      assertMessageNames(e, name);
      assertEmpty(out);
      return;
    }
    BufferedImage original = ImageIO.read(file.toFile());
    RestoreResult result = restorer.restore(file, target);
    BufferedImage written = ImageIO.read(target.toFile());
    assertNotNull(written, "unreadable output for " + name);
    assertEquals(original.getWidth(), written.getWidth(), name);
    assertEquals(original.getHeight(), written.getHeight(), name);
    assertEquals(1, result.faces().size(), name);
    assertEquals(original.getColorModel().hasAlpha(), written.getColorModel().hasAlpha(), name + ": alpha");
  }

  // ---------------------------------------------------------------- unusual but valid files

  static Stream<Arguments> unusualInputs() {
    List<Arguments> cases = new ArrayList<>();
    cases.add(Arguments.of("1x1.png", (Supplier<byte[]>) () -> TestImages.encode(TestImages.randomRgb(1, 1, 1), "png"), 1, 1));
    cases.add(Arguments.of("8x8.jpg", (Supplier<byte[]>) () -> TestImages.jpeg(TestImages.gradient(8, 8), false), 8, 8));
    cases.add(Arguments.of("8x8.bmp", (Supplier<byte[]>) () -> TestImages.encode(TestImages.randomRgb(8, 8, 2), "bmp"), 8, 8));
    cases.add(Arguments.of("strip-20000x200.png",
        (Supplier<byte[]>) () -> TestImages.encode(TestImages.gradient(20000, 200), "png"), 20000, 200));
    cases.add(Arguments.of("strip-200x20000.jpg",
        (Supplier<byte[]>) () -> TestImages.jpeg(TestImages.gradient(200, 20000), false), 200, 20000));
    cases.add(Arguments.of("palette.png", (Supplier<byte[]>) () -> TestImages.encode(palette(120, 90), "png"), 120, 90));
    cases.add(Arguments.of("palette.gif", (Supplier<byte[]>) () -> TestImages.encode(palette(120, 90), "gif"), 120, 90));
    cases.add(Arguments.of("rgb-16bit.png", (Supplier<byte[]>) () -> TestImages.encode(rgb16(100, 80), "png"), 100, 80));
    cases.add(Arguments.of("grey-16bit.png", (Supplier<byte[]>) () -> TestImages.encode(grey16(100, 80), "png"), 100, 80));
    cases.add(Arguments.of("grey-alpha.png", (Supplier<byte[]>) () -> TestImages.encode(greyAlpha(100, 80), "png"), 100, 80));
    cases.add(Arguments.of("cmyk.jpg", (Supplier<byte[]>) () -> CmykJpegs.patches(inks(), false), 96, 16));
    cases.add(Arguments.of("ycck.jpg", (Supplier<byte[]>) () -> CmykJpegs.patches(inks(), true), 96, 16));
    cases.add(Arguments.of("lossy.webp", (Supplier<byte[]>) () -> WebPs.encode(TestImages.gradient(90, 70), 80, false), 90, 70));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unusualInputs")
  void restore_unusualValidFile_isRestoredAndWrittenAtItsSize(
      String name, Supplier<byte[]> bytes, int width, int height) throws IOException {
    Path in = input(name, bytes.get());
    for (String extension : List.of("png", "jpg")) {
      Path target = outputFolder(name).resolve("restored." + extension);
      restorer.restore(in, target);
      BufferedImage written = ImageIO.read(target.toFile());
      assertNotNull(written, name + " -> " + extension);
      assertEquals(width, written.getWidth(), name + " -> " + extension + ": width");
      assertEquals(height, written.getHeight(), name + " -> " + extension + ": height");
    }
  }

  @ParameterizedTest(name = "orientation {0}: stored {1}")
  @CsvSource({"1, RGBW", "2, GRWB", "3, WBGR", "4, BWRG", "5, RBGW", "6, GWRB", "7, WGBR", "8, BRWG"})
  void restore_jpegWithExifOrientation_writesTheImageUpright(int orientation, String storedLayout) throws IOException {
    int width = 96;
    int height = 64;
    boolean swapped = orientation >= 5;
    BufferedImage stored = TestImages.quadrants(swapped ? height : width, swapped ? width : height, storedLayout);
    Path in = input("orientation-" + orientation + ".jpg",
        TestImages.withExifOrientation(TestImages.jpeg(stored, false), orientation));
    Path target = outputFolder("orientation-" + orientation).resolve("restored.png");

    RestoreResult result = restorer.restore(in, target);

    BufferedImage written = ImageIO.read(target.toFile());
    assertEquals(width, written.getWidth(), "orientation " + orientation);
    assertEquals(height, written.getHeight(), "orientation " + orientation);
    // The detector saw the upright image too: its face is in the middle of the upright frame.
    assertEquals(width / 2.0, result.faces().get(0).box().center().x(), 1e-6);
    for (int q = 0; q < 4; q++) {
      int x = (q % 2) * width / 2 + width / 4;
      int y = (q / 2) * height / 2 + height / 4;
      assertColour(TestImages.colour("RGBW".charAt(q)), written.getRGB(x, y), 24,
          "orientation " + orientation + ", quadrant " + q);
    }
  }

  // ---------------------------------------------------------------- helpers

  private static void assertMessageNames(Exception e, String... parts) {
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    for (String part : parts) {
      assertTrue(message.contains(part.toLowerCase(Locale.ROOT)),
          () -> "message \"" + e.getMessage() + "\" should mention \"" + part + "\"");
    }
  }

  private static BufferedImage palette(int width, int height) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED);
    img.createGraphics().drawImage(TestImages.quadrants(width, height, "RGBW"), 0, 0, null);
    return img;
  }

  private static BufferedImage rgb16(int width, int height) {
    ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
        Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
    WritableRaster raster = cm.createCompatibleWritableRaster(width, height);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        raster.setPixel(x, y, new int[] {x * 65535 / width, y * 65535 / height, 40000});
      }
    }
    return new BufferedImage(cm, raster, false, null);
  }

  private static BufferedImage grey16(int width, int height) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
    WritableRaster raster = img.getRaster();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        raster.setSample(x, y, 0, (x + y) * 65535 / (width + height));
      }
    }
    return img;
  }

  private static BufferedImage greyAlpha(int width, int height) {
    ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
        Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
    WritableRaster raster = cm.createCompatibleWritableRaster(width, height);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        raster.setPixel(x, y, new int[] {(x * 255) / width, 255 - (y * 255) / height});
      }
    }
    return new BufferedImage(cm, raster, false, null);
  }

  private static int[][] inks() {
    return new int[][] {{0, 0, 0, 0}, {255, 0, 0, 0}, {0, 255, 0, 0}, {0, 0, 255, 0}, {0, 0, 0, 255}, {60, 40, 20, 10}};
  }
}
