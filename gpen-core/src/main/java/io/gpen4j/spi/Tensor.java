package io.gpen4j.spi;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A dense float32 tensor in row-major order, the currency between the pipeline and a backend.
 *
 * <p>The data is not copied by {@link #wrap}: whoever wraps an array hands it over and must not
 * modify it afterwards. Readers get a read-only view through {@link #buffer()}.
 */
public final class Tensor {
  private final long[] shape;
  private final float[] data;

  private Tensor(long[] shape, float[] data) {
    this.shape = shape;
    this.data = data;
  }

  /**
   * Wraps an array as a tensor without copying it.
   *
   * @param data the values in row-major order; the caller must not modify it afterwards
   * @param shape the dimensions, each zero or more, whose product is {@code data.length}
   * @return the tensor
   * @throws IllegalArgumentException if the shape does not fit the data
   */
  public static Tensor wrap(float[] data, long... shape) {
    Objects.requireNonNull(data, "data");
    long[] s = shape.clone();
    long n = 1;
    for (long d : s) {
      if (d < 0) {
        throw new IllegalArgumentException("tensor dimensions must not be negative: " + Arrays.toString(s));
      }
      n *= d;
    }
    if (n != data.length) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(s) + " holds " + n + " values, data has " + data.length);
    }
    return new Tensor(s, data);
  }

  /**
   * Copies a buffer's remaining values into a new tensor.
   *
   * @param buffer the values in row-major order; its position is not changed
   * @param shape the dimensions
   * @return the tensor
   * @throws IllegalArgumentException if the shape does not fit the data
   */
  public static Tensor copyOf(FloatBuffer buffer, long... shape) {
    float[] data = new float[buffer.remaining()];
    buffer.duplicate().get(data);
    return wrap(data, shape);
  }

  /** Returns the dimensions. @return a copy of the shape */
  public long[] shape() {
    return shape.clone();
  }

  /**
   * Returns one dimension.
   *
   * @param axis the axis, from 0
   * @return its size
   */
  public long dim(int axis) {
    return shape[axis];
  }

  /** Returns the number of dimensions. @return the rank */
  public int rank() {
    return shape.length;
  }

  /** Returns the number of values. @return the element count */
  public int size() {
    return data.length;
  }

  /** Returns a read-only view of the values. @return a buffer positioned at 0 */
  public FloatBuffer buffer() {
    return FloatBuffer.wrap(data).asReadOnlyBuffer();
  }

  /** Returns a copy of the values. @return a new array */
  public float[] toArray() {
    return data.clone();
  }

  @Override
  public String toString() {
    return "Tensor" + Arrays.toString(shape);
  }
}
