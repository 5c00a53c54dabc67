package io.gpen4j.idphoto;

import io.gpen4j.DetectedFace;
import io.gpen4j.FaceRestorer;
import io.gpen4j.Landmarks;
import io.gpen4j.Point;
import io.gpen4j.RestoreOptions;
import io.gpen4j.SimilarityTransform;
import io.gpen4j.internal.image.AffineWarp;
import io.gpen4j.internal.image.FloatImage;
import io.gpen4j.internal.image.RgbaImage;
import java.util.List;

/**
 * Finds a face's landmarks again on an upright, standard-size view of it, until the eye line stops
 * turning.
 *
 * <p>Why: face detectors place their five landmarks a few pixels off, and worse on a tilted face or
 * one they see small (YuNet, SCRFD and RetinaFace on the astronaut turned by 8 degrees report eye
 * lines 2-7 degrees off; unturned, the same face at another size moves their eyes by 2-5 px). An ID
 * photo needs its eye line level within half a degree. So the face is warped into a
 * {@value #SIZE} px square with its eyes level, {@value #EYE_DISTANCE} px apart and at a fixed
 * place, detected there and on its mirror image (the two averaged, which cancels the detector's
 * left-right bias), and its landmarks mapped back; repeated until the correction is under
 * {@value #CONVERGED_DEGREES} degrees (at most {@value #MAX_PASSES} passes). Whatever the photo's
 * scale and tilt, the detector then sees nearly the same pixels, so the landmarks follow the face
 * rather than the framing.
 */
final class LandmarkRefinement {
  static final int SIZE = 512;
  static final double EYE_DISTANCE = 128;
  static final double EYES_Y = 220;
  static final int MAX_PASSES = 4;
  static final double CONVERGED_DEGREES = 0.05;

  private LandmarkRefinement() {}

  /**
   * Refines a face's landmarks.
   *
   * @param restorer the restorer whose detector runs
   * @param photo the photo
   * @param face the face as first detected
   * @return the face with refined landmarks (box and score as first detected)
   */
  static DetectedFace refine(FaceRestorer restorer, RgbaImage photo, DetectedFace face) {
    Landmarks current = face.landmarks();
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      SimilarityTransform toView = standardView(current);
      RgbaImage view = rgba(AffineWarp.warp(photo, toView, SIZE));
      Landmarks seen = landmarks(restorer, view);
      Landmarks mirrored = landmarks(restorer, mirror(view));
      if (seen == null || mirrored == null) {
        break;
      }
      Landmarks refined = average(seen, unmirror(mirrored)).transform(toView.inverse());
      double turn = Math.abs(angle(refined) - angle(current));
      current = refined;
      if (Math.toDegrees(turn) < CONVERGED_DEGREES) {
        break;
      }
    }
    return new DetectedFace(face.box(), current, face.score());
  }

  /** The eye line's angle, clockwise on screen, in radians. */
  static double angle(Landmarks l) {
    return Math.atan2(l.rightEye().y() - l.leftEye().y(), l.rightEye().x() - l.leftEye().x());
  }

  /** Maps the eyes level, {@link #EYE_DISTANCE} apart, their midpoint to (SIZE/2, EYES_Y). */
  private static SimilarityTransform standardView(Landmarks l) {
    Point eyes = CropPlanner.mid(l.leftEye(), l.rightEye());
    double scale = EYE_DISTANCE / l.leftEye().distanceTo(l.rightEye());
    SimilarityTransform turn = SimilarityTransform.of(scale, -angle(l), 0, 0);
    Point moved = turn.apply(eyes);
    return new SimilarityTransform(turn.a(), turn.b(), SIZE / 2.0 - moved.x(), EYES_Y - moved.y());
  }

  private static Landmarks landmarks(FaceRestorer restorer, RgbaImage view) {
    DetectedFace face = nearestToCentre(restorer.detect(view.view(), RestoreOptions.DEFAULTS));
    return face == null ? null : face.landmarks();
  }

  /** The view flipped left to right. */
  private static RgbaImage mirror(RgbaImage view) {
    int[] src = view.pixels();
    int[] px = new int[src.length];
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        px[y * SIZE + x] = src[y * SIZE + SIZE - 1 - x];
      }
    }
    return RgbaImage.wrap(SIZE, SIZE, px, false);
  }

  /** Landmarks found on the mirrored view, in the view's coordinates: x flipped, left and right swapped. */
  private static Landmarks unmirror(Landmarks m) {
    return new Landmarks(flip(m.rightEye()), flip(m.leftEye()), flip(m.nose()), flip(m.rightMouth()),
        flip(m.leftMouth()));
  }

  private static Point flip(Point p) {
    return new Point(SIZE - 1 - p.x(), p.y());
  }

  private static Landmarks average(Landmarks a, Landmarks b) {
    return new Landmarks(CropPlanner.mid(a.leftEye(), b.leftEye()), CropPlanner.mid(a.rightEye(), b.rightEye()),
        CropPlanner.mid(a.nose(), b.nose()), CropPlanner.mid(a.leftMouth(), b.leftMouth()),
        CropPlanner.mid(a.rightMouth(), b.rightMouth()));
  }

  private static DetectedFace nearestToCentre(List<DetectedFace> faces) {
    DetectedFace best = null;
    double bestDistance = Double.POSITIVE_INFINITY;
    Point centre = new Point(SIZE / 2.0, EYES_Y);
    for (DetectedFace f : faces) {
      Point eyes = CropPlanner.mid(f.landmarks().leftEye(), f.landmarks().rightEye());
      double d = eyes.distanceTo(centre);
      if (d < bestDistance && d < EYE_DISTANCE) {
        best = f;
        bestDistance = d;
      }
    }
    return best;
  }

  private static RgbaImage rgba(FloatImage image) {
    int n = image.width() * image.height();
    float[] d = image.data();
    int[] px = new int[n];
    for (int i = 0; i < n; i++) {
      px[i] = 0xFF000000 | channel(d[i]) << 16 | channel(d[n + i]) << 8 | channel(d[2 * n + i]);
    }
    return RgbaImage.wrap(image.width(), image.height(), px, false);
  }

  private static int channel(float v) {
    return Math.min(255, Math.max(0, Math.round(v)));
  }
}
