package io.gpen4j.internal.detect;

import io.gpen4j.DetectedFace;
import io.gpen4j.DetectionMode;
import io.gpen4j.FaceDetector;
import io.gpen4j.RestoreOptions;
import io.gpen4j.internal.image.RgbaImage;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The detect stage as the pipeline calls it: on the library's own image type, so a frame goes to
 * the detector model without a conversion. Built-in detectors implement it directly; a caller's
 * {@link FaceDetector} is adapted by the pipeline.
 *
 * <p>Implementations are thread-safe and never modify the frame.
 */
public interface FrameDetector extends FaceDetector {
  /**
   * Detects faces.
   *
   * @param frame the image to search, read-only
   * @param mode how thoroughly to search; a detector that has one way only ignores it
   * @param smallestFace the smallest face to look for, in the frame's pixels, with
   *     {@link DetectionMode#TILED} and {@link DetectionMode#TILED_GUIDED}
   * @return the faces found, in the frame's coordinates, in any order
   * @throws io.gpen4j.GpenException if detection fails
   */
  List<DetectedFace> detect(RgbaImage frame, DetectionMode mode, int smallestFace);

  /** Converts the image once and searches it with the default options. */
  @Override
  default List<DetectedFace> detect(BufferedImage image) {
    RestoreOptions defaults = RestoreOptions.DEFAULTS;
    return detect(RgbaImage.fromBufferedImage(image), defaults.detectionMode(), defaults.smallestFaceSearched());
  }
}
