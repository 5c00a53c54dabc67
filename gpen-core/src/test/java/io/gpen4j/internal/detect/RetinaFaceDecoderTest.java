package io.gpen4j.internal.detect;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gpen4j.BoundingBox;
import io.gpen4j.DetectedFace;
import io.gpen4j.Point;
import io.gpen4j.spi.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class RetinaFaceDecoderTest {
  /** A 32x32 input has 4x4x2 + 2x2x2 + 1x1x2 = 42 priors. */
  private static final int PRIORS = 42;
  /** Stride 16, row 1, column 0, the 128-pixel prior: after the 32 stride-8 priors. */
  private static final int PRIOR = 32 + (1 * 2 + 0) * 2 + 1;

  private static Map<String, Tensor> outputs(boolean probabilities) {
    float[] loc = new float[PRIORS * 4];
    float[] conf = new float[PRIORS * 2];
    float[] landmarks = new float[PRIORS * 10];
    for (int i = 0; i < PRIORS; i++) {
      conf[2 * i] = probabilities ? 1f : 0f;
    }
    conf[2 * PRIOR] = probabilities ? 0.1f : 0f;
    conf[2 * PRIOR + 1] = probabilities ? 0.9f : (float) Math.log(9);
    loc[4 * PRIOR] = 0.5f;
    loc[4 * PRIOR + 1] = -0.25f;
    loc[4 * PRIOR + 2] = (float) (Math.log(2) / 0.2);
    for (int p = 0; p < 5; p++) {
      landmarks[10 * PRIOR + 2 * p] = p;
      landmarks[10 * PRIOR + 2 * p + 1] = -p;
    }
    return Map.of(
        "loc", Tensor.wrap(loc, 1, PRIORS, 4),
        "conf", Tensor.wrap(conf, 1, PRIORS, 2),
        "landms", Tensor.wrap(landmarks, 1, PRIORS, 10));
  }

  /** The same face whether the export gives softmax probabilities or logits. */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void decode_onePrior_appliesVariancesToThePrior(boolean probabilities) {
    RetinaFaceDecoder decoder = new RetinaFaceDecoder("loc", "conf", "landms");
    List<DetectedFace> faces = decoder.decode(outputs(probabilities), 32, 32, 0.6);
    assertEquals(1, faces.size(), faces.toString());
    DetectedFace f = faces.get(0);
    // Prior centre (8, 24), size 128: centre (8 + 0.5*0.1*128, 24 - 0.25*0.1*128) = (14.4, 20.8), size (256, 128).
    assertAll(
        () -> assertEquals(0.9, f.score(), 1e-6),
        () -> YuNetDecoderTest.assertBox(new BoundingBox(14.4 - 128, 20.8 - 64, 256, 128), f.box()),
        () -> YuNetDecoderTest.assertPoint(new Point(8, 24), f.landmarks().leftEye()),
        () -> YuNetDecoderTest.assertPoint(new Point(8 + 4 * 12.8, 24 - 4 * 12.8), f.landmarks().rightMouth()));
  }
}
