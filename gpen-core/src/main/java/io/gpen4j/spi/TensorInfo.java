package io.gpen4j.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a model says about one of its inputs or outputs.
 *
 * @param name the tensor's name in the model
 * @param shape the dimensions; -1 for a dimension the model leaves free
 * @param elementType the element type stored in the model, such as {@link ElementType#FLOAT32}
 *     or {@link ElementType#FLOAT16}; callers still exchange float32 {@link Tensor}s
 */
public record TensorInfo(String name, long[] shape, ElementType elementType) {
  /**
   * Validates and copies the description.
   *
   * @throws NullPointerException if a component is null
   */
  public TensorInfo {
    Objects.requireNonNull(name, "name");
    shape = shape.clone();
    Objects.requireNonNull(elementType, "elementType");
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  /**
   * Returns whether a concrete shape fits this description (free dimensions match anything).
   *
   * @param concrete the shape to check
   * @return true if the ranks agree and every fixed dimension is equal
   */
  public boolean accepts(long... concrete) {
    if (concrete.length != shape.length) {
      return false;
    }
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] >= 0 && shape[i] != concrete[i]) {
        return false;
      }
    }
    return true;
  }

  /** Returns the shape as text, free dimensions shown as {@code ?}. @return e.g. {@code [1,3,?,?]} */
  public String shapeText() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < shape.length; i++) {
      sb.append(i > 0 ? "," : "").append(shape[i] < 0 ? "?" : Long.toString(shape[i]));
    }
    return sb.append(']').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorInfo t
        && name.equals(t.name)
        && Arrays.equals(shape, t.shape)
        && elementType == t.elementType;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, Arrays.hashCode(shape), elementType);
  }

  @Override
  public String toString() {
    return name + ":" + elementType + shapeText();
  }
}
