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

final class YuNetDecoderTest {
  /** Outputs for a 64x64 input, all zero but one stride-16 cell (row 1, column 2). */
  private static Map<String, Tensor> outputs(float cls, float obj) {
    Map<String, Tensor> out = new HashMap<>();
    for (int stride : new int[] {8, 16, 32}) {
      int n = (64 / stride) * (64 / stride);
      float[] c = new float[n];
      float[] o = new float[n];
      float[] b = new float[n * 4];
      float[] k = new float[n * 10];
      if (stride == 16) {
        int i = 4 + 2;
        c[i] = cls;
        o[i] = obj;
        b[4 * i] = 0.5f;
        b[4 * i + 1] = 0.25f;
        b[4 * i + 2] = (float) Math.log(2);
        b[4 * i + 3] = (float) Math.log(3);
        for (int p = 0; p < 5; p++) {
          k[10 * i + 2 * p] = 0.1f * p;
          k[10 * i + 2 * p + 1] = 0.2f * p;
        }
      }
      out.put("cls_" + stride, Tensor.wrap(c, 1, n, 1));
      out.put("obj_" + stride, Tensor.wrap(o, 1, n, 1));
      out.put("bbox_" + stride, Tensor.wrap(b, 1, n, 4));
      out.put("kps_" + stride, Tensor.wrap(k, 1, n, 10));
    }
    return out;
  }

  @Test
  void decode_oneCell_givesCentreSizeLandmarksAndGeometricMeanScore() {
    List<DetectedFace> faces = new YuNetDecoder().decode(outputs(0.81f, 1f), 64, 64, 0.5);
    assertEquals(1, faces.size());
    DetectedFace f = faces.get(0);
    // centre ((2 + 0.5) * 16, (1 + 0.25) * 16) = (40, 20); size (2 * 16, 3 * 16).
    assertAll(
        () -> assertEquals(0.9, f.score(), 1e-6),
        () -> assertBox(new BoundingBox(24, -4, 32, 48), f.box()),
        () -> assertEquals(32, f.landmarks().leftEye().x(), 1e-4),
        () -> assertEquals(16, f.landmarks().leftEye().y(), 1e-4),
        () -> assertEquals((2 + 0.4) * 16, f.landmarks().rightMouth().x(), 1e-4),
        () -> assertEquals((1 + 0.8) * 16, f.landmarks().rightMouth().y(), 1e-4));
  }

  @Test
  void decode_scoreBelowThreshold_isDropped() {
    assertEquals(List.of(), new YuNetDecoder().decode(outputs(0.16f, 1f), 64, 64, 0.5));
  }

  @Test
  void decode_outputsOfAnotherSize_throwModelException() {
    assertThrows(ModelException.class, () -> new YuNetDecoder().decode(outputs(0.81f, 1f), 96, 64, 0.5));
  }

  static void assertBox(BoundingBox expected, BoundingBox actual) {
    assertAll(actual.toString(),
        () -> assertEquals(expected.x(), actual.x(), 1e-4),
        () -> assertEquals(expected.y(), actual.y(), 1e-4),
        () -> assertEquals(expected.width(), actual.width(), 1e-4),
        () -> assertEquals(expected.height(), actual.height(), 1e-4));
  }

  static void assertPoint(Point expected, Point actual) {
    assertEquals(expected.x(), actual.x(), 1e-4, actual.toString());
    assertEquals(expected.y(), actual.y(), 1e-4, actual.toString());
  }
}
