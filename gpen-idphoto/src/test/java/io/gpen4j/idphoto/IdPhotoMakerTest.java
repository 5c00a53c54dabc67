package io.gpen4j.idphoto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.FaceRestorer;
import io.gpen4j.Landmarks;
import io.gpen4j.Point;
import io.gpen4j.PortraitMatter;
import io.gpen4j.SimilarityTransform;
import io.gpen4j.internal.image.RgbaImage;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole chain on synthetic portraits with known geometry ({@link SyntheticPortrait}): the
 * astronaut placed at a known scale and tilt on a green screen, restored with the identity
 * generator (so the face stays where it was), detected with YuNet.
 */
final class IdPhotoMakerTest {
  private static FaceRestorer restorer;
  private static PortraitMatter chromaKey;
  private static RgbaImage astronaut;
  private static Landmarks astronautMarks;

  @BeforeAll
  static void open() throws Exception {
    restorer = IdentityRestorer.open();
    chromaKey = IdentityRestorer.chromaKey();
    astronaut = IdentityRestorer.astronaut();
    // The ground truth: the landmarks of the cut-out, upright at its own size, in the astronaut's pixels.
    SyntheticPortrait reference = SyntheticPortrait.place(astronaut, 600, 620, 1, 0, 300, 50, 7);
    astronautMarks = IdentityRestorer.landmarks(restorer, RgbaImage.fromBufferedImage(reference.image))
        .transform(reference.placement.inverse());
  }

  @AfterAll
  static void close() {
    restorer.close();
    chromaKey.close();
  }

  /**
   * With the exact matte of the outline, the ID photo has the spec's pixels, the head height and
   * the eye line (or the crown) within 1 px of the plan, the eyes level within 0.5 degrees, and
   * every pixel away from the person exactly the background colour.
   */
  @ParameterizedTest(name = "{0} at scale {1}, {2} degrees")
  @CsvSource({
    "us-passport, 1.6, 8, white",
    "cn-1inch, 1.2, -6, blue",
    "jp-passport, 1.4, -9, '#F0F0F0'",
  })
  void make_exactMatte_meetsThePlan(String specName, double scale, double degrees, String colour) {
    IdPhotoSpec spec = IdPhotoSpecs.builtIn().get(specName);
    SyntheticPortrait portrait = portrait(scale, degrees);
    IdPhoto photo = IdPhotoMaker.builder(restorer).matting(image -> portrait.matte).build()
        .make(portrait.image, spec, BackgroundColor.parse(colour));

    assertGeometry(photo, portrait, degrees, 1.0);
    assertBackgroundExactlyAwayFromPerson(photo, portrait, 3);
    assertTrue(photo.report().passed(), photo.report().summary());
  }

  /**
   * With the chroma-key stand-in for a matting model (MODNet's contract: the photo shrunk to a
   * 512 px short side, the matte enlarged back), the background is exactly the colour away from
   * the person and the geometry holds within the matte's coarser edge.
   */
  @Test
  void make_chromaKeyMatte_backgroundIsExactlyTheColourAwayFromThePerson() {
    IdPhotoSpec spec = IdPhotoSpecs.builtIn().get("cn-2inch");
    SyntheticPortrait portrait = portrait(1.2, 7);
    IdPhoto photo = IdPhotoMaker.builder(restorer).matting(chromaKey).build()
        .make(portrait.image, spec, BackgroundColor.RED);

    // The matte is computed at 512 px and enlarged: its edge is soft over a few input pixels.
    assertGeometry(photo, portrait, 7, 2.0);
    assertBackgroundExactlyAwayFromPerson(photo, portrait, 6);
    assertTrue(photo.report().passed(), photo.report().summary());
  }

  private static SyntheticPortrait portrait(double scale, double degrees) {
    int w = (int) (600 * scale);
    int h = (int) (620 * scale);
    return SyntheticPortrait.place(astronaut, w, h, scale, degrees, w / 2.0, 50 * scale, 7);
  }

  private static void assertGeometry(IdPhoto photo, SyntheticPortrait portrait, double degrees, double tolerancePx) {
    IdPhotoSpec spec = photo.spec();
    BufferedImage out = photo.image();
    assertEquals(spec.widthPx(), out.getWidth());
    assertEquals(spec.heightPx(), out.getHeight());
    SimilarityTransform toPhoto = photo.inputToPhoto();
    double perMm = spec.pixelsPerMm();
    // Ground truth: the outline and the landmarks as placed, carried into the ID photo.
    double crown = portrait.headOutline().stream().mapToDouble(p -> toPhoto.apply(p).y()).min().orElseThrow();
    Landmarks placed = astronautMarks.transform(portrait.placement);
    Landmarks marks = placed.transform(toPhoto);
    double chin = SyntheticPortrait.chin(marks).y();
    assertEquals(spec.headHeightMm().middle() * perMm, chin - crown, tolerancePx, "head height in px");
    if (spec.eyeLineMm().isPresent()) {
      double planned = spec.heightPx() - 0.5 - spec.eyeLineMm().get().middle() * perMm;
      assertEquals(planned, CropPlanner.mid(marks.leftEye(), marks.rightEye()).y(), tolerancePx, "eye line row");
    } else {
      double planned = spec.topMarginMm().get().middle() * perMm - 0.5;
      assertEquals(planned, crown, tolerancePx, "crown row");
    }
    assertEquals(0, Math.toDegrees(LandmarkRefinement.angle(marks)), 0.5, "eye line's tilt after levelling, degrees");
    // The astronaut holds her head tilted by about 3.5 degrees: the placement's angle adds to that.
    assertEquals(Math.toDegrees(LandmarkRefinement.angle(placed)), photo.report().tiltBeforeDegrees(), 0.5,
        "tilt before");
    assertEquals(degrees + Math.toDegrees(LandmarkRefinement.angle(astronautMarks)),
        photo.report().tiltBeforeDegrees(), 0.5, "tilt before");
  }

  /** Every pixel more than {@code margin} input pixels from the person's outline is exactly the background. */
  private static void assertBackgroundExactlyAwayFromPerson(IdPhoto photo, SyntheticPortrait portrait, double margin) {
    BufferedImage out = photo.image();
    int rgb = photo.background().rgb();
    SimilarityTransform toAstronaut = portrait.placement.inverse().compose(photo.inputToPhoto().inverse());
    // margin input pixels, in the astronaut photo's pixels.
    double r = margin / portrait.placement.scale();
    int checked = 0;
    for (int y = 0; y < out.getHeight(); y++) {
      for (int x = 0; x < out.getWidth(); x++) {
        Point p = toAstronaut.apply(new Point(x, y));
        boolean near = SyntheticPortrait.inPerson(p.x(), p.y());
        for (int k = 0; k < 16 && !near; k++) {
          double t = k * Math.PI / 8;
          near = SyntheticPortrait.inPerson(p.x() + r * Math.cos(t), p.y() + r * Math.sin(t));
        }
        if (!near) {
          checked++;
          assertEquals(Integer.toHexString(rgb), Integer.toHexString(out.getRGB(x, y) & 0xFFFFFF),
              "pixel (" + x + ", " + y + ") away from the person");
        }
      }
    }
    assertTrue(checked > out.getWidth() * 20, "background pixels checked: " + checked);
  }
}
