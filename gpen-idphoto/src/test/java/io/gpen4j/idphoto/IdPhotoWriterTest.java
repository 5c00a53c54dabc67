package io.gpen4j.idphoto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.SimilarityTransform;
import io.gpen4j.internal.io.PrintResolution;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The spec's dpi in the file, the size limit, and what cannot be written. */
final class IdPhotoWriterTest {
  @TempDir Path dir;

  /** A photo of the spec's size with detail that JPEG cannot squeeze for free. */
  static IdPhoto photo(String specName, long seed) {
    IdPhotoSpec spec = IdPhotoSpecs.builtIn().get(specName);
    BufferedImage image = new BufferedImage(spec.widthPx(), spec.heightPx(), BufferedImage.TYPE_INT_RGB);
    Random rnd = new Random(seed);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int base = (x * 255 / image.getWidth()) << 16 | (y * 255 / image.getHeight()) << 8 | 128;
        image.setRGB(x, y, base ^ rnd.nextInt(32) * 0x010101);
      }
    }
    ComplianceReport report = new ComplianceReport(spec.name(), spec.widthPx(), spec.heightPx(), spec.dpi(), 30, 31,
        3, 1, 0, 0, 1, 0xFFFFFF, 0, List.of());
    return new IdPhoto(image, spec, BackgroundColor.WHITE, SimilarityTransform.IDENTITY, report);
  }

  @ParameterizedTest(name = "{0} as {1}")
  @CsvSource({"us-passport, jpg", "us-passport, png", "uk-passport, jpeg", "cn-1inch, png"})
  void write_recordsTheSpecsDpi(String specName, String extension) throws Exception {
    IdPhoto photo = photo(specName, 1);
    Path file = dir.resolve("photo." + extension);
    WrittenPhoto written = IdPhotoWriter.write(photo, file, 0);
    assertEquals(photo.spec().dpi(), PrintResolution.read(file));
    assertEquals(Files.size(file), written.bytes());
    BufferedImage back = ImageIO.read(file.toFile());
    assertEquals(photo.spec().widthPx(), back.getWidth());
    assertEquals(photo.spec().heightPx(), back.getHeight());
  }

  @ParameterizedTest(name = "at most {0} kB")
  @CsvSource({"120", "60", "35"})
  void write_maxKb_isHonouredWithTheHighestQualityThatFits(int maxKb) throws Exception {
    IdPhoto photo = photo("us-passport", 2);
    Path file = dir.resolve("photo.jpg");
    WrittenPhoto written = IdPhotoWriter.write(photo, file, maxKb);
    assertTrue(Files.size(file) <= maxKb * 1000L, Files.size(file) + " bytes");
    assertTrue(written.jpegQuality() < IdPhotoWriter.BEST_QUALITY, "quality " + written.jpegQuality());
    assertEquals(300, PrintResolution.read(file));
    // A quality one search step higher would not have fitted.
    float higher = written.jpegQuality() + 1f / 64;
    byte[] bigger = io.gpen4j.internal.io.ImageEncoder.encode(io.gpen4j.internal.image.RgbaImage.fromBufferedImage(
        photo.image()), io.gpen4j.ImageFormat.JPEG, 0xFFFFFF, new io.gpen4j.internal.io.EncodeSettings(higher, 300));
    assertTrue(bigger.length > maxKb * 1000L, "quality " + higher + " gives " + bigger.length + " bytes");
    assertTrue(written.report().rules().isEmpty() || written.report().passed());
  }

  @Test
  void write_specsOwnLimit_addsTheFileSizeRule() throws Exception {
    IdPhoto photo = photo("us-passport", 3);
    WrittenPhoto written = IdPhotoWriter.write(photo, dir.resolve("photo.jpg"));
    RuleCheck rule = written.report().rules().stream().filter(r -> r.rule().equals("fileSize")).findFirst()
        .orElseThrow();
    assertTrue(rule.passed(), rule.toString());
    assertTrue(written.bytes() <= 240_000);
  }

  @Test
  void write_impossibleLimit_isRefusedAndWritesNothing() {
    IdPhoto photo = photo("us-passport", 4);
    Path file = dir.resolve("photo.jpg");
    IdPhotoException e = assertThrows(IdPhotoException.class, () -> IdPhotoWriter.write(photo, file, 2));
    assertTrue(e.getMessage().contains("cannot fit in 2 kB"), e.getMessage());
    assertFalse(Files.exists(file));
  }

  @Test
  void write_pngOverTheLimit_saysToWriteJpeg() {
    IdPhoto photo = photo("us-passport", 5);
    Path file = dir.resolve("photo.png");
    IdPhotoException e = assertThrows(IdPhotoException.class, () -> IdPhotoWriter.write(photo, file, 50));
    assertTrue(e.getMessage().contains("write a .jpg"), e.getMessage());
    assertFalse(Files.exists(file));
  }
}
