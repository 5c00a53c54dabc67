package io.gpen4j.internal.detect;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gpen4j.BoundingBox;
import io.gpen4j.DetectedFace;
import io.gpen4j.Point;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class LetterboxTest {
  @Test
  void fit_wideImage_fillsTheWidthAndPadsTheBottom() {
    Letterbox lb = Letterbox.fit(1328, 568, 640, 640);
    assertAll(
        () -> assertEquals(640.0 / 1328, lb.scale(), 1e-12),
        () -> assertEquals(640, lb.contentWidth()),
        () -> assertEquals(274, lb.contentHeight()),
        () -> assertEquals(1328, lb.sourceX(640), 1e-9),
        () -> assertEquals(568, lb.sourceY(640.0 * 568 / 1328), 1e-9));
  }

  @Test
  void padded_roundsTheInputUpToTheMultiple() {
    Letterbox lb = Letterbox.padded(0, 0, 1328, 568, 1, 32);
    assertAll(
        () -> assertEquals(1344, lb.inputWidth()),
        () -> assertEquals(576, lb.inputHeight()),
        () -> assertEquals(1328, lb.contentWidth()),
        () -> assertEquals(568, lb.contentHeight()));
  }

  @Test
  void detectorModel_letterbox_shrinksLargeImagesOnlyAndPadsToTheModel() {
    DetectorModel free = new DetectorModel(io.gpen4j.DetectorType.SCRFD, "in", -1, -1,
        io.gpen4j.models.Normalization.RGB_CENTERED_128, new YuNetDecoder());
    DetectorModel fixed = new DetectorModel(io.gpen4j.DetectorType.YUNET, "in", 640, 640,
        io.gpen4j.models.Normalization.BGR_0_255, new YuNetDecoder());
    Letterbox big = free.letterbox(1328, 568);
    Letterbox small = free.letterbox(300, 200);
    Letterbox fixedSmall = fixed.letterbox(300, 200);
    assertAll(
        () -> assertEquals(640, big.contentWidth()),
        () -> assertEquals(640, big.inputWidth()),
        () -> assertEquals(288, big.inputHeight()),
        () -> assertEquals(1.0, small.scale()),
        () -> assertEquals(320, small.inputWidth()),
        () -> assertEquals(224, small.inputHeight()),
        () -> assertEquals(1.0, fixedSmall.scale()),
        () -> assertEquals(640, fixedSmall.inputWidth()),
        () -> assertEquals(640, fixedSmall.inputHeight()));
  }

  @Test
  void new_regionThatDoesNotFit_throws() {
    assertThrows(IllegalArgumentException.class, () -> new Letterbox(0, 0, 700, 100, 1, 640, 640));
    assertThrows(IllegalArgumentException.class, () -> new Letterbox(0, 0, 100, 100, 0, 640, 640));
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14, 15})
  void toInput_thenToSource_returnsThePoint(long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < 100; i++) {
      int w = 1 + random.nextInt(3000);
      int h = 1 + random.nextInt(3000);
      Letterbox lb = random.nextBoolean()
          ? Letterbox.fit(w, h, 32 * (1 + random.nextInt(40)), 32 * (1 + random.nextInt(40)))
          : Letterbox.padded(random.nextInt(50), random.nextInt(50), w, h, 0.05 + random.nextDouble() * 3, 32);
      Point p = new Point(random.nextDouble() * w, random.nextDouble() * h);
      Point back = lb.toSource(lb.toInput(p));
      assertEquals(p.x(), back.x(), 1e-9 * Math.max(1, w));
      assertEquals(p.y(), back.y(), 1e-9 * Math.max(1, h));
    }
  }

  @Test
  void toSource_face_mapsBoxAndLandmarks() {
    Letterbox lb = new Letterbox(100, 50, 400, 200, 0.5, 320, 128);
    DetectedFace inInput = NonMaxSuppressionTest.face(10, 20, 30, 40, 0.7);
    DetectedFace mapped = lb.toSource(inInput);
    assertAll(
        () -> assertEquals(new BoundingBox(120, 90, 60, 80), mapped.box()),
        () -> assertEquals(new Point(120, 90), mapped.landmarks().leftEye()),
        () -> assertEquals(new Point(150, 130), mapped.landmarks().nose()),
        () -> assertEquals(0.7, mapped.score()));
  }
}
