package io.gpen4j.internal.pipeline;

import io.gpen4j.internal.image.ImageResize;
import io.gpen4j.internal.image.RgbaImage;

/**
 * The image a detector sees: the frame itself, or for a large frame (long side above
 * {@code threshold}) a copy shrunk so its long side is {@code targetSize}. Detectors letterbox to
 * 640 anyway, so detecting a 6000 px photo at full size only costs memory and time; GPEN itself
 * resizes to 1000 above 1500 (docs/REFERENCE.md §6).
 *
 * @param image the view to detect on
 * @param scale the factor from view coordinates to frame coordinates (1 when not shrunk)
 */
record DetectionView(RgbaImage image, double scale) {
  static DetectionView of(RgbaImage frame, int threshold, int targetSize) {
    int longSide = Math.max(frame.width(), frame.height());
    if (longSide <= threshold) {
      return new DetectionView(frame, 1.0);
    }
    double factor = (double) targetSize / longSide;
    int w = Math.max(1, (int) Math.round(frame.width() * factor));
    int h = Math.max(1, (int) Math.round(frame.height() * factor));
    RgbaImage view = ImageResize.resize(frame, w, h);
    // Map back with the exact per-axis ratio's mean; the two differ by under one pixel.
    double scale = 0.5 * ((double) frame.width() / w + (double) frame.height() / h);
    return new DetectionView(view, scale);
  }
}
