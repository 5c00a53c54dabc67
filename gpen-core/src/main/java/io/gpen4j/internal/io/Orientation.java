package io.gpen4j.internal.io;

import io.gpen4j.internal.image.RgbaImage;

/**
 * The eight EXIF/TIFF orientations (tag 0x0112) and the pixel transform that turns a stored image
 * upright. The names say where the stored image's first row and first column belong when displayed
 * (TIFF 6.0, section 8, "Orientation"): {@code RIGHT_TOP} (6) means the stored top row is the
 * displayed right column, so the image must be turned 90 degrees clockwise.
 */
enum Orientation {
  /** 1: stored upright. */
  TOP_LEFT(1),
  /** 2: mirrored left to right. */
  TOP_RIGHT(2),
  /** 3: turned 180 degrees. */
  BOTTOM_RIGHT(3),
  /** 4: mirrored top to bottom. */
  BOTTOM_LEFT(4),
  /** 5: transposed (mirrored about the main diagonal). */
  LEFT_TOP(5),
  /** 6: needs a 90-degree clockwise turn. */
  RIGHT_TOP(6),
  /** 7: transversed (mirrored about the anti-diagonal). */
  RIGHT_BOTTOM(7),
  /** 8: needs a 90-degree counter-clockwise turn. */
  LEFT_BOTTOM(8);

  private final int exifValue;

  Orientation(int exifValue) {
    this.exifValue = exifValue;
  }

  /** Returns the tag value. @return 1 to 8 */
  int exifValue() {
    return exifValue;
  }

  /**
   * Returns the orientation for a tag value.
   *
   * @param exifValue the tag value
   * @return the orientation
   * @throws IllegalArgumentException if the value is not 1 to 8
   */
  static Orientation fromExif(int exifValue) {
    if (exifValue < 1 || exifValue > 8) {
      throw new IllegalArgumentException("EXIF orientation must be 1 to 8, got " + exifValue);
    }
    return values()[exifValue - 1];
  }

  /**
   * Returns whether width and height swap when the image is turned upright. @return true for 5 to 8
   */
  boolean swapsAxes() {
    return exifValue >= 5;
  }

  /**
   * Turns a stored image upright.
   *
   * @param stored the pixels as stored in the file
   * @return {@code stored} itself for {@link #TOP_LEFT}, else a new upright image
   */
  RgbaImage apply(RgbaImage stored) {
    if (this == TOP_LEFT) {
      return stored;
    }
    int w = stored.width();
    int h = stored.height();
    int[] src = stored.pixels();
    int outW = swapsAxes() ? h : w;
    int outH = swapsAxes() ? w : h;
    // Every orientation maps an upright pixel (x, y) to the stored index
    // first + x * stepX + y * stepY, so one loop serves all eight.
    int last = w - 1;
    int lastRow = (h - 1) * w;
    int first;
    int stepX;
    int stepY;
    switch (this) {
      case TOP_RIGHT -> {
        first = last;
        stepX = -1;
        stepY = w;
      }
      case BOTTOM_RIGHT -> {
        first = lastRow + last;
        stepX = -1;
        stepY = -w;
      }
      case BOTTOM_LEFT -> {
        first = lastRow;
        stepX = 1;
        stepY = -w;
      }
      case LEFT_TOP -> {
        first = 0;
        stepX = w;
        stepY = 1;
      }
      case RIGHT_TOP -> {
        first = lastRow;
        stepX = -w;
        stepY = 1;
      }
      case RIGHT_BOTTOM -> {
        first = lastRow + last;
        stepX = -w;
        stepY = -1;
      }
      case LEFT_BOTTOM -> {
        first = last;
        stepX = w;
        stepY = -1;
      }
      default -> throw new AssertionError(this);
    }
    int[] dst = new int[src.length];
    int out = 0;
    for (int y = 0; y < outH; y++) {
      int in = first + y * stepY;
      for (int x = 0; x < outW; x++) {
        dst[out++] = src[in];
        in += stepX;
      }
    }
    return RgbaImage.wrap(outW, outH, dst, stored.hasAlpha());
  }
}
