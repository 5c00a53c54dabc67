package io.gpen4j.video.internal.track;

import io.gpen4j.BoundingBox;
import io.gpen4j.DetectedFace;
import io.gpen4j.FaceRestorer;
import io.gpen4j.Frame;
import io.gpen4j.Landmarks;
import io.gpen4j.Point;
import io.gpen4j.RestoreOptions;
import io.gpen4j.video.TrackingOptions;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Finds the faces of a video frame; a frame larger than the detector's whole-frame pass is
 * searched on a copy shrunk so that faces of {@link TrackingOptions#smallestDetectedFace()} pixels
 * come out at the detector's smallest reliable face ({@value #DETECTOR_SMALLEST_FACE} px), but not
 * below that pass ({@value #DETECTION_SIDE} px), and the boxes and landmarks found are mapped back
 * to the frame.
 *
 * <p>Why: in the default tiled search, a large frame is searched in tiles at full resolution down
 * to 20 px faces (7 detector runs for 1280x720, 9 for 1920x1080); a video's faces are followed by
 * the tracker, whose smoothing averages the coarser landmarks of a smaller copy. A frame that
 * would not shrink is searched as it is, with its converted pixels kept for the restore.
 *
 * <p>Mapping: the copy spans the frame's extent ({@code [0, w] -> [0, w']}), so a point maps back
 * by {@code w / w'} and {@code h / h'}, per axis. Face selection ({@link
 * RestoreOptions#minFaceSize()}, {@link RestoreOptions#maxFaces()}) is applied to the mapped faces
 * in frame pixels; {@link RestoreOptions#onlyLargestFace()} picks the same face in either, as every
 * box scales alike.
 *
 * <p>Not thread-safe: one per tracking thread.
 */
public final class ScaledDetector {
  /** The face size, in input pixels, the built-in detectors find reliably (gpen-core's detector plan). */
  static final int DETECTOR_SMALLEST_FACE = 20;

  /**
   * The long side of the built-in detectors' whole-frame pass (gpen-core's detector plan; YuNet's
   * fixed input): a copy below it would cost the same detector run and lose landmark precision.
   */
  static final int DETECTION_SIDE = 640;

  private final FaceRestorer restorer;
  private final RestoreOptions options;
  private final int smallestFace;

  /**
   * Creates a detector for one stream.
   *
   * @param restorer the restorer whose detector runs
   * @param options the face-selection options, in frame pixels
   * @param tracking the tracking options, for {@link TrackingOptions#smallestDetectedFace()}
   */
  public ScaledDetector(FaceRestorer restorer, RestoreOptions options, TrackingOptions tracking) {
    this.restorer = Objects.requireNonNull(restorer, "restorer");
    this.options = Objects.requireNonNull(options, "options");
    this.smallestFace = tracking.smallestDetectedFace();
  }

  /**
   * What one detection found.
   *
   * @param faces the faces in frame pixels, largest first
   * @param frame the frame's converted pixels when the frame itself was searched, else null
   */
  public record Result(List<DetectedFace> faces, Frame frame) {}

  /**
   * Returns the size of the copy searched for a frame: shrunk so that a face of {@code
   * smallestFace} px comes out at the detector's smallest, but not below the detector's
   * whole-frame pass, and never enlarged.
   *
   * @param width the frame's width
   * @param height the frame's height
   * @param smallestFace the smallest face to find, in frame pixels
   * @return the copy's width and height; the frame's own when it is not shrunk
   */
  static int[] copySize(int width, int height, int smallestFace) {
    double scale = Math.min(1.0, Math.max((double) DETECTION_SIDE / Math.max(width, height),
        (double) DETECTOR_SMALLEST_FACE / smallestFace));
    int w = Math.max(1, (int) Math.round(width * scale));
    int h = Math.max(1, (int) Math.round(height * scale));
    return new int[] {Math.min(width, w), Math.min(height, h)};
  }

  /**
   * Finds the faces in a frame.
   *
   * @param image the frame; not modified
   * @return the faces, and the frame's pixels when they were converted whole
   */
  public Result detect(BufferedImage image) {
    int[] size = copySize(image.getWidth(), image.getHeight(), smallestFace);
    if (size[0] == image.getWidth() && size[1] == image.getHeight()) {
      Frame frame = restorer.frame(image);
      return new Result(restorer.detect(frame, options), frame);
    }
    double fx = (double) image.getWidth() / size[0];
    double fy = (double) image.getHeight() / size[1];
    // Found in the copy with a size limit no stricter than the frame's and no count limit; both
    // are applied in frame pixels below.
    RestoreOptions inCopy = options.toBuilder()
        .minFaceSize((int) Math.floor(options.minFaceSize() / Math.max(fx, fy)))
        .maxFaces(0)
        .build();
    List<DetectedFace> found = restorer.detect(restorer.frame(shrink(image, size[0], size[1])), inCopy);
    List<DetectedFace> kept = new ArrayList<>(found.size());
    for (DetectedFace f : found) {
      DetectedFace mapped = map(f, fx, fy);
      if (mapped.size() >= options.minFaceSize()) {
        kept.add(mapped);
      }
    }
    int limit = options.onlyLargestFace() ? 1 : options.maxFaces() == 0 ? kept.size() : options.maxFaces();
    return new Result(List.copyOf(kept.subList(0, Math.min(limit, kept.size()))), null);
  }

  /** A face found in the copy, in the frame's pixels. */
  static DetectedFace map(DetectedFace face, double fx, double fy) {
    BoundingBox b = face.box();
    List<Point> points = new ArrayList<>(Landmarks.COUNT);
    for (Point p : face.landmarks().points()) {
      points.add(new Point(p.x() * fx, p.y() * fy));
    }
    return new DetectedFace(new BoundingBox(b.x() * fx, b.y() * fy, b.width() * fx, b.height() * fy),
        Landmarks.of(points), face.score());
  }

  /**
   * The copy: bilinear steps of at most halving (as a mipmap would), so no frame pixel is skipped
   * and edges do not alias, then the last step to the exact size.
   */
  static BufferedImage shrink(BufferedImage image, int width, int height) {
    BufferedImage current = image;
    int w = image.getWidth();
    int h = image.getHeight();
    do {
      w = Math.max(width, (w + 1) / 2);
      h = Math.max(height, (h + 1) / 2);
      BufferedImage next = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
      Graphics2D g = next.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(current, 0, 0, w, h, null);
      g.dispose();
      current = next;
    } while (w > width || h > height);
    return current;
  }
}
