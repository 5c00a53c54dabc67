package io.gpen4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class NormalizationTest {
  @Test
  void gpen_mapsByteRangeToMinusOneOne() {
    Normalization n = Normalization.RGB_MINUS_ONE_TO_ONE;
    assertFalse(n.bgr());
    assertEquals(-1.0, n.apply(0, 0), 1e-12);
    assertEquals(1.0, n.apply(2, 255), 1e-12);
    assertEquals(0.0, n.apply(1, 127.5), 1e-12);
  }

  @Test
  void detectors_matchReferenceNumbers() {
    assertTrue(Normalization.BGR_0_255.bgr());
    assertEquals(200.0, Normalization.BGR_0_255.apply(1, 200), 1e-12);
    assertEquals(1.0, Normalization.RGB_CENTERED_128.apply(0, 255.5), 1e-12);
    assertTrue(Normalization.BGR_MEAN_104_117_123.bgr());
    assertEquals(0.0, Normalization.BGR_MEAN_104_117_123.apply(0, 104), 1e-12);
    assertEquals(0.0, Normalization.BGR_MEAN_104_117_123.apply(1, 117), 1e-12);
    assertEquals(0.0, Normalization.BGR_MEAN_104_117_123.apply(2, 123), 1e-12);
  }

  @Test
  void mean_rejectsBadChannel() {
    assertThrows(IndexOutOfBoundsException.class, () -> Normalization.BGR_0_255.mean(3));
  }

  @Test
  void imagenet_matchesTorchvisionNormalize() {
    Normalization n = Normalization.RGB_IMAGENET;
    double[] mean = {0.485, 0.456, 0.406};
    double[] std = {0.229, 0.224, 0.225};
    for (int c = 0; c < 3; c++) {
      for (int v : new int[] {0, 77, 255}) {
        assertEquals((v / 255.0 - mean[c]) / std[c], n.apply(c, v), 1e-12, "channel " + c + " value " + v);
      }
    }
    assertFalse(n.bgr());
  }
}
