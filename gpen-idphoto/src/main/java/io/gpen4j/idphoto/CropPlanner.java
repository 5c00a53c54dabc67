package io.gpen4j.idphoto;

import io.gpen4j.DetectedFace;
import io.gpen4j.Landmarks;
import io.gpen4j.Matte;
import io.gpen4j.Point;
import io.gpen4j.SimilarityTransform;

/**
 * Plans the crop of an ID photo from the face's landmarks and the portrait matte.
 *
 * <p>Design: the eye line's angle gives the rotation that levels the eyes, about their midpoint.
 * In that levelled frame the crown is the highest point of the matte (alpha at least 0.5) within a
 * band around the face two face-widths wide, which keeps a raised hand or a second object beside
 * the head from counting. The chin is not in a portrait matte (the neck continues below it), so it
 * is estimated from the landmarks: {@value #CHIN_FROM_EYES} times the distance from the eye line
 * to the mouth line, below the eye line. (Facial thirds: the eye-to-mouth distance is about 0.6 of
 * the eye-to-chin distance in adult faces; the factor was checked on the test photos of
 * {@code ../shared}, whose chins it places within 3% of the head height.) The scale makes chin to
 * crown the middle of the spec's head-height range; the eye line goes to the middle of the spec's
 * eye-line range or, without one, the crown to the middle of its top-margin range; the eyes'
 * midpoint is centred horizontally.
 *
 * <p>A head whose matte touches the input's top edge is refused: its crown is not in the photo, so
 * neither the head height nor the top margin can be known. Room missing above the head is filled
 * with the background (the background is replaced anyway); room missing at the sides or below is
 * filled too and flagged, because there the person's outline would look cut.
 */
final class CropPlanner {
  /** Eye line to chin, in eye-line-to-mouth distances. */
  static final double CHIN_FROM_EYES = 1.75;
  /** Matte values at or above this count as the person when looking for the crown. */
  static final float PERSON = 0.5f;

  private CropPlanner() {}

  /**
   * Plans the crop.
   *
   * @param spec the specification
   * @param face the one face, in the input's coordinates
   * @param matte the input's matte
   * @return the plan
   * @throws IdPhotoException if the head is cut by the top edge or no crown is found above the eyes
   */
  static CropPlan plan(IdPhotoSpec spec, DetectedFace face, Matte matte) {
    Landmarks l = face.landmarks();
    Point eyes = mid(l.leftEye(), l.rightEye());
    double tilt = Math.atan2(l.rightEye().y() - l.leftEye().y(), l.rightEye().x() - l.leftEye().x());
    // Rotation by -tilt about the eyes' midpoint: the eye line becomes horizontal.
    SimilarityTransform level = about(eyes, SimilarityTransform.of(1, -tilt, 0, 0));
    Point mouth = level.apply(mid(l.leftMouth(), l.rightMouth()));
    double eyeY = eyes.y();
    double chinY = eyeY + CHIN_FROM_EYES * (mouth.y() - eyeY);
    double crownY = crown(matte, level, eyes, face.box().width(), eyeY);
    double head = chinY - crownY;

    double perMm = spec.pixelsPerMm();
    double scale = spec.headHeightMm().middle() * perMm / head;
    double eyeRow = spec.eyeLineMm().isPresent()
        ? spec.heightPx() - 0.5 - spec.eyeLineMm().get().middle() * perMm
        : spec.topMarginMm().get().middle() * perMm - 0.5 + scale * (eyeY - crownY);
    double centreX = (spec.widthPx() - 1) / 2.0;
    // Output = scale * (level(p) - eyes) + (centreX, eyeRow).
    SimilarityTransform toOutput = new SimilarityTransform(scale, 0, centreX - scale * eyes.x(), eyeRow - scale * eyes.y())
        .compose(level);
    return new CropPlan(toOutput, Math.toDegrees(tilt), head, eyeRow - scale * (eyeY - crownY), eyeRow,
        eyeRow + scale * (chinY - eyeY), padded(toOutput, spec, matte));
  }

  /** The highest levelled y of the person within the band around the face, refusing a cut head. */
  private static double crown(Matte matte, SimilarityTransform level, Point eyes, double faceWidth, double eyeY) {
    double halfBand = faceWidth;
    double best = Double.POSITIVE_INFINITY;
    boolean touchesTop = false;
    int w = matte.width();
    java.nio.FloatBuffer alpha = matte.buffer();
    for (int y = 0; y < matte.height(); y++) {
      for (int x = 0; x < w; x++) {
        if (alpha.get(y * w + x) < PERSON) {
          continue;
        }
        Point p = level.apply(new Point(x, y));
        if (Math.abs(p.x() - eyes.x()) > halfBand || p.y() >= eyeY) {
          continue;
        }
        if (y == 0) {
          touchesTop = true;
        }
        best = Math.min(best, p.y());
      }
    }
    if (touchesTop) {
      throw new IdPhotoException("the head is cut by the top edge of the photo: its crown is not in the picture, so the "
          + "head height cannot be measured; use a photo with space above the hair");
    }
    if (best == Double.POSITIVE_INFINITY) {
      throw new IdPhotoException("the matte shows no head above the eyes: the background could not be told from the "
          + "person (try another matting model or a plainer background)");
    }
    return best;
  }

  /** Whether the output reaches past the input's left, right or bottom edge. */
  private static boolean padded(SimilarityTransform toOutput, IdPhotoSpec spec, Matte matte) {
    SimilarityTransform back = toOutput.inverse();
    double[][] corners = {{-0.5, -0.5}, {spec.widthPx() - 0.5, -0.5}, {-0.5, spec.heightPx() - 0.5},
        {spec.widthPx() - 0.5, spec.heightPx() - 0.5}};
    for (double[] c : corners) {
      Point p = back.apply(new Point(c[0], c[1]));
      boolean bottomCorner = c[1] > 0;
      if (p.x() < -0.5 || p.x() > matte.width() - 0.5 || (bottomCorner && p.y() > matte.height() - 0.5)) {
        return true;
      }
    }
    return false;
  }

  /** A transform applied about a point instead of the origin. */
  static SimilarityTransform about(Point centre, SimilarityTransform t) {
    Point moved = t.apply(centre);
    return new SimilarityTransform(t.a(), t.b(), t.tx() + centre.x() - moved.x(), t.ty() + centre.y() - moved.y());
  }

  static Point mid(Point a, Point b) {
    return new Point((a.x() + b.x()) / 2, (a.y() + b.y()) / 2);
  }
}
