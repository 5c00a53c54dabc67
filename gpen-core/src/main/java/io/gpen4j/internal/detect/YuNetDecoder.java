package io.gpen4j.internal.detect;

import io.gpen4j.DetectedFace;
import io.gpen4j.DetectorType;
import io.gpen4j.models.Normalization;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.Tensor;
import io.gpen4j.spi.TensorInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes OpenCV's YuNet ({@code face_detection_yunet_2023mar.onnx}), following the post-processing
 * of OpenCV's {@code FaceDetectorYN}: anchor-free, one prediction per cell of the stride 8, 16 and
 * 32 grids; score {@code sqrt(cls * obj)}; box centre {@code (col + dx, row + dy) * stride}, size
 * {@code exp(dw, dh) * stride}; landmark {@code (col + lx, row + ly) * stride}. The model takes BGR
 * values 0-255 unnormalised.
 */
final class YuNetDecoder implements DetectionDecoder {
  private static final int[] STRIDES = {8, 16, 32};
  /** The input size when the model leaves it free; the size YuNet's 2023mar export uses. */
  private static final int DEFAULT_SIZE = 640;
  private static final String EXPECTED = "one input [1,3,H,W] and outputs cls_8, cls_16, cls_32, obj_8, obj_16, obj_32 "
      + "[1,N,1], bbox_8, bbox_16, bbox_32 [1,N,4], kps_8, kps_16, kps_32 [1,N,10]";

  YuNetDecoder() {}

  /**
   * Checks a session holds YuNet and describes it.
   *
   * @param session the session
   * @return the model description
   * @throws io.gpen4j.ModelException if the session's inputs or outputs are not YuNet's
   */
  static DetectorModel bind(ModelSession session) {
    ModelContract contract = new ModelContract(DetectorType.YUNET, session, EXPECTED);
    TensorInfo input = contract.imageInput();
    Map<String, TensorInfo> outputs = new HashMap<>();
    for (TensorInfo o : session.outputs()) {
      outputs.put(o.name(), o);
    }
    for (int stride : STRIDES) {
      requireOutput(contract, outputs, "cls_" + stride, 1);
      requireOutput(contract, outputs, "obj_" + stride, 1);
      requireOutput(contract, outputs, "bbox_" + stride, 4);
      requireOutput(contract, outputs, "kps_" + stride, 10);
    }
    long[] s = input.shape();
    int w = s[3] > 0 ? (int) s[3] : DEFAULT_SIZE;
    int h = s[2] > 0 ? (int) s[2] : DEFAULT_SIZE;
    // A free size (the file's, or freed at load) still plans at 640 x 640, what the model was
    // trained and measured at; the free size lets a search cut regions to size.
    boolean free = s[2] <= 0 && s[3] <= 0;
    return new DetectorModel(DetectorType.YUNET, input.name(), w, h, Normalization.BGR_0_255, new YuNetDecoder(), free);
  }

  private static void requireOutput(ModelContract contract, Map<String, TensorInfo> outputs, String name, int last) {
    TensorInfo info = outputs.get(name);
    if (info == null) {
      throw contract.mismatch("no output '" + name + "'");
    }
    long d = ModelContract.lastDim(info);
    if (d >= 0 && d != last) {
      throw contract.mismatch("output '" + name + "' has " + d + " values per cell instead of " + last);
    }
  }

  @Override
  public List<DetectedFace> decode(
      Map<String, Tensor> outputs, int inputWidth, int inputHeight, double scoreThreshold) {
    List<DetectedFace> faces = new ArrayList<>();
    double[] kps = new double[10];
    for (int stride : STRIDES) {
      int cols = inputWidth / stride;
      int rows = inputHeight / stride;
      int n = cols * rows;
      float[] cls = ModelContract.rows(outputs, "cls_" + stride, n, 1);
      float[] obj = ModelContract.rows(outputs, "obj_" + stride, n, 1);
      float[] bbox = ModelContract.rows(outputs, "bbox_" + stride, n, 4);
      float[] lm = ModelContract.rows(outputs, "kps_" + stride, n, 10);
      for (int i = 0; i < n; i++) {
        double score = Math.sqrt(clamp01(cls[i]) * clamp01(obj[i]));
        if (score < scoreThreshold) {
          continue;
        }
        int row = i / cols;
        int col = i % cols;
        double cx = (col + bbox[4 * i]) * stride;
        double cy = (row + bbox[4 * i + 1]) * stride;
        double w = Math.exp(bbox[4 * i + 2]) * stride;
        double h = Math.exp(bbox[4 * i + 3]) * stride;
        for (int k = 0; k < 5; k++) {
          kps[2 * k] = (col + lm[10 * i + 2 * k]) * stride;
          kps[2 * k + 1] = (row + lm[10 * i + 2 * k + 1]) * stride;
        }
        DetectedFace face = Candidates.of(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, kps, score);
        if (face != null) {
          faces.add(face);
        }
      }
    }
    return faces;
  }

  private static double clamp01(float v) {
    return Math.min(1.0, Math.max(0.0, v));
  }
}
