package io.gpen4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.Matte;
import io.gpen4j.MattingStage;
import io.gpen4j.ModelException;
import io.gpen4j.ParserStage;
import io.gpen4j.PortraitMatter;
import io.gpen4j.models.MattingFamily;
import io.gpen4j.models.ParserFamily;
import java.awt.image.BufferedImage;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Portrait matting on ONNX Runtime with stand-in models that have a known answer: the chroma-key
 * matte ({@code chroma-key-matte.onnx}, MODNet's contract, alpha 0 on pure green) on a synthetic
 * portrait in front of a green screen, and the face-parsing fallback with {@code
 * parser-blocks-512.onnx}.
 */
final class OnnxPortraitMattingTest {
  private static final int GREEN = 0xFF00FF00;
  /** Pixels this far from the person's outline may be soft; every other one is exactly 0 or 1. */
  private static final double EDGE = 6;

  private static PortraitMatter chromaKey() {
    return PortraitMatter.builder(MattingStage.of(TestModels.path(TestModels.CHROMA_KEY_MATTE), MattingFamily.MODNET))
        .backend("onnx").build();
  }

  /** A person in front of a green screen: a head (circle) and shoulders (rectangle), textured. */
  private record Portrait(int width, int height) {
    double cx() {
      return width / 2.0;
    }

    double cy() {
      return height * 0.36;
    }

    double r() {
      return Math.min(width, height) * 0.17;
    }

    /** Signed distance to the person's outline: negative inside, positive outside (conservative near corners). */
    double distance(double x, double y) {
      double head = Math.hypot(x - cx(), y - cy()) - r();
      double left = width * 0.3;
      double right = width * 0.7;
      double top = height * 0.55;
      double dx = Math.max(left - x, x - right);
      double dy = top - y;
      double body = dx <= 0 && dy <= 0 ? Math.max(dx, dy) : Math.hypot(Math.max(dx, 0), Math.max(dy, 0));
      return Math.min(head, body);
    }

    BufferedImage image(long seed) {
      Random random = new Random(seed);
      BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          // The person's green never exceeds 128: at least 127 levels from the key, twice the ramp.
          int person = 0xFF000000 | random.nextInt(256) << 16 | random.nextInt(129) << 8 | random.nextInt(256);
          image.setRGB(x, y, distance(x + 0.5, y + 0.5) < 0 ? person : GREEN);
        }
      }
      return image;
    }
  }

  static Stream<Arguments> sizes() {
    // Wholly above 512, straddling it, wholly below, portrait and landscape: each way of MODNet's size rule.
    return Stream.of(Arguments.of(1000, 700), Arguments.of(413, 579), Arguments.of(300, 200),
        Arguments.of(600, 400), Arguments.of(354, 472));
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void matte_chromaKeyPortrait_isExactlyZeroOnTheScreenAndOneOnThePersonAwayFromTheEdge(int width, int height) {
    Portrait portrait = new Portrait(width, height);
    Matte matte;
    try (PortraitMatter matter = chromaKey()) {
      matte = matter.matte(portrait.image(width * 31L + height));
    }
    assertEquals(width, matte.width());
    assertEquals(height, matte.height());
    int person = 0;
    int screen = 0;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double d = portrait.distance(x + 0.5, y + 0.5);
        float a = matte.alpha(x, y);
        assertTrue(a >= 0f && a <= 1f, "alpha " + a + " at " + x + "," + y);
        if (d <= -EDGE) {
          assertEquals(1f, a, "person at " + x + "," + y);
          person++;
        } else if (d >= EDGE) {
          assertEquals(0f, a, "screen at " + x + "," + y);
          screen++;
        }
      }
    }
    assertTrue(person > width * height / 10 && screen > width * height / 3, person + " / " + screen);
  }

  /** A fixed 256x256 model takes a 300x200 photo squeezed to its size; the matte comes back at 300x200. */
  @Test
  void matte_fixedSizeModel_isFedAtItsSizeAndTheMatteComesBackAtThePhotos() {
    Portrait portrait = new Portrait(300, 200);
    Matte matte;
    try (PortraitMatter matter = PortraitMatter.builder(MattingStage.of(
        TestModels.path(TestModels.CHROMA_KEY_MATTE_256), MattingFamily.MODNET)).backend("onnx").build()) {
      matte = matter.matte(portrait.image(4));
    }
    assertEquals(300, matte.width());
    assertEquals(200, matte.height());
    for (int y = 0; y < 200; y++) {
      for (int x = 0; x < 300; x++) {
        double d = portrait.distance(x + 0.5, y + 0.5);
        if (d <= -EDGE) {
          assertEquals(1f, matte.alpha(x, y), "person at " + x + "," + y);
        } else if (d >= EDGE) {
          assertEquals(0f, matte.alpha(x, y), "screen at " + x + "," + y);
        }
      }
    }
  }

  @Test
  void matte_edgeBetweenPersonAndScreen_isSoftSomewhere() {
    Portrait portrait = new Portrait(1000, 700);
    try (PortraitMatter matter = chromaKey()) {
      Matte matte = matter.matte(portrait.image(5));
      int soft = 0;
      for (float a : matte.alpha()) {
        soft += a > 0f && a < 1f ? 1 : 0;
      }
      assertTrue(soft > 100, soft + " soft pixels");
    }
  }

  @Test
  void build_modelWithAThreeChannelOutput_failsNamingTheStageOption() {
    ModelException e = assertThrows(ModelException.class, () -> PortraitMatter.builder(
        MattingStage.of(TestModels.path(TestModels.IDENTITY_DYNAMIC), MattingFamily.MODNET)).backend("onnx").build());
    assertTrue(e.getMessage().contains("MattingStage.of(model, MattingFamily.MODNET)"), e.getMessage());
    assertTrue(e.getMessage().contains("no output is a one-channel matte [1,1,H,W]"), e.getMessage());
  }

  @Test
  void build_modelThatIsNoImageModel_failsNamingItsInput() {
    ModelException e = assertThrows(ModelException.class, () -> PortraitMatter.builder(
        MattingStage.of(TestModels.path(TestModels.WRONG_RANK), MattingFamily.MODNET)).backend("onnx").build());
    assertTrue(e.getMessage().contains("input 'input' is"), e.getMessage());
    assertTrue(e.getMessage().contains("MattingStage.of"), e.getMessage());
  }

  @Test
  void matte_afterClose_failsAsClosed() {
    PortraitMatter matter = chromaKey();
    matter.close();
    matter.close();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> matter.matte(new Portrait(64, 64).image(1)));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
  }

  /**
   * The fallback: the block parser calls cells 2-5 (of 8) across, 0-5 down, the person (hair over
   * skin). A 512x384 image is centred in the parser's square 64 rows down, so the person is
   * columns 128-383, rows 0-319 of the image.
   */
  @Test
  void matte_faceParserFallback_isThePersonClassesOfTheParserMapAtTheImagesPlace() {
    BufferedImage image = new Portrait(512, 384).image(9);
    Matte matte;
    try (PortraitMatter matter = PortraitMatter.builder(MattingStage.fromParser(
        ParserStage.of(TestModels.path(TestModels.PARSER_BLOCKS_512), ParserFamily.BISENET))).backend("onnx").build()) {
      matte = matter.matte(image);
    }
    assertEquals(512, matte.width());
    assertEquals(384, matte.height());
    // The paste mask's blur (sigma 4 sqrt 2, radius about 17) softens 20 px either side of an edge.
    int reach = 20;
    for (int y = 0; y < 384; y++) {
      for (int x = 0; x < 512; x++) {
        boolean inside = x >= 128 + reach && x < 384 - reach && y < 320 - reach;
        boolean outside = x < 128 - reach || x >= 384 + reach || y >= 320 + reach;
        if (inside) {
          assertEquals(1f, matte.alpha(x, y), 1e-6f, "person at " + x + "," + y);
        } else if (outside) {
          assertEquals(0f, matte.alpha(x, y), "background at " + x + "," + y);
        }
      }
    }
  }

  /** README.md "Portrait matting", line for line, with the chroma-key model in MODNet's place. */
  @Test
  void readmePortraitMattingExample_runs() {
    java.nio.file.Path modnet = TestModels.path(TestModels.CHROMA_KEY_MATTE);
    BufferedImage photo = new Portrait(200, 300).image(2);
    int x = 100;
    int y = 10;
    float seen;
    // --- README.md "Portrait matting" ---
    try (PortraitMatter matter = PortraitMatter.builder(
            MattingStage.of(modnet, MattingFamily.MODNET))
        .build()) {
      Matte matte = matter.matte(photo);
      float alpha = matte.alpha(x, y);
      seen = alpha;
    }
    // --- end ---
    assertEquals(0f, seen, "the green screen above the head");
  }
}
