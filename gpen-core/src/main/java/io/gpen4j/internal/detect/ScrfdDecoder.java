package io.gpen4j.internal.detect;

import io.gpen4j.DetectedFace;
import io.gpen4j.DetectorType;
import io.gpen4j.ModelException;
import io.gpen4j.models.Normalization;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.Tensor;
import io.gpen4j.spi.TensorInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Decodes InsightFace's SCRFD with key points ({@code scrfd_*_bnkps.onnx}), following
 * InsightFace's {@code SCRFD.forward}/{@code distance2bbox}: per stride 8, 16, 32 the model gives
 * sigmoid scores {@code [N,1]}, box distances {@code [N,4]} (left, top, right, bottom from the
 * anchor centre) and landmark offsets {@code [N,10]}, all in units of the stride, for {@code A}
 * anchors per grid cell whose centres are {@code (col, row) * stride}.
 *
 * <p>The exported outputs carry graph numbers for names (446, 449, ...), which differ between
 * exports, so outputs are recognised by their width (1, 4, 10 values) and assigned to strides by
 * their length at run time: the finest stride has the most rows.
 */
final class ScrfdDecoder implements DetectionDecoder {
  private static final int[] STRIDES = {8, 16, 32};
  private static final String EXPECTED = "one input [1,3,H,W] and 9 outputs: scores [N,1], boxes [N,4] and "
      + "landmarks [N,10] for strides 8, 16 and 32";

  private final List<String> scoreNames;
  private final List<String> boxNames;
  private final List<String> landmarkNames;

  ScrfdDecoder(List<String> scoreNames, List<String> boxNames, List<String> landmarkNames) {
    this.scoreNames = List.copyOf(scoreNames);
    this.boxNames = List.copyOf(boxNames);
    this.landmarkNames = List.copyOf(landmarkNames);
  }

  /**
   * Checks a session holds SCRFD with key points and describes it.
   *
   * @param session the session
   * @return the model description
   * @throws ModelException if the session's inputs or outputs are not SCRFD's
   */
  static DetectorModel bind(ModelSession session) {
    ModelContract contract = new ModelContract(DetectorType.SCRFD, session, EXPECTED);
    TensorInfo input = contract.imageInput();
    List<String> scores = new ArrayList<>();
    List<String> boxes = new ArrayList<>();
    List<String> landmarks = new ArrayList<>();
    for (TensorInfo o : session.outputs()) {
      int rank = o.shape().length;
      if (rank < 2 || rank > 3) {
        throw contract.mismatch("output '" + o.name() + "' is not [N,k] or [1,N,k]");
      }
      long last = ModelContract.lastDim(o);
      if (last == 1) {
        scores.add(o.name());
      } else if (last == 4) {
        boxes.add(o.name());
      } else if (last == 10) {
        landmarks.add(o.name());
      } else {
        throw contract.mismatch("output '" + o.name() + "' has " + last + " values per anchor, not 1, 4 or 10");
      }
    }
    if (scores.size() != STRIDES.length || boxes.size() != STRIDES.length || landmarks.size() != STRIDES.length) {
      throw contract.mismatch(scores.size() + " score, " + boxes.size() + " box and " + landmarks.size()
          + " landmark outputs instead of 3 each");
    }
    long[] s = input.shape();
    int w = s[3] > 0 ? (int) s[3] : -1;
    int h = s[2] > 0 ? (int) s[2] : -1;
    return new DetectorModel(DetectorType.SCRFD, input.name(), w, h, Normalization.RGB_CENTERED_128,
        new ScrfdDecoder(scores, boxes, landmarks));
  }

  @Override
  public List<DetectedFace> decode(
      Map<String, Tensor> outputs, int inputWidth, int inputHeight, double scoreThreshold) {
    List<String> scoreByStride = byLength(outputs, scoreNames);
    List<String> boxByStride = byLength(outputs, boxNames);
    List<String> landmarkByStride = byLength(outputs, landmarkNames);
    int cells8 = (inputWidth / STRIDES[0]) * (inputHeight / STRIDES[0]);
    int anchors = outputs.get(scoreByStride.get(0)).size() / cells8;
    if (anchors < 1) {
      throw new ModelException("SCRFD score output '" + scoreByStride.get(0) + "' has "
          + outputs.get(scoreByStride.get(0)).size() + " rows, fewer than the " + cells8
          + " cells of stride 8 for a " + inputWidth + "x" + inputHeight + " input");
    }
    List<DetectedFace> faces = new ArrayList<>();
    double[] kps = new double[10];
    for (int level = 0; level < STRIDES.length; level++) {
      int stride = STRIDES[level];
      int cols = inputWidth / stride;
      int n = cols * (inputHeight / stride) * anchors;
      float[] score = ModelContract.rows(outputs, scoreByStride.get(level), n, 1);
      float[] box = ModelContract.rows(outputs, boxByStride.get(level), n, 4);
      float[] lm = ModelContract.rows(outputs, landmarkByStride.get(level), n, 10);
      for (int i = 0; i < n; i++) {
        if (score[i] < scoreThreshold) {
          continue;
        }
        int cell = i / anchors;
        double cx = (double) (cell % cols) * stride;
        double cy = (double) (cell / cols) * stride;
        for (int k = 0; k < 5; k++) {
          kps[2 * k] = cx + lm[10 * i + 2 * k] * stride;
          kps[2 * k + 1] = cy + lm[10 * i + 2 * k + 1] * stride;
        }
        DetectedFace face = Candidates.of(
            cx - box[4 * i] * stride, cy - box[4 * i + 1] * stride,
            cx + box[4 * i + 2] * stride, cy + box[4 * i + 3] * stride, kps, score[i]);
        if (face != null) {
          faces.add(face);
        }
      }
    }
    return faces;
  }

  /** Orders outputs by their number of rows, most first: strides 8, 16, 32. */
  private static List<String> byLength(Map<String, Tensor> outputs, List<String> names) {
    List<String> sorted = new ArrayList<>(names);
    for (String name : sorted) {
      if (!outputs.containsKey(name)) {
        throw new ModelException("SCRFD output '" + name + "' is missing from the run's outputs " + outputs.keySet());
      }
    }
    sorted.sort(Comparator.comparingInt((String name) -> outputs.get(name).size()).reversed());
    return sorted;
  }
}
