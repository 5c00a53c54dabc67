package io.gpen4j.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.internal.image.FloatImage;
import io.gpen4j.spi.ElementType;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.Tensor;
import io.gpen4j.spi.TensorInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class FaceBatcherTest {
  /** A session that only describes itself: choosing a batch size runs no model. */
  private static ModelSession described(long batchDim, int size) {
    TensorInfo image = new TensorInfo("input", new long[] {batchDim, 3, size, size}, ElementType.FLOAT32);
    TensorInfo out = new TensorInfo("output", new long[] {batchDim, 3, size, size}, ElementType.FLOAT32);
    return new ModelSession() {
      @Override
      public List<TensorInfo> inputs() {
        return List.of(image);
      }

      @Override
      public List<TensorInfo> outputs() {
        return List.of(out);
      }

      @Override
      public Map<String, Tensor> run(Map<String, Tensor> inputs) {
        throw new AssertionError("no run expected");
      }

      @Override
      public void close() {}
    };
  }

  @ParameterizedTest(name = "batch dim {0}, S {1}, max {2}, budget {3} MiB -> {4}")
  @CsvSource({
      // The official batch-1 exports: one face per call whatever is asked.
      "1, 256, 8, 4096, 1",
      // A free batch: the caller's cap.
      "-1, 256, 8, 4096, 8",
      "-1, 256, 1, 4096, 1",
      // A fixed batch under the cap bounds it.
      "4, 256, 8, 4096, 4",
      // The budget: a quarter of 64 MiB holds 5 GPEN-256 crops (3 MiB each), 1 GPEN-512 crop.
      "-1, 256, 8, 64, 5",
      "-1, 512, 8, 64, 1",
  })
  void choose_takesTheSmallestOfCapModelAndBudget(long batchDim, int size, int max, long budgetMiB, int expected) {
    FaceEnhancer enhancer = new FaceEnhancer(described(batchDim, size), "m");
    assertEquals(expected, FaceBatcher.choose(enhancer, max, budgetMiB << 20, false).batchSize());
  }

  @Test
  void choose_padsCallsForTensorRtOnlyWhenBatching() {
    assertTrue(FaceBatcher.choose(new FaceEnhancer(described(-1, 256), "m"), 8, 4L << 30, true).fixedCallBatch());
    assertFalse(FaceBatcher.choose(new FaceEnhancer(described(1, 256), "m"), 8, 4L << 30, true).fixedCallBatch());
  }

  @Test
  void invalidSizes_areRejectedNamingTheLimit() {
    FaceEnhancer single = new FaceEnhancer(described(1, 256), "m");
    assertEquals("maxBatchSize must be positive: 0",
        assertThrows(IllegalArgumentException.class, () -> FaceBatcher.choose(single, 0, 1L << 30, false)).getMessage());
    assertEquals("batchSize must be from 1 to 1: 2",
        assertThrows(IllegalArgumentException.class, () -> new FaceBatcher(single, 2, false)).getMessage());
    FaceBatcher two = new FaceBatcher(new FaceEnhancer(described(-1, 256), "m"), 2, false);
    FloatImage blank = FloatImage.wrap(256, 256, 3, new float[3 * 256 * 256]);
    assertEquals("3 crops, over the batch size 2", assertThrows(IllegalArgumentException.class,
        () -> two.enhance(List.of(blank, blank, blank), 1.0)).getMessage());
  }
}
