package io.gpen4j.internal.detect;

import io.gpen4j.BoundingBox;
import io.gpen4j.DetectedFace;
import java.util.ArrayList;
import java.util.List;

/**
 * The detector runs that search one image: a pass over the whole image at the detector's size, then
 * passes over overlapping tiles at finer scales until the smallest face wanted is large enough for
 * the detector (on an enlarged image when needed).
 *
 * <p>Design: a pass at scale {@code s} finds faces from the model's
 * {@link DetectorModel#smallestInputFace()} input pixels ({@code m}), that is {@code m / s} image
 * pixels, up to several hundred input pixels. Successive scales differ
 * by at most {@link #SCALE_STEP}, so each pass's range overlaps the next coarser one's. Tiles of a
 * pass overlap by more than the largest face that pass is responsible for (larger faces are the
 * coarser pass's), so every such face lies whole in some tile; each tile keeps only the faces whose
 * centre falls in its share of the overlaps (the split runs through the middle of each overlap), so
 * a face cut by one tile's border is reported by the tile that holds it whole, once. Faces found by
 * two passes are merged by the caller's non-maximum suppression. One tile at a time is written into
 * the detector's input, so memory is one input tensor whatever the image size.
 *
 * @param tiles the detector runs, coarsest first
 */
record DetectionPlan(List<Tile> tiles) {
  /** The largest ratio between the scales of successive passes. */
  static final double SCALE_STEP = 8;

  /** How much more than the largest face of a pass its tiles overlap by. */
  private static final double OVERLAP_MARGIN = 1.25;

  /**
   * One detector run.
   *
   * @param letterbox where the tile goes in the detector's input
   * @param keepX0 faces whose centre is left of this (image x) belong to another tile
   * @param keepY0 faces whose centre is above this belong to another tile
   * @param keepX1 faces whose centre is at or right of this belong to another tile
   * @param keepY1 faces whose centre is at or below this belong to another tile
   * @param maxFace faces larger than this (image pixels, the box's longer side) are left to a
   *     coarser pass
   * @param wholeBoxes whether the keep bounds hold the face's whole box rather than its centre (a
   *     {@link FineWindows} window: faces cut by its edge are left out)
   */
  record Tile(Letterbox letterbox, double keepX0, double keepY0, double keepX1, double keepY1, double maxFace,
      boolean wholeBoxes) {
    /** A tile that keeps faces by their centre. */
    Tile(Letterbox letterbox, double keepX0, double keepY0, double keepX1, double keepY1, double maxFace) {
      this(letterbox, keepX0, keepY0, keepX1, keepY1, maxFace, false);
    }

    /** Whether this tile reports the face. */
    boolean keeps(DetectedFace face) {
      BoundingBox b = face.box();
      if (Math.max(b.width(), b.height()) > maxFace) {
        return false;
      }
      if (wholeBoxes) {
        return b.x() >= keepX0 && b.maxX() <= keepX1 && b.y() >= keepY0 && b.maxY() <= keepY1;
      }
      double cx = b.x() + b.width() / 2;
      double cy = b.y() + b.height() / 2;
      return cx >= keepX0 && cx < keepX1 && cy >= keepY0 && cy < keepY1;
    }
  }

  /**
   * The letterbox of a window, for a model that runs at any size: the window clipped to a bounding
   * region, grown right and down (left and up at the region's edge) to fill its input's multiple of
   * {@link DetectorModel#STRIDE_MULTIPLE} with image instead of padding.
   *
   * @param x0 the window's left edge, image pixels
   * @param y0 the window's top edge
   * @param x1 the window's right edge
   * @param y1 the window's bottom edge
   * @param boundX the bounding region's left edge
   * @param boundY the bounding region's top edge
   * @param boundWidth the bounding region's width
   * @param boundHeight the bounding region's height
   * @param scale input pixels per image pixel
   * @return the letterbox; the whole bounding region when the window misses it
   */
  static Letterbox window(double x0, double y0, double x1, double y1, int boundX, int boundY, int boundWidth,
      int boundHeight, double scale) {
    int[] xs = span(x0, x1, boundX, boundWidth, scale);
    int[] ys = span(y0, y1, boundY, boundHeight, scale);
    return Letterbox.padded(xs[0], ys[0], xs[1], ys[1], scale, DetectorModel.STRIDE_MULTIPLE);
  }

  /** The origin and length, within {@code [start, start + length)}, of a window on one axis. */
  private static int[] span(double from, double to, int start, int length, double scale) {
    int a = Math.max(start, (int) Math.floor(from));
    int b = Math.min(start + length, (int) Math.ceil(to));
    if (b <= a) {
      return new int[] {start, length};
    }
    int multiple = DetectorModel.STRIDE_MULTIPLE;
    int inputLength = Math.max(multiple, (int) Math.ceil((b - a) * scale / multiple) * multiple);
    int wanted = Math.max(b - a, Math.min(length, (int) Math.floor(inputLength / scale)));
    int origin = Math.min(a, start + length - wanted);
    return new int[] {origin, wanted};
  }

  DetectionPlan {
    tiles = List.copyOf(tiles);
  }

  /**
   * One run over the whole image, shrunk to the model's size.
   *
   * @param model the detector model
   * @param width the image width
   * @param height the image height
   * @return the plan
   */
  static DetectionPlan single(DetectorModel model, int width, int height) {
    return new DetectionPlan(List.of(whole(model.letterbox(width, height))));
  }

  /**
   * The whole-image run, then tiled runs down to the smallest face wanted.
   *
   * @param model the detector model
   * @param width the image width
   * @param height the image height
   * @param smallestFace the smallest face to find, in image pixels, positive
   * @return the plan
   */
  static DetectionPlan of(DetectorModel model, int width, int height, int smallestFace) {
    if (smallestFace <= 0) {
      throw new IllegalArgumentException("smallestFace must be positive: " + smallestFace);
    }
    Letterbox first = model.letterbox(width, height);
    List<Tile> tiles = new ArrayList<>();
    tiles.add(whole(first));
    double target = (double) model.smallestInputFace() / smallestFace;
    double scale = first.scale();
    // Within 10% of the target the coarser pass still sees the smallest faces at 90% of the size.
    while (scale < target * 0.9) {
      double next = Math.min(target, scale * SCALE_STEP);
      tiles.addAll(pass(model, width, height, next, next / scale));
      scale = next;
    }
    return new DetectionPlan(tiles);
  }

  private static Tile whole(Letterbox letterbox) {
    double inf = Double.POSITIVE_INFINITY;
    return new Tile(letterbox, -inf, -inf, inf, inf, inf);
  }

  /**
   * The tiles of one pass at {@code scale}, {@code ratio} times finer than the pass before: they
   * overlap by the largest face the pass is responsible for (the smallest the coarser pass finds,
   * with margin), and each keeps the faces centred in its share of the overlaps.
   *
   * @param model the detector model
   * @param width the image width
   * @param height the image height
   * @param scale input pixels per image pixel
   * @param ratio how many times finer than the pass before, at least 1
   * @return the tiles, row by row
   */
  static List<Tile> pass(DetectorModel model, int width, int height, double scale, double ratio) {
    return model.hasFixedSize()
        ? pass(model, width, height, scale, ratio, model.fixedWidth(), model.fixedHeight(), false)
        : pass(model, width, height, scale, ratio, DetectorModel.DETECTION_SIDE, DetectorModel.DETECTION_SIDE, true);
  }

  /**
   * The tiles of one pass, at most {@code inputW x inputH} input pixels each.
   *
   * @param padded whether each tile's input is its content rounded up to the model's stride
   *     multiple (a model that runs at any size) rather than the whole input size
   */
  static List<Tile> pass(DetectorModel model, int width, int height, double scale, double ratio, int inputW,
      int inputH, boolean padded) {
    List<Tile> tiles = new ArrayList<>();
    // The largest face this pass must find whole: the smallest the coarser pass finds, with margin.
    double overlap = model.smallestInputFace() * ratio * OVERLAP_MARGIN;
    int regionW = Math.min(width, (int) Math.floor(inputW / scale));
    int regionH = Math.min(height, (int) Math.floor(inputH / scale));
    int[] xs = starts(width, regionW, (inputW - overlap) / scale);
    int[] ys = starts(height, regionH, (inputH - overlap) / scale);
    double maxFace = overlap / scale;
    for (int j = 0; j < ys.length; j++) {
      for (int i = 0; i < xs.length; i++) {
        Letterbox lb = padded
            ? Letterbox.padded(xs[i], ys[j], regionW, regionH, scale, DetectorModel.STRIDE_MULTIPLE)
            : new Letterbox(xs[i], ys[j], regionW, regionH, scale, inputW, inputH);
        tiles.add(new Tile(lb,
            split(xs, regionW, i - 1), split(ys, regionH, j - 1),
            split(xs, regionW, i), split(ys, regionH, j), maxFace));
      }
    }
    return tiles;
  }

  /** Tile origins along one axis, evenly spaced at most {@code stride} apart, the last flush with the end. */
  private static int[] starts(int length, int region, double stride) {
    if (region >= length) {
      return new int[] {0};
    }
    int n = (int) Math.ceil((length - region) / Math.max(1.0, stride)) + 1;
    int[] starts = new int[n];
    for (int i = 0; i < n; i++) {
      starts[i] = (int) Math.round((double) i * (length - region) / (n - 1));
    }
    return starts;
  }

  /** The middle of the overlap between tile {@code i} and tile {@code i + 1}; infinite at the ends. */
  private static double split(int[] starts, int region, int i) {
    if (i < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (i >= starts.length - 1) {
      return Double.POSITIVE_INFINITY;
    }
    return (starts[i + 1] + starts[i] + region) / 2.0;
  }
}
