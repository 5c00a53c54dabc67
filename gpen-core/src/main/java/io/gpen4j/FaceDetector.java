package io.gpen4j;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Finds faces and their five landmarks in an image.
 *
 * <p>The built-in detectors ({@link DetectorType}) run a detector model through the restorer's
 * inference backend. Implement this interface to plug in another detector with
 * {@link DetectorStage#of(FaceDetector)}; implementations must be thread-safe when
 * the restorer is shared between threads, and must not modify the image they are given.
 */
@FunctionalInterface
public interface FaceDetector {
  /**
   * Detects faces.
   *
   * @param image the image to search, read-only; never larger than the restorer's detection size
   * @return the faces found, in the image's coordinates, in any order
   * @throws GpenException if detection fails
   */
  List<DetectedFace> detect(BufferedImage image);
}
