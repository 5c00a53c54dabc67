package io.gpen4j.idphoto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.FaceRestorer;
import io.gpen4j.SimilarityTransform;
import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.testing.SharedData;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Photos that cannot become ID photos fail with a message that says why, with the numbers. */
final class IdPhotoMakerBadInputTest {
  private static FaceRestorer restorer;
  private static RgbaImage astronaut;

  @BeforeAll
  static void open() throws Exception {
    restorer = IdentityRestorer.open();
    astronaut = IdentityRestorer.astronaut();
  }

  @AfterAll
  static void close() {
    restorer.close();
  }

  private static IdPhotoException make(BufferedImage image, io.gpen4j.Matte matte, String spec) {
    IdPhotoMaker maker = IdPhotoMaker.builder(restorer).matting(photo -> matte).build();
    return assertThrows(IdPhotoException.class,
        () -> maker.make(image, IdPhotoSpecs.builtIn().get(spec), BackgroundColor.WHITE));
  }

  @Test
  void make_noFace_saysSo() throws Exception {
    BufferedImage coffee = ImageIO.read(SharedData.image("no_face_coffee.png").toFile());
    IdPhotoException e = make(coffee, io.gpen4j.Matte.of(coffee.getWidth(), coffee.getHeight(),
        new float[coffee.getWidth() * coffee.getHeight()]), "us-passport");
    assertTrue(e.getMessage().startsWith("no face found"), e.getMessage());
  }

  @Test
  void make_twoFaces_saysHowMany() {
    SimilarityTransform left = SimilarityTransform.of(1, 0, -60, 40);
    SimilarityTransform right = SimilarityTransform.of(1, Math.toRadians(4), 300, 40);
    SyntheticPortrait two = SyntheticPortrait.compose(List.of(astronaut, astronaut), List.of(left, right), 800, 600, 3);
    IdPhotoException e = make(two.image, two.matte, "us-passport");
    assertTrue(e.getMessage().startsWith("found 2 faces"), e.getMessage());
  }

  @Test
  void make_faceTooSmall_givesTheMinimum() {
    SyntheticPortrait small = SyntheticPortrait.place(astronaut, 400, 400, 0.6, 0, 200, 30, 5);
    IdPhotoException e = make(small.image, small.matte, "us-passport");
    // us-passport: head 30.15 mm at 300 dpi = 356 px, at most 2x enlarged: 178 px of head, a 128 px face.
    Matcher m = Pattern.compile("the face is (\\d+) px high; us-passport needs a face of at least (\\d+) px")
        .matcher(e.getMessage());
    assertTrue(m.find(), e.getMessage());
    assertEquals(128, Integer.parseInt(m.group(2)));
    assertTrue(Integer.parseInt(m.group(1)) < 128);
  }

  @Test
  void make_headCutByTheTopEdge_isRefused() {
    // The crown sits 30 px above the photo's top edge.
    SyntheticPortrait cut = SyntheticPortrait.place(astronaut, 900, 900, 1.6, 0, 450, -30, 5);
    IdPhotoException e = make(cut.image, cut.matte, "us-passport");
    assertTrue(e.getMessage().startsWith("the head is cut by the top edge"), e.getMessage());
  }

  @Test
  void make_littleRoomAboveTheHead_isPaddedWithTheBackground() {
    // The crown 2 px below the top edge: the spec's top margin is missing, and filled with the background.
    SyntheticPortrait tight = SyntheticPortrait.place(astronaut, 900, 900, 1.6, 0, 450, 2, 5);
    IdPhoto photo = IdPhotoMaker.builder(restorer).matting(image -> tight.matte).build()
        .make(tight.image, IdPhotoSpecs.builtIn().get("cn-passport"), BackgroundColor.BLUE);
    for (int x = 0; x < photo.image().getWidth(); x++) {
      assertEquals(0x438EDB, photo.image().getRGB(x, 0) & 0xFFFFFF, "top row at " + x);
    }
    assertTrue(photo.report().topMarginMm() >= 3 - 0.1, photo.report().summary());
  }
}
