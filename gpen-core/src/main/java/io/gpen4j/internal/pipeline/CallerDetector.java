package io.gpen4j.internal.pipeline;

import io.gpen4j.DetectedFace;
import io.gpen4j.DetectionMode;
import io.gpen4j.FaceDetector;
import io.gpen4j.internal.detect.FrameDetector;
import io.gpen4j.internal.image.RgbaImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A caller's {@link FaceDetector} as the pipeline's detect stage. The public interface promises an
 * image no larger than the restorer's detection size, so a large frame is shown as a shrunk
 * {@link DetectionView} (a view sharing the pixels when no shrink is needed) and the faces are
 * mapped back to the frame. Built-in detectors need none of this: they resample the frame straight
 * into their input.
 */
final class CallerDetector implements FrameDetector {
  private final FaceDetector detector;
  private final int threshold;
  private final int size;

  CallerDetector(FaceDetector detector, int threshold, int size) {
    this.detector = Objects.requireNonNull(detector, "detector");
    this.threshold = threshold;
    this.size = size;
  }

  /** A caller's detector has one way of searching: the mode and the smallest face are not its. */
  @Override
  public List<DetectedFace> detect(RgbaImage frame, DetectionMode mode, int smallestFace) {
    DetectionView view = DetectionView.of(frame, threshold, size);
    List<DetectedFace> found = detector.detect(view.image().view());
    if (found == null || view.scale() == 1.0) {
      return found;
    }
    List<DetectedFace> mapped = new ArrayList<>(found.size());
    for (DetectedFace f : found) {
      mapped.add(f == null ? null : f.scale(view.scale()));
    }
    return mapped;
  }

  @Override
  public String toString() {
    return detector.toString();
  }
}
