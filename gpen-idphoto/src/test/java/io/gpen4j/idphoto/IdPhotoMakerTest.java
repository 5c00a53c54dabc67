package io.gpen4j.idphoto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.FaceRestorer;
import io.gpen4j.Landmarks;
import io.gpen4j.Point;
import io.gpen4j.SimilarityTransform;
import io.gpen4j.internal.image.RgbaImage;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class IdPhotoMakerTest {
  private static FaceRestorer restorer;
  private static RgbaImage astronaut;
  private static Landmarks astronautMarks;

  @BeforeAll
  static void open() throws Exception {
    restorer = IdentityRestorer.open();
    astronaut = IdentityRestorer.astronaut();
    // The ground truth: the landmarks of the cut-out, upright at its own size, in the astronaut's pixels.
    SyntheticPortrait reference = SyntheticPortrait.place(astronaut, 700, 720, 1, 0, 350, 60, 7);
    astronautMarks = IdentityRestorer.landmarks(restorer, RgbaImage.fromBufferedImage(reference.image))
        .transform(reference.placement.inverse());
  }

  @AfterAll
  static void close() {
    restorer.close();
  }

  @ParameterizedTest(name = "{0} at scale {1}, {2} degrees")
  @CsvSource({
    "us-passport, 2.0, 8, white",
    "us-passport, 1.2, -5, white",
    "cn-1inch, 1.5, 6, blue",
    "jp-passport, 1.7, -9, '#F0F0F0'",
    "cn-passport, 2.2, 3, white",
  })
  void make_syntheticPortrait_meetsThePlan(String specName, double scale, double degrees, String colour) {
    IdPhotoSpec spec = IdPhotoSpecs.builtIn().get(specName);
    BackgroundColor bg = BackgroundColor.parse(colour);
    int w = (int) (700 * scale);
    int h = (int) (720 * scale);
    SyntheticPortrait portrait = SyntheticPortrait.place(astronaut, w, h, scale, degrees, w / 2.0,
        60 * scale, 7);
    IdPhotoMaker maker = IdPhotoMaker.builder(restorer).matting(photo -> portrait.matte).build();

    IdPhoto photo = maker.make(portrait.image, spec, bg);

    BufferedImage out = photo.image();
    assertEquals(spec.widthPx(), out.getWidth());
    assertEquals(spec.heightPx(), out.getHeight());
    SimilarityTransform toPhoto = photo.inputToPhoto();
    double perMm = spec.pixelsPerMm();
    // Ground truth: the outline and the landmarks as placed, carried into the ID photo.
    double crown = portrait.headOutline().stream().mapToDouble(p -> toPhoto.apply(p).y()).min().orElseThrow();
    Landmarks marks = astronautMarks.transform(portrait.placement).transform(toPhoto);
    Point eyes = CropPlanner.mid(marks.leftEye(), marks.rightEye());
    double chin = SyntheticPortrait.chin(marks).y();
    double head = chin - crown;
    double targetHead = spec.headHeightMm().middle() * perMm;
    System.out.printf("%s: head %.2f (target %.2f), crown %.2f, eyes %.2f, tilt %.3f%n%s%n", specName, head,
        targetHead, crown, eyes.y(), Math.toDegrees(Math.atan2(marks.rightEye().y() - marks.leftEye().y(),
            marks.rightEye().x() - marks.leftEye().x())), photo.report().summary());
    assertEquals(targetHead, head, 1.0, "head height in px");
    if (spec.eyeLineMm().isPresent()) {
      double planned = spec.heightPx() - 0.5 - spec.eyeLineMm().get().middle() * perMm;
      assertEquals(planned, eyes.y(), 1.0, "eye line row");
    } else {
      double planned = spec.topMarginMm().get().middle() * perMm - 0.5;
      assertEquals(planned, crown, 1.0, "crown row");
    }
    double tilt = Math.toDegrees(Math.atan2(marks.rightEye().y() - marks.leftEye().y(),
        marks.rightEye().x() - marks.leftEye().x()));
    assertEquals(0, tilt, 0.5, "eye line's tilt after levelling, degrees");
    // The astronaut holds her head tilted by about 3.5 degrees: the placement's angle adds to that.
    Landmarks placed = astronautMarks.transform(portrait.placement);
    assertEquals(Math.toDegrees(LandmarkRefinement.angle(placed)), photo.report().tiltBeforeDegrees(), 0.5,
        "tilt before");
    assertBackgroundExactlyAwayFromPerson(out, portrait, toPhoto, bg.rgb());
    assertTrue(photo.report().passed(), photo.report().summary());
  }

  /**
   * Every pixel more than 3 px from the person's outline is exactly the background colour (the
   * matte's edge spreads by the warp's footprint: a pixel when shrinking, plus the bilinear taps).
   */
  private static void assertBackgroundExactlyAwayFromPerson(BufferedImage out, SyntheticPortrait portrait,
      SimilarityTransform toPhoto, int rgb) {
    SimilarityTransform back = portrait.placement.inverse().compose(toPhoto.inverse());
    double r = 3 * back.scale();
    int checked = 0;
    for (int y = 0; y < out.getHeight(); y++) {
      for (int x = 0; x < out.getWidth(); x++) {
        Point p = back.apply(new Point(x, y));
        boolean near = false;
        for (int k = 0; k < 16 && !near; k++) {
          double t = k * Math.PI / 8;
          near = SyntheticPortrait.inPerson(p.x() + r * Math.cos(t), p.y() + r * Math.sin(t))
              || SyntheticPortrait.inPerson(p.x(), p.y());
        }
        if (!near) {
          checked++;
          assertEquals(Integer.toHexString(rgb), Integer.toHexString(out.getRGB(x, y) & 0xFFFFFF),
              "pixel (" + x + ", " + y + ") away from the person");
        }
      }
    }
    assertTrue(checked > out.getWidth() * 10, "background pixels checked: " + checked);
  }
}
