package io.gpen4j.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gpen4j.ModelException;
import io.gpen4j.internal.image.FloatImage;
import io.gpen4j.spi.ElementType;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.Tensor;
import io.gpen4j.spi.TensorInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The enhancer's batch path: several crops per model call, each face's result its own. */
final class FaceEnhancerBatchTest {
  private static final int S = 32;

  /**
   * A generator of batch dimension {@code batchDim} (-1: free) that computes, per value, a
   * non-linear function of its input, so each face's output depends on that face alone; the
   * samples at the positions in {@code poisoned} come out as NaN.
   */
  private static final class SquashSession implements ModelSession {
    final long batchDim;
    final Set<Integer> poisoned;
    final List<long[]> shapes = new ArrayList<>();

    SquashSession(long batchDim, Set<Integer> poisoned) {
      this.batchDim = batchDim;
      this.poisoned = poisoned;
    }

    @Override
    public List<TensorInfo> inputs() {
      return List.of(new TensorInfo("input", new long[] {batchDim, 3, S, S}, ElementType.FLOAT32));
    }

    @Override
    public List<TensorInfo> outputs() {
      return List.of(new TensorInfo("output", new long[] {batchDim, 3, S, S}, ElementType.FLOAT32));
    }

    @Override
    public Map<String, Tensor> run(Map<String, Tensor> feed) {
      Tensor in = feed.get("input");
      shapes.add(in.shape());
      float[] v = in.toArray();
      int per = 3 * S * S;
      for (int i = 0; i < v.length; i++) {
        v[i] = poisoned.contains(i / per) ? Float.NaN : 0.9f * v[i] - 0.3f * v[i] * v[i] + 0.05f;
      }
      return Map.of("output", Tensor.wrap(v, in.shape()));
    }

    @Override
    public void close() {}
  }

  private static FloatImage randomCrop(Random rnd) {
    float[] px = new float[3 * S * S];
    for (int i = 0; i < px.length; i++) {
      px[i] = rnd.nextFloat() * 255f;
    }
    return FloatImage.wrap(S, S, 3, px);
  }

  private static List<FloatImage> randomCrops(Random rnd, int n) {
    List<FloatImage> crops = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      crops.add(randomCrop(rnd));
    }
    return crops;
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void enhance_batchOnFreeBatchModel_isOneCallEqualToOneCallPerFace(long seed) {
    Random rnd = new Random(seed);
    int n = 2 + rnd.nextInt(6);
    List<FloatImage> crops = randomCrops(rnd, n);
    SquashSession batched = new SquashSession(-1, Set.of());
    SquashSession single = new SquashSession(-1, Set.of());
    FaceEnhancer enhancer = new FaceEnhancer(batched, "batch");
    FaceEnhancer reference = new FaceEnhancer(single, "single");

    List<FloatImage> out = enhancer.enhance(crops, 1.0, n);

    assertEquals(Integer.MAX_VALUE, enhancer.batchCapacity());
    assertEquals(1, batched.shapes.size(), "one model call for the batch");
    assertArrayEquals(new long[] {n, 3, S, S}, batched.shapes.get(0));
    assertEquals(n, out.size());
    for (int i = 0; i < n; i++) {
      FloatImage expected = reference.enhance(crops.get(i));
      assertArrayEquals(expected.data(), out.get(i).data(), 1e-4f, "face " + i);
    }
    // The faces differ, so a swapped or repeated slice would fail above.
    assertEquals(n, out.stream().map(f -> f.data()[0]).distinct().count());
  }

  @Test
  void enhance_nanInOneFaceOfABatch_keepsOnlyThatFaceOriginal() {
    List<FloatImage> crops = randomCrops(new Random(9), 4);
    FaceEnhancer enhancer = new FaceEnhancer(new SquashSession(-1, Set.of(2)), "m");

    List<FloatImage> out = enhancer.enhance(crops, 1.0, 4);

    assertNotNull(out.get(0));
    assertNotNull(out.get(1));
    assertNull(out.get(2));
    assertNotNull(out.get(3));
  }

  @Test
  void enhance_callBatchAboveTheCrops_padsTheCallAndReturnsOnlyTheCrops() {
    SquashSession session = new SquashSession(-1, Set.of(4, 5, 6, 7));
    FaceEnhancer enhancer = new FaceEnhancer(session, "m");

    List<FloatImage> out = enhancer.enhance(randomCrops(new Random(3), 3), 1.0, 8);

    assertArrayEquals(new long[] {8, 3, S, S}, session.shapes.get(0));
    assertEquals(3, out.size());
    // NaN in the padding is no face's: every real face stays usable.
    out.forEach(f -> assertNotNull(f));
  }

  @Test
  void enhance_fixedBatchModel_isPaddedToItsBatchAndCapsTheCrops() {
    SquashSession session = new SquashSession(4, Set.of());
    FaceEnhancer enhancer = new FaceEnhancer(session, "fixed4");

    assertEquals(4, enhancer.batchCapacity());
    List<FloatImage> out = enhancer.enhance(randomCrops(new Random(5), 3), 1.0, 1);
    assertEquals(3, out.size());
    assertArrayEquals(new long[] {4, 3, S, S}, session.shapes.get(0));
    assertNotNull(enhancer.enhance(randomCrop(new Random(6))));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> enhancer.enhance(randomCrops(new Random(7), 5), 1.0, 5));
    assertEquals("5 crops for one call; model fixed4 takes 1 to 4", e.getMessage());
  }

  @Test
  void enhance_batchOneModel_takesOneCropPerCall() {
    SquashSession session = new SquashSession(1, Set.of());
    FaceEnhancer enhancer = new FaceEnhancer(session, "official");

    assertEquals(1, enhancer.batchCapacity());
    assertThrows(IllegalArgumentException.class, () -> enhancer.enhance(randomCrops(new Random(1), 2), 1.0, 2));
    assertEquals(1, enhancer.enhance(randomCrops(new Random(1), 1), 1.0, 1).size());
    assertArrayEquals(new long[] {1, 3, S, S}, session.shapes.get(0));
  }

  @Test
  void open_zeroBatchDimension_isRejectedAsNoGenerator() {
    assertThrows(ModelException.class, () -> new FaceEnhancer(new SquashSession(0, Set.of()), "m"));
  }
}
