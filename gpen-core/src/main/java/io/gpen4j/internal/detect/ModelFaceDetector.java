package io.gpen4j.internal.detect;

import io.gpen4j.BoundingBox;
import io.gpen4j.DetectedFace;
import io.gpen4j.DetectionMode;
import io.gpen4j.Landmarks;
import io.gpen4j.Point;
import io.gpen4j.internal.image.ImageResize;
import io.gpen4j.internal.image.ResampleFilter;
import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link FaceDetector} that runs a detector model through a {@link ModelSession}: letterbox the
 * image into an input tensor, run, decode, map back to the image, suppress overlaps, clip to the
 * image.
 *
 * <p>Thread-safe: every call works on its own locals, and the session is thread-safe by
 * contract. The detector does not own the session; whoever opened it closes it.
 */
final class ModelFaceDetector implements FrameDetector {
  /** The overlap above which the weaker of two faces is dropped (docs/REFERENCE.md §6). */
  static final double NMS_IOU = 0.4;

  private static final Logger LOG = LoggerFactory.getLogger(ModelFaceDetector.class);

  private final DetectorModel model;
  private final ModelSession session;
  private final double scoreThreshold;

  ModelFaceDetector(DetectorModel model, ModelSession session, double scoreThreshold) {
    this.model = Objects.requireNonNull(model, "model");
    this.session = Objects.requireNonNull(session, "session");
    this.scoreThreshold = scoreThreshold;
  }

  @Override
  public List<DetectedFace> detect(RgbaImage frame, DetectionMode mode, int smallestFace) {
    Objects.requireNonNull(frame, "frame");
    Objects.requireNonNull(mode, "mode");
    int width = frame.width();
    int height = frame.height();
    Runner runner = new Runner(frame);
    List<DetectedFace> candidates = new ArrayList<>();
    int runs = 0;
    if (mode == DetectionMode.TILED_GUIDED) {
      GuidedPlan plan = GuidedPlan.of(model, width, height, smallestFace);
      FineTileSelection selection = new FineTileSelection(scoreThreshold);
      double low = Math.min(scoreThreshold, selection.candidateScore());
      // The coarse passes read one copy shrunk to the candidate scale: shrinking the photo is most
      // of a coarse run's time, and this pays it once.
      Runner coarse = plan.candidateTiles().isEmpty() ? runner
          : runner.shrunk(plan.candidateTiles().get(0).letterbox().scale());
      for (DetectedFace face : coarse.run(plan.whole(), low)) {
        if (face.score() >= scoreThreshold) {
          candidates.add(face);
        }
        selection.offer(face, plan.whole().letterbox().scale(), true);
      }
      for (DetectionPlan.Tile tile : plan.candidateTiles()) {
        for (DetectedFace face : coarse.run(tile, low)) {
          selection.offer(face, tile.letterbox().scale());
        }
      }
      runs += coarse == runner ? 0 : coarse.runs;
      FineTileSelection.Selection chosen = selection.select(plan.fineTiles(), model.resizable());
      candidates.addAll(chosen.resolvedFaces());
      for (DetectionPlan.Tile tile : chosen.tiles()) {
        candidates.addAll(runner.run(tile, scoreThreshold));
      }
    } else {
      DetectionPlan plan = mode == DetectionMode.SINGLE_PASS
          ? DetectionPlan.single(model, width, height)
          : DetectionPlan.of(model, width, height, smallestFace);
      for (DetectionPlan.Tile tile : plan.tiles()) {
        candidates.addAll(runner.run(tile, scoreThreshold));
      }
    }
    List<DetectedFace> faces = new ArrayList<>();
    for (DetectedFace face : NonMaxSuppression.apply(candidates, NMS_IOU)) {
      DetectedFace clipped = clip(face, width, height);
      if (clipped != null) {
        faces.add(clipped);
      }
    }
    LOG.debug("{} found {} faces in a {}x{} image ({} mode, {} candidates, {} runs)",
        model.type(), faces.size(), width, height, mode, candidates.size(), runs + runner.runs);
    return List.copyOf(faces);
  }

  /**
   * Runs tiles of one image, sharing one input array between the tiles of one size. Tiles are in
   * the frame's coordinates; a runner on a shrunk copy of the frame ({@link #shrunk}) places them
   * on the copy and maps the faces back.
   */
  private final class Runner {
    private final RgbaImage image;
    private final double kx; // copy pixels per frame pixel, 1 for the frame itself
    private final double ky;
    private float[] inputBuffer; // sessions copy their inputs, so one array serves every tile
    private int runs;

    Runner(RgbaImage frame) {
      this(frame, 1, 1);
    }

    private Runner(RgbaImage image, double kx, double ky) {
      this.image = image;
      this.kx = kx;
      this.ky = ky;
    }

    /** A runner on a copy of the frame shrunk to {@code scale}, resampled as the detector input is. */
    Runner shrunk(double scale) {
      int w = Math.max(1, (int) Math.round(image.width() * scale));
      int h = Math.max(1, (int) Math.round(image.height() * scale));
      // The detector input's own filter, colour only (detectors ignore alpha). Area averaging is
      // cheaper, but RetinaFace then reported a box the exhaustive plan does not (gpen-bench README).
      RgbaImage copy = ImageResize.resizeColour(image, w, h, ResampleFilter.TRIANGLE);
      return new Runner(copy, (double) w / image.width(), (double) h / image.height());
    }

    /** The faces the tile keeps scoring at least {@code threshold}, in image coordinates. */
    List<DetectedFace> run(DetectionPlan.Tile tile, double threshold) {
      Letterbox letterbox = kx == 1 && ky == 1 ? tile.letterbox() : onCopy(tile.letterbox());
      int inputSize = 3 * letterbox.inputWidth() * letterbox.inputHeight();
      if (inputBuffer == null || inputBuffer.length != inputSize) {
        inputBuffer = new float[inputSize];
      }
      Tensor input = InputTensorWriter.write(image, letterbox, model.normalization(), inputBuffer);
      Map<String, Tensor> outputs = session.run(Map.of(model.inputName(), input));
      runs++;
      List<DetectedFace> kept = new ArrayList<>();
      for (DetectedFace face :
          model.decoder().decode(outputs, letterbox.inputWidth(), letterbox.inputHeight(), threshold)) {
        DetectedFace inImage = toFrame(letterbox.toSource(face));
        if (tile.keeps(inImage)) {
          kept.add(inImage);
        }
      }
      return kept;
    }

    /** A frame letterbox placed on the copy: the same input, its region scaled, a scale of 1 kept exact. */
    private Letterbox onCopy(Letterbox lb) {
      int x0 = (int) Math.floor(lb.regionX() * kx);
      int y0 = (int) Math.floor(lb.regionY() * ky);
      int x1 = Math.min(image.width(), (int) Math.ceil((lb.regionX() + lb.regionWidth()) * kx));
      int y1 = Math.min(image.height(), (int) Math.ceil((lb.regionY() + lb.regionHeight()) * ky));
      double scale = lb.scale() / kx;
      if (Math.abs(scale - 1) < 1e-3) {
        scale = 1; // the copy is at the pass's scale: copied, not resampled again
      }
      while (x1 - x0 > 1 && Math.round((x1 - x0) * scale) > lb.inputWidth()) {
        x1--;
      }
      while (y1 - y0 > 1 && Math.round((y1 - y0) * scale) > lb.inputHeight()) {
        y1--;
      }
      return new Letterbox(x0, y0, x1 - x0, y1 - y0, scale, lb.inputWidth(), lb.inputHeight());
    }

    private DetectedFace toFrame(DetectedFace face) {
      if (kx == 1 && ky == 1) {
        return face;
      }
      BoundingBox b = face.box();
      List<Point> points = new ArrayList<>();
      for (Point p : face.landmarks().points()) {
        points.add(new Point(p.x() / kx, p.y() / ky));
      }
      return new DetectedFace(BoundingBox.ofCorners(b.x() / kx, b.y() / ky, b.maxX() / kx, b.maxY() / ky),
          Landmarks.of(points), face.score());
    }
  }

  /** Clips a face's box to the image; null when nothing of it is left inside. */
  private static DetectedFace clip(DetectedFace face, int width, int height) {
    BoundingBox b = face.box();
    double x0 = Math.max(0, b.x());
    double y0 = Math.max(0, b.y());
    double x1 = Math.min(width, b.maxX());
    double y1 = Math.min(height, b.maxY());
    if (x1 <= x0 || y1 <= y0) {
      return null;
    }
    return new DetectedFace(BoundingBox.ofCorners(x0, y0, x1, y1), face.landmarks(), face.score());
  }

  @Override
  public String toString() {
    return model.type() + " detector (input '" + model.inputName() + "', score >= " + scoreThreshold + ")";
  }
}
