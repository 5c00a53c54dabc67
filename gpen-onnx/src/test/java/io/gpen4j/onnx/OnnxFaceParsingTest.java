package io.gpen4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.DetectorType;
import io.gpen4j.FaceMask;
import io.gpen4j.FaceRegion;
import io.gpen4j.FaceRestorer;
import io.gpen4j.ModelException;
import io.gpen4j.Point;
import io.gpen4j.RestoreOptions;
import io.gpen4j.RestoreResult;
import io.gpen4j.RestoredFace;
import io.gpen4j.models.ParserFamily;
import io.gpen4j.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The face-parsing paste mask through the whole pipeline: a real photo, YuNet, a 256 generator that
 * changes every pixel ({@code conv-256.onnx}) and a 512 parser with a known answer
 * ({@code parser-blocks-512.onnx}: skin over the middle of the crop, hair above it).
 */
final class OnnxFaceParsingTest {
  /** The generator's side: the parser's 512 map is resized to it. */
  private static final int S = 256;
  /** The parser's skin block in crop coordinates at S: cells 2-5 of 8. */
  private static final double BLOCK_LO = 2 * S / 8.0;
  private static final double BLOCK_HI = 6 * S / 8.0;
  /**
   * How far the mask may reach past the block, in crop pixels: the blur's radius at S (9), the
   * resize's and the paste's bilinear footprint, and the paste's prefilter of a shrunk crop.
   */
  private static final double REACH = 16;

  private static BufferedImage photo;

  @BeforeAll
  static void readPhoto() throws IOException {
    photo = ImageIO.read(SharedData.image("grace_hopper.jpg").toFile());
  }

  private static FaceRestorer.Builder builder() {
    return FaceRestorer.builder()
        .backend("onnx")
        .generator(TestModels.path(TestModels.CONV_256))
        .detector(DetectorType.YUNET, SharedData.yunet());
  }

  private static FaceRestorer withParser(String parser) {
    return builder().faceParser(TestModels.path(parser), ParserFamily.BISENET).build();
  }

  private static RestoreOptions options(FaceMask mask, Set<FaceRegion> regions) {
    return RestoreOptions.builder().faceMask(mask).faceRegions(regions).colorMatching(false).build();
  }

  /** Crop coordinates of an image pixel's centre for the one face. */
  private static Point crop(RestoredFace face, int x, int y) {
    return face.alignment().apply(new Point(x, y));
  }

  private static boolean inBlock(Point q, double lo, double hi, double yLo, double yHi) {
    return q.x() >= lo && q.x() < hi && q.y() >= yLo && q.y() < yHi;
  }

  @Test
  void restore_parsingMask_keepsEveryPixelOutsideTheParsedFaceBitIdentical() {
    try (FaceRestorer restorer = withParser(TestModels.PARSER_BLOCKS_512)) {
      RestoreResult result = restorer.restore(photo, options(FaceMask.PARSING, FaceRegion.DEFAULTS));
      assertEquals(1, result.faces().size());
      RestoredFace face = result.faces().get(0);
      int changedOutside = 0;
      int inside = 0;
      int changedInside = 0;
      for (int y = 0; y < photo.getHeight(); y++) {
        for (int x = 0; x < photo.getWidth(); x++) {
          Point q = crop(face, x, y);
          boolean changed = photo.getRGB(x, y) != result.image().getRGB(x, y);
          if (!inBlock(q, BLOCK_LO - REACH, BLOCK_HI + REACH, BLOCK_LO - REACH, BLOCK_HI + REACH) && changed) {
            changedOutside++;
          }
          if (inBlock(q, BLOCK_LO + REACH, BLOCK_HI - REACH, BLOCK_LO + REACH, BLOCK_HI - REACH)) {
            inside++;
            changedInside += changed ? 1 : 0;
          }
        }
      }
      assertEquals(0, changedOutside, "pixels changed outside the parsed skin block");
      assertTrue(inside > 1000 && changedInside > inside / 2,
          changedInside + " of " + inside + " pixels inside the block changed");
    }
  }

  @Test
  void restore_parsingMaskWithHair_alsoPastesTheHairBlock() {
    try (FaceRestorer restorer = withParser(TestModels.PARSER_BLOCKS_512)) {
      EnumSet<FaceRegion> withHair = EnumSet.copyOf(FaceRegion.DEFAULTS);
      withHair.add(FaceRegion.HAIR);
      RestoreResult face = restorer.restore(photo, options(FaceMask.PARSING, FaceRegion.DEFAULTS));
      RestoreResult hair = restorer.restore(photo, options(FaceMask.PARSING, withHair));
      RestoredFace f = hair.faces().get(0);
      // The hair cells' lower half, away from the skin block's blur and inside the square mask's ramp.
      int hairPixels = 0;
      int changedWithHair = 0;
      int changedWithout = 0;
      for (int y = 0; y < photo.getHeight(); y++) {
        for (int x = 0; x < photo.getWidth(); x++) {
          if (inBlock(crop(f, x, y), BLOCK_LO + REACH, BLOCK_HI - REACH, 40, BLOCK_LO - REACH)) {
            hairPixels++;
            changedWithHair += photo.getRGB(x, y) != hair.image().getRGB(x, y) ? 1 : 0;
            changedWithout += photo.getRGB(x, y) != face.image().getRGB(x, y) ? 1 : 0;
          }
        }
      }
      assertEquals(0, changedWithout, "hair pixels changed without HAIR");
      assertTrue(hairPixels > 100 && changedWithHair > hairPixels / 2,
          changedWithHair + " of " + hairPixels + " hair pixels changed with HAIR");
    }
  }

  @Test
  void restore_squareMaskWithParserConfigured_isBitIdenticalToNoParser() {
    RestoreOptions square = options(FaceMask.SQUARE, FaceRegion.DEFAULTS);
    try (FaceRestorer parsing = withParser(TestModels.PARSER_BLOCKS_512); FaceRestorer plain = builder().build()) {
      assertSameImage(plain.restore(photo, square).image(), parsing.restore(photo, square).image());
      // AUTO without a parser is the square mask.
      assertSameImage(plain.restore(photo, square).image(),
          plain.restore(photo, options(FaceMask.AUTO, FaceRegion.DEFAULTS)).image());
    }
  }

  @Test
  void restore_parsingWithoutParser_failsNamingTheBuilderMethod() {
    try (FaceRestorer plain = builder().build()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> plain.restore(photo, options(FaceMask.PARSING, FaceRegion.DEFAULTS)));
      assertTrue(e.getMessage().contains("faceParser"), e.getMessage());
    }
  }

  @Test
  void restore_parserReturningNaN_fallsBackToTheSquareMask() {
    try (FaceRestorer nan = withParser(TestModels.PARSER_NAN_512); FaceRestorer plain = builder().build()) {
      RestoreResult fallback = nan.restore(photo, options(FaceMask.PARSING, FaceRegion.DEFAULTS));
      assertTrue(fallback.faces().get(0).enhanced());
      assertSameImage(plain.restore(photo, options(FaceMask.SQUARE, FaceRegion.DEFAULTS)).image(), fallback.image());
    }
  }

  @Test
  void build_parserWithWrongClassCountOrRank_failsNamingTheModel() {
    ModelException classes = assertThrows(ModelException.class, () -> withParser(TestModels.PARSER_18_CLASSES));
    assertTrue(classes.getMessage().contains(TestModels.PARSER_18_CLASSES)
        && classes.getMessage().contains("19 class"), classes.getMessage());
    ModelException rank = assertThrows(ModelException.class, () -> withParser(TestModels.WRONG_RANK));
    assertTrue(rank.getMessage().contains(TestModels.WRONG_RANK)
        && rank.getMessage().contains("not a square RGB image"), rank.getMessage());
    ModelException missing = assertThrows(ModelException.class,
        () -> builder().faceParser(Path.of("no-such-parser.onnx"), ParserFamily.PARSENET).build());
    assertTrue(missing.getMessage().contains("face-parsing model not found"), missing.getMessage());
  }

  private static void assertSameImage(BufferedImage expected, BufferedImage actual) {
    assertEquals(expected.getWidth(), actual.getWidth());
    assertEquals(expected.getHeight(), actual.getHeight());
    int differing = 0;
    for (int y = 0; y < expected.getHeight(); y++) {
      for (int x = 0; x < expected.getWidth(); x++) {
        differing += expected.getRGB(x, y) != actual.getRGB(x, y) ? 1 : 0;
      }
    }
    assertEquals(0, differing, "differing pixels");
  }
}
