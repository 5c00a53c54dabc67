package io.gpen4j.internal.detect;

import io.gpen4j.BoundingBox;
import io.gpen4j.DetectedFace;
import io.gpen4j.Landmarks;
import io.gpen4j.Point;

/**
 * Where a region of the source image lands in a detector's input tensor: the region is scaled by
 * one factor on both axes and placed at the top-left corner; the rest of the input (bottom and
 * right) is padding. Keeping the aspect ratio and the origin makes the mapping back to the
 * source a plain {@code x / scale + regionX}.
 *
 * @param regionX the region's left edge in the source image
 * @param regionY the region's top edge in the source image
 * @param regionWidth the region's width, positive
 * @param regionHeight the region's height, positive
 * @param scale input pixels per source pixel, positive
 * @param inputWidth the width of the model input, at least the scaled region's width
 * @param inputHeight the height of the model input, at least the scaled region's height
 */
record Letterbox(
    int regionX, int regionY, int regionWidth, int regionHeight, double scale, int inputWidth, int inputHeight) {
  /**
   * Validates the placement.
   *
   * @throws IllegalArgumentException if a size is not positive or the scaled region does not fit
   */
  Letterbox {
    if (regionX < 0 || regionY < 0 || regionWidth <= 0 || regionHeight <= 0) {
      throw new IllegalArgumentException(
          "bad region " + regionX + "," + regionY + " " + regionWidth + "x" + regionHeight);
    }
    if (!(scale > 0) || !Double.isFinite(scale)) {
      throw new IllegalArgumentException("scale must be positive and finite: " + scale);
    }
    if (inputWidth <= 0 || inputHeight <= 0) {
      throw new IllegalArgumentException("bad input size " + inputWidth + "x" + inputHeight);
    }
    if (scaledLength(regionWidth, scale) > inputWidth || scaledLength(regionHeight, scale) > inputHeight) {
      throw new IllegalArgumentException("region " + regionWidth + "x" + regionHeight + " scaled by " + scale
          + " does not fit the input " + inputWidth + "x" + inputHeight);
    }
  }

  /**
   * Fits a whole image into a fixed input as large as it goes (up or down).
   *
   * @param width the image width, positive
   * @param height the image height, positive
   * @param inputWidth the input width, positive
   * @param inputHeight the input height, positive
   * @return the letterbox
   */
  static Letterbox fit(int width, int height, int inputWidth, int inputHeight) {
    double scale = Math.min((double) inputWidth / width, (double) inputHeight / height);
    return new Letterbox(0, 0, width, height, scale, inputWidth, inputHeight);
  }

  /**
   * Scales a region by a factor and pads the input up to a multiple, as models whose input size
   * is free need (their strides must divide it).
   *
   * @param regionX the region's left edge
   * @param regionY the region's top edge
   * @param regionWidth the region's width
   * @param regionHeight the region's height
   * @param scale the scale factor
   * @param multiple the input width and height are rounded up to a multiple of this
   * @return the letterbox
   */
  static Letterbox padded(int regionX, int regionY, int regionWidth, int regionHeight, double scale, int multiple) {
    int w = roundUp(scaledLength(regionWidth, scale), multiple);
    int h = roundUp(scaledLength(regionHeight, scale), multiple);
    return new Letterbox(regionX, regionY, regionWidth, regionHeight, scale, w, h);
  }

  private static int roundUp(int value, int multiple) {
    if (multiple <= 0) {
      throw new IllegalArgumentException("multiple must be positive: " + multiple);
    }
    return Math.max(multiple, (value + multiple - 1) / multiple * multiple);
  }

  private static int scaledLength(int length, double scale) {
    // Rounded, then at least 1: the scale that fills an input exactly must yield the input size.
    return Math.max(1, (int) Math.round(length * scale));
  }

  /** Returns the width the region covers in the input. @return pixels */
  int contentWidth() {
    return scaledLength(regionWidth, scale);
  }

  /** Returns the height the region covers in the input. @return pixels */
  int contentHeight() {
    return scaledLength(regionHeight, scale);
  }

  /**
   * Maps an input x coordinate to the source image.
   *
   * @param x the input coordinate
   * @return the source coordinate
   */
  double sourceX(double x) {
    return x / scale + regionX;
  }

  /**
   * Maps an input y coordinate to the source image.
   *
   * @param y the input coordinate
   * @return the source coordinate
   */
  double sourceY(double y) {
    return y / scale + regionY;
  }

  /**
   * Maps a point from the source image to the input.
   *
   * @param p the source point
   * @return the input point
   */
  Point toInput(Point p) {
    return new Point((p.x() - regionX) * scale, (p.y() - regionY) * scale);
  }

  /**
   * Maps a point from the input to the source image.
   *
   * @param p the input point
   * @return the source point
   */
  Point toSource(Point p) {
    return new Point(sourceX(p.x()), sourceY(p.y()));
  }

  /**
   * Maps a face found in the input to the source image.
   *
   * @param face the face in input coordinates
   * @return the face in source coordinates
   */
  DetectedFace toSource(DetectedFace face) {
    BoundingBox b = face.box();
    BoundingBox box = BoundingBox.ofCorners(sourceX(b.x()), sourceY(b.y()), sourceX(b.maxX()), sourceY(b.maxY()));
    Landmarks l = face.landmarks();
    Landmarks landmarks = new Landmarks(
        toSource(l.leftEye()), toSource(l.rightEye()), toSource(l.nose()),
        toSource(l.leftMouth()), toSource(l.rightMouth()));
    return new DetectedFace(box, landmarks, face.score());
  }
}
