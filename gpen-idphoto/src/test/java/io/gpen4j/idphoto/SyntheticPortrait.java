package io.gpen4j.idphoto;

import io.gpen4j.Matte;
import io.gpen4j.Point;
import io.gpen4j.SimilarityTransform;
import io.gpen4j.internal.image.AffineWarp;
import io.gpen4j.internal.image.FloatImage;
import io.gpen4j.internal.image.RgbaImage;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A portrait with known geometry: the astronaut of {@code ../shared} cut out along a known outline
 * (an ellipse around hair and face, the neck and the shoulders), placed on a textured green
 * background at a known scale, angle and position. The outline, and the landmarks found on the
 * cut-out placed upright at its own size, mapped with the placement, are the ground truth the ID
 * photo is measured against; the exact coverage of the outline is the matte a perfect matting model
 * would return. The screen is close to pure green, for the chroma-key stand-in matting model.
 */
final class SyntheticPortrait {
  /** The head ellipse in the astronaut photo: centre, semi-axes (hair to chin, ear to ear). */
  static final double CX = 226;
  static final double CY = 100;
  static final double RX = 74;
  static final double RY = 88;
  /** The screen: pure green, the chroma-key model's key, with a little texture below it. */
  static final int GREEN = 0x00FF00;

  final BufferedImage image;
  final Matte matte;
  final SimilarityTransform placement;

  private SyntheticPortrait(BufferedImage image, Matte matte, SimilarityTransform placement) {
    this.image = image;
    this.matte = matte;
    this.placement = placement;
  }

  /**
   * Places the astronaut.
   *
   * @param astronaut the astronaut photo
   * @param width the canvas width
   * @param height the canvas height
   * @param scale the astronaut's scale on the canvas
   * @param degrees the rotation, clockwise on screen
   * @param centreX where the head ellipse's centre's x goes
   * @param crownY where the top of the (unrotated) head goes
   * @param seed the background texture's seed
   */
  static SyntheticPortrait place(RgbaImage astronaut, int width, int height, double scale,
      double degrees, double centreX, double crownY, long seed) {
    SimilarityTransform rotate = SimilarityTransform.of(scale, Math.toRadians(degrees), 0, 0);
    Point c = rotate.apply(new Point(CX, CY));
    // The ellipse's centre goes to (centreX, crownY + scale * RY).
    SimilarityTransform placement = new SimilarityTransform(rotate.a(), rotate.b(), centreX - c.x(),
        crownY + scale * RY - c.y());
    return compose(List.of(astronaut), List.of(placement), width, height, seed);
  }

  /** Several placed astronauts (later ones in front). */
  static SyntheticPortrait compose(List<RgbaImage> sources, List<SimilarityTransform> placements,
      int width, int height, long seed) {
    Random rnd = new Random(seed);
    int n = width * height;
    float[] alpha = new float[n];
    int[] px = new int[n];
    for (int i = 0; i < n; i++) {
      // A textured green: up to 8 levels off the key on each channel, well inside the key's tolerance.
      int g = 255 - rnd.nextInt(9);
      int r = rnd.nextInt(9);
      int b = rnd.nextInt(9);
      px[i] = 0xFF000000 | r << 16 | g << 8 | b;
    }
    for (int s = 0; s < sources.size(); s++) {
      SimilarityTransform placement = placements.get(s);
      FloatImage person = AffineWarp.warpWithBorder(sources.get(s), placement, width, height, 0);
      SimilarityTransform back = placement.inverse();
      float[] d = person.data();
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          float a = coverage(back, x, y);
          if (a == 0) {
            continue;
          }
          int i = y * width + x;
          int old = px[i];
          int out = 0xFF000000;
          for (int ch = 0; ch < 3; ch++) {
            float bg = old >> (16 - 8 * ch) & 0xFF;
            int v = Math.round(a * d[ch * n + i] + (1 - a) * bg);
            out |= Math.min(255, Math.max(0, v)) << (16 - 8 * ch);
          }
          px[i] = out;
          alpha[i] = Math.max(alpha[i], a);
        }
      }
    }
    BufferedImage image = RgbaImage.wrap(width, height, px, false).toBufferedImage();
    return new SyntheticPortrait(image, Matte.of(width, height, alpha), placements.get(0));
  }

  /**
   * The share of a pixel's 4x4 samples inside the person's outline; a pixel whose corners and centre
   * all agree is taken as wholly in or out (the outline is smooth at this scale).
   */
  private static float coverage(SimilarityTransform back, int x, int y) {
    boolean centre = inside(back, x, y);
    if (inside(back, x - 0.5, y - 0.5) == centre && inside(back, x + 0.5, y - 0.5) == centre
        && inside(back, x - 0.5, y + 0.5) == centre && inside(back, x + 0.5, y + 0.5) == centre) {
      return centre ? 1 : 0;
    }
    int count = 0;
    for (int j = 0; j < 4; j++) {
      for (int i = 0; i < 4; i++) {
        if (inside(back, x - 0.375 + i * 0.25, y - 0.375 + j * 0.25)) {
          count++;
        }
      }
    }
    return count / 16f;
  }

  private static boolean inside(SimilarityTransform back, double x, double y) {
    return inPerson(back.a() * x - back.b() * y + back.tx(), back.b() * x + back.a() * y + back.ty());
  }

  /** The outline in the astronaut photo: head ellipse, neck, shoulders down to the bottom. */
  static boolean inPerson(double u, double v) {
    double ex = (u - CX) / RX;
    double ey = (v - CY) / RY;
    if (ex * ex + ey * ey <= 1) {
      return true;
    }
    if (v > 512) {
      return false;
    }
    return (v >= 160 && u >= 180 && u <= 275) || (v >= 230 && u >= 60 && u <= 400);
  }

  /** The head outline's points on the canvas, every 0.1 degree. */
  List<Point> headOutline() {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < 3600; i++) {
      double t = Math.toRadians(i / 10.0);
      points.add(placement.apply(new Point(CX + RX * Math.cos(t), CY + RY * Math.sin(t))));
    }
    return points;
  }

  /** The chin by the planner's definition, from the ground-truth landmarks, mapped. */
  static Point chin(io.gpen4j.Landmarks l) {
    Point eyes = CropPlanner.mid(l.leftEye(), l.rightEye());
    Point mouth = CropPlanner.mid(l.leftMouth(), l.rightMouth());
    return new Point(eyes.x() + CropPlanner.CHIN_FROM_EYES * (mouth.x() - eyes.x()),
        eyes.y() + CropPlanner.CHIN_FROM_EYES * (mouth.y() - eyes.y()));
  }
}
