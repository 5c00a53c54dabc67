package io.gpen4j.internal.detect;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gpen4j.BoundingBox;
import io.gpen4j.DetectedFace;
import io.gpen4j.ModelException;
import io.gpen4j.Point;
import io.gpen4j.spi.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ScrfdDecoderTest {
  /** Names in an order unrelated to the strides, as graph-numbered exports have them. */
  private static final ScrfdDecoder DECODER = new ScrfdDecoder(
      List.of("s32", "s8", "s16"), List.of("b16", "b32", "b8"), List.of("k8", "k32", "k16"));

  /** Outputs for a 64x64 input with 2 anchors a cell; one stride-16 anchor set. */
  private static Map<String, Tensor> outputs(int width, float score) {
    Map<String, Tensor> out = new HashMap<>();
    for (int stride : new int[] {8, 16, 32}) {
      int n = (width / stride) * (64 / stride) * 2;
      float[] s = new float[n];
      float[] b = new float[n * 4];
      float[] k = new float[n * 10];
      if (stride == 16) {
        int i = (1 * 4 + 3) * 2 + 1; // row 1, column 3, second anchor
        s[i] = score;
        b[4 * i] = 1f;
        b[4 * i + 1] = 0.5f;
        b[4 * i + 2] = 2f;
        b[4 * i + 3] = 1.5f;
        for (int p = 0; p < 5; p++) {
          k[10 * i + 2 * p] = 0.5f;
          k[10 * i + 2 * p + 1] = -0.5f + 0.25f * p;
        }
      } else {
        s[0] = 0.3f;
      }
      out.put("s" + stride, Tensor.wrap(s, n, 1));
      out.put("b" + stride, Tensor.wrap(b, n, 4));
      out.put("k" + stride, Tensor.wrap(k, n, 10));
    }
    return out;
  }

  @Test
  void decode_oneAnchor_givesDistancesTimesStrideFromTheCellCorner() {
    List<DetectedFace> faces = DECODER.decode(outputs(64, 0.8f), 64, 64, 0.5);
    assertEquals(1, faces.size(), faces.toString());
    DetectedFace f = faces.get(0);
    // Anchor centre (3 * 16, 1 * 16) = (48, 16); distances (16, 8, 32, 24).
    assertAll(
        () -> assertEquals(0.8, f.score(), 1e-6),
        () -> YuNetDecoderTest.assertBox(BoundingBox.ofCorners(32, 8, 80, 40), f.box()),
        () -> YuNetDecoderTest.assertPoint(new Point(56, 8), f.landmarks().leftEye()),
        () -> YuNetDecoderTest.assertPoint(new Point(56, 24), f.landmarks().rightMouth()));
  }

  @Test
  void decode_lowerThreshold_keepsTheWeakAnchorsOfEveryStride() {
    assertEquals(3, DECODER.decode(outputs(64, 0.8f), 64, 64, 0.25).size());
  }

  @Test
  void decode_outputsOfAnotherSize_throwModelException() {
    assertThrows(ModelException.class, () -> DECODER.decode(outputs(64, 0.8f), 96, 64, 0.5));
  }
}
