package io.gpen4j.internal.detect;

import io.gpen4j.BoundingBox;
import io.gpen4j.DetectedFace;
import io.gpen4j.DetectionMode;
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
    if (mode == DetectionMode.TILED_GUIDED) {
      GuidedPlan plan = GuidedPlan.of(model, width, height, smallestFace);
      FineTileSelection selection = new FineTileSelection(scoreThreshold);
      double low = Math.min(scoreThreshold, selection.candidateScore());
      for (DetectedFace face : runner.run(plan.whole(), low)) {
        if (face.score() >= scoreThreshold) {
          candidates.add(face);
        }
        selection.offer(face, plan.whole().letterbox().scale());
      }
      for (DetectionPlan.Tile tile : plan.candidateTiles()) {
        for (DetectedFace face : runner.run(tile, low)) {
          selection.offer(face, tile.letterbox().scale());
        }
      }
      FineTileSelection.Selection chosen = selection.select(plan.fineTiles());
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
        model.type(), faces.size(), width, height, mode, candidates.size(), runner.runs);
    return List.copyOf(faces);
  }

  /** Runs tiles of one image, sharing one input array between the tiles of one size. */
  private final class Runner {
    private final RgbaImage frame;
    private float[] inputBuffer; // sessions copy their inputs, so one array serves every tile
    private int runs;

    Runner(RgbaImage frame) {
      this.frame = frame;
    }

    /** The faces the tile keeps scoring at least {@code threshold}, in image coordinates. */
    List<DetectedFace> run(DetectionPlan.Tile tile, double threshold) {
      Letterbox letterbox = tile.letterbox();
      int inputSize = 3 * letterbox.inputWidth() * letterbox.inputHeight();
      if (inputBuffer == null || inputBuffer.length != inputSize) {
        inputBuffer = new float[inputSize];
      }
      Tensor input = InputTensorWriter.write(frame, letterbox, model.normalization(), inputBuffer);
      Map<String, Tensor> outputs = session.run(Map.of(model.inputName(), input));
      runs++;
      List<DetectedFace> kept = new ArrayList<>();
      for (DetectedFace face :
          model.decoder().decode(outputs, letterbox.inputWidth(), letterbox.inputHeight(), threshold)) {
        DetectedFace inImage = letterbox.toSource(face);
        if (tile.keeps(inImage)) {
          kept.add(inImage);
        }
      }
      return kept;
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
