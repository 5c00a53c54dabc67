package io.gpen4j.internal.detect;

import io.gpen4j.DetectedFace;
import io.gpen4j.DetectorType;
import io.gpen4j.models.Normalization;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.Tensor;
import io.gpen4j.spi.TensorInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes RetinaFace with a MobileNet-0.25 backbone as trained by Pytorch_Retinaface
 * (biubug6/Pytorch_Retinaface, {@code PriorBox} and {@code box_utils.decode}/{@code decode_landm}):
 * anchors ("priors") of sizes 16 and 32, 64 and 128, 256 and 512 pixels on the stride 8, 16 and 32
 * grids, centred on each cell; outputs {@code loc [1,N,4]} (SSD box offsets with variances 0.1
 * and 0.2), {@code conf [1,N,2]} (face is index 1; probabilities in Pytorch_Retinaface's export,
 * logits in others) and the landmarks {@code [1,N,10]}.
 * The model takes BGR values minus the means (104, 117, 123).
 */
final class RetinaFaceDecoder implements DetectionDecoder {
  private static final int[] STRIDES = {8, 16, 32};
  private static final int[][] MIN_SIZES = {{16, 32}, {64, 128}, {256, 512}};
  private static final double CENTRE_VARIANCE = 0.1;
  private static final double SIZE_VARIANCE = 0.2;
  private static final String EXPECTED = "one input [1,3,H,W] and 3 outputs: boxes [1,N,4], class logits [1,N,2] "
      + "and landmarks [1,N,10]";

  private final String boxName;
  private final String confidenceName;
  private final String landmarkName;

  RetinaFaceDecoder(String boxName, String confidenceName, String landmarkName) {
    this.boxName = boxName;
    this.confidenceName = confidenceName;
    this.landmarkName = landmarkName;
  }

  /**
   * Checks a session holds RetinaFace and describes it.
   *
   * @param session the session
   * @return the model description
   * @throws io.gpen4j.ModelException if the session's inputs or outputs are not RetinaFace's
   */
  static DetectorModel bind(ModelSession session) {
    ModelContract contract = new ModelContract(DetectorType.RETINAFACE, session, EXPECTED);
    TensorInfo input = contract.imageInput();
    List<TensorInfo> outs = session.outputs();
    if (outs.size() != 3) {
      throw contract.mismatch(outs.size() + " outputs instead of 3");
    }
    String box = null;
    String conf = null;
    String landmarks = null;
    // Exports name the landmark output "landms", "iou" or a graph number: recognise by width.
    for (TensorInfo o : outs) {
      int rank = o.shape().length;
      long last = ModelContract.lastDim(o);
      if (rank < 2 || rank > 3) {
        throw contract.mismatch("output '" + o.name() + "' is not [1,N,k]");
      } else if (last == 4 && box == null) {
        box = o.name();
      } else if (last == 2 && conf == null) {
        conf = o.name();
      } else if (last == 10 && landmarks == null) {
        landmarks = o.name();
      } else {
        throw contract.mismatch("unexpected output '" + o.name() + "' " + o.shapeText());
      }
    }
    long[] s = input.shape();
    int w = s[3] > 0 ? (int) s[3] : -1;
    int h = s[2] > 0 ? (int) s[2] : -1;
    return new DetectorModel(DetectorType.RETINAFACE, input.name(), w, h, Normalization.BGR_MEAN_104_117_123,
        new RetinaFaceDecoder(box, conf, landmarks));
  }

  @Override
  public List<DetectedFace> decode(
      Map<String, Tensor> outputs, int inputWidth, int inputHeight, double scoreThreshold) {
    int n = 0;
    for (int level = 0; level < STRIDES.length; level++) {
      n += cells(inputWidth, STRIDES[level]) * cells(inputHeight, STRIDES[level]) * MIN_SIZES[level].length;
    }
    float[] loc = ModelContract.rows(outputs, boxName, n, 4);
    float[] conf = ModelContract.rows(outputs, confidenceName, n, 2);
    float[] lm = ModelContract.rows(outputs, landmarkName, n, 10);
    boolean probabilities = isProbabilities(conf);
    List<DetectedFace> faces = new ArrayList<>();
    double[] kps = new double[10];
    int i = 0;
    for (int level = 0; level < STRIDES.length; level++) {
      int stride = STRIDES[level];
      int cols = cells(inputWidth, stride);
      int rows = cells(inputHeight, stride);
      for (int row = 0; row < rows; row++) {
        for (int col = 0; col < cols; col++) {
          for (int anchor : MIN_SIZES[level]) {
            // Two-class softmax, written so that it cannot overflow.
            double score = probabilities ? conf[2 * i + 1] : 1.0 / (1.0 + Math.exp(conf[2 * i] - conf[2 * i + 1]));
            if (score >= scoreThreshold) {
              double px = (col + 0.5) * stride;
              double py = (row + 0.5) * stride;
              double cx = px + loc[4 * i] * CENTRE_VARIANCE * anchor;
              double cy = py + loc[4 * i + 1] * CENTRE_VARIANCE * anchor;
              double w = anchor * Math.exp(loc[4 * i + 2] * SIZE_VARIANCE);
              double h = anchor * Math.exp(loc[4 * i + 3] * SIZE_VARIANCE);
              for (int k = 0; k < 5; k++) {
                kps[2 * k] = px + lm[10 * i + 2 * k] * CENTRE_VARIANCE * anchor;
                kps[2 * k + 1] = py + lm[10 * i + 2 * k + 1] * CENTRE_VARIANCE * anchor;
              }
              DetectedFace face = Candidates.of(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, kps, score);
              if (face != null) {
                faces.add(face);
              }
            }
            i++;
          }
        }
      }
    }
    return faces;
  }

  /**
   * Tells whether the class output is already softmaxed: Pytorch_Retinaface applies the softmax
   * inside the network outside training, so its exports give probabilities, while other exports
   * give logits. Over thousands of anchors, logits never all form probability pairs.
   */
  private static boolean isProbabilities(float[] conf) {
    for (int i = 0; i < conf.length; i += 2) {
      float a = conf[i];
      float b = conf[i + 1];
      if (!(a >= 0 && a <= 1 && b >= 0 && b <= 1 && Math.abs(a + b - 1) < 1e-3)) {
        return false;
      }
    }
    return true;
  }

  private static int cells(int length, int stride) {
    return (length + stride - 1) / stride;
  }
}
