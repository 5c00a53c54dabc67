package io.gpen4j.testing;

import io.gpen4j.spi.Tensor;
import java.util.Random;

/** Seeded tensors for backend tests. */
public final class TestTensors {
  private TestTensors() {}

  /**
   * Returns a [1,3,S,S] tensor of seeded random values in [-1, 1].
   *
   * @param size S
   * @param seed the random seed
   * @return the tensor
   */
  public static Tensor randomImage(int size, long seed) {
    Random r = new Random(seed);
    float[] v = new float[3 * size * size];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextFloat() * 2 - 1;
    }
    return Tensor.wrap(v, 1, 3, size, size);
  }
}
