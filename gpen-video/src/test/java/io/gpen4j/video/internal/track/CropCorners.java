package io.gpen4j.video.internal.track;

import io.gpen4j.AlignmentTemplate;
import io.gpen4j.DetectedFace;
import io.gpen4j.Point;
import io.gpen4j.SimilarityTransform;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the restorer's aligned crop of a face lies in the image: the crop's four corners mapped
 * back through the inverse of the alignment transform, which the restorer estimates from the five
 * landmarks exactly like this. Their movement from frame to frame is the flicker of the crop and
 * of the paste border.
 */
final class CropCorners {
  private CropCorners() {}

  /**
   * Returns the crop's corners in image coordinates.
   *
   * @param face the face as handed to the restorer
   * @param template the alignment template
   * @param size the model's crop side
   * @return top-left, top-right, bottom-right, bottom-left
   */
  static List<Point> of(DetectedFace face, AlignmentTemplate template, int size) {
    SimilarityTransform toCrop =
        SimilarityTransform.estimate(face.landmarks().points(), template.landmarks(size).points());
    SimilarityTransform toImage = toCrop.inverse();
    List<Point> corners = new ArrayList<>(4);
    for (Point c : List.of(new Point(0, 0), new Point(size, 0), new Point(size, size), new Point(0, size))) {
      corners.add(toImage.apply(c));
    }
    return corners;
  }

  /**
   * Returns the mean distance the four corners moved between two frames.
   *
   * @param before the face in one frame
   * @param after the face in the next
   * @return pixels
   */
  static double movement(DetectedFace before, DetectedFace after, AlignmentTemplate template, int size) {
    List<Point> a = of(before, template, size);
    List<Point> b = of(after, template, size);
    double sum = 0;
    for (int i = 0; i < 4; i++) {
      sum += a.get(i).distanceTo(b.get(i));
    }
    return sum / 4;
  }
}
