package io.gpen4j.internal.detect;

import io.gpen4j.BoundingBox;
import io.gpen4j.DetectedFace;
import java.util.ArrayList;
import java.util.List;

/**
 * The detector runs of one fine pass of a guided search when the model runs at any size: windows
 * around the faces the pass is run for, instead of the pass's whole 640 x 640 tiles. Each face's
 * box is grown on every side by {@link #WINDOW_FACES} of its size, the centre slack and
 * {@link #WINDOW_CONTEXT} input pixels; windows that overlap are merged, and each is cut from the
 * image at the pass's scale. A window keeps every face no larger than the pass's largest face
 * whose whole box lies inside it, clear of its edges by {@link #EDGE_MARGIN} input pixels (up to
 * the image's own edges): the faces it was run for, and those beside them that a whole tile would
 * have found too (on the group photo three of RetinaFace's small faces had no candidate of their
 * own, and windows that kept only the candidates' faces lost them); never a part of a face cut by
 * the window's edge, whose box reaches the edge.
 *
 * <p>Why windows: on the 3000 x 2000 group photo the guided plan's fine pass ran six 640 x 640
 * tiles (2.5 M input pixels) for the Solvay photograph pasted at its own size (29 faces in
 * 1328 x 568 px, 0.75 M) and a few faces of its 2x copy; YuNet's time grows with the pixels it
 * sees, so windows cost what the faces' surroundings do (1.2 M there).
 */
final class FineWindows {
  /** A window reaches this many times a face's size beyond its box on each side... */
  static final double WINDOW_FACES = 1;

  /** ...and this many input pixels of the pass more, so the detector sees the face's surroundings. */
  static final double WINDOW_CONTEXT = 16;

  /**
   * A face whose box comes closer than this many input pixels to a window's edge (not the image's)
   * is left out: it may be a part of a face the edge cuts.
   */
  static final double EDGE_MARGIN = 2;

  /**
   * The longest input side of a merged window: overlapping windows that would exceed it (faces
   * spread over a large photo) stay apart, so a run's memory stays that of a few tiles.
   */
  static final int MAX_WINDOW_SIDE = 2048;

  private FineWindows() {}

  /**
   * The runs of one pass.
   *
   * @param scale the pass's scale, input pixels per image pixel
   * @param maxFace the largest face the pass reports, image pixels
   * @param faces the faces the pass is run for, in image coordinates
   * @param centreSlack how far, in image pixels, a face's centre in this pass may be from the
   *     coarser pass's
   * @param width the image width
   * @param height the image height
   * @return the windows, as tiles
   */
  static List<DetectionPlan.Tile> of(double scale, double maxFace, List<DetectedFace> faces, double centreSlack,
      int width, int height) {
    double context = WINDOW_CONTEXT / scale;
    // Each window as {x0, y0, x1, y1}, image pixels.
    List<double[]> windows = new ArrayList<>();
    for (DetectedFace f : faces) {
      BoundingBox b = f.box();
      double size = Math.max(b.width(), b.height());
      double grow = size * WINDOW_FACES + centreSlack + context;
      windows.add(new double[] {b.x() - grow, b.y() - grow, b.maxX() + grow, b.maxY() + grow});
    }
    for (boolean merged = true; merged; ) {
      merged = false;
      for (int i = 0; i < windows.size() && !merged; i++) {
        for (int j = i + 1; j < windows.size() && !merged; j++) {
          double[] a = windows.get(i);
          double[] b = windows.get(j);
          double[] u = {Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])};
          boolean overlap = a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
          if (overlap && (u[2] - u[0]) * scale <= MAX_WINDOW_SIDE && (u[3] - u[1]) * scale <= MAX_WINDOW_SIDE) {
            windows.set(i, u);
            windows.remove(j);
            merged = true;
          }
        }
      }
    }
    List<DetectionPlan.Tile> runs = new ArrayList<>();
    double inf = Double.POSITIVE_INFINITY;
    double margin = EDGE_MARGIN / scale;
    for (double[] w : windows) {
      Letterbox lb = DetectionPlan.window(w[0], w[1], w[2], w[3], 0, 0, width, height, scale);
      int x1 = lb.regionX() + lb.regionWidth();
      int y1 = lb.regionY() + lb.regionHeight();
      // Whole boxes only, clear of the window's edges; at the image's edges nothing is cut.
      runs.add(new DetectionPlan.Tile(lb,
          lb.regionX() == 0 ? -inf : lb.regionX() + margin, lb.regionY() == 0 ? -inf : lb.regionY() + margin,
          x1 == width ? inf : x1 - margin, y1 == height ? inf : y1 - margin, maxFace, true));
    }
    return runs;
  }
}
