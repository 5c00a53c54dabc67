package io.gpen4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;

final class MatteTest {
  @Test
  void of_copiesTheValues_andHandsOutOnlyCopiesOrReadOnlyViews() {
    float[] values = {0f, 0.25f, 0.5f, 1f, 1f, 0f};
    Matte matte = Matte.of(3, 2, values);
    values[0] = 1f;
    assertEquals(0f, matte.alpha(0, 0));
    assertEquals(1f, matte.alpha(0, 1));
    assertEquals(0.5f, matte.alpha(2, 0));
    float[] copy = matte.alpha();
    copy[1] = 0f;
    assertEquals(0.25f, matte.alpha(1, 0));
    FloatBuffer buffer = matte.buffer();
    assertEquals(6, buffer.remaining());
    assertThrows(ReadOnlyBufferException.class, () -> buffer.put(0, 0f));
    assertArrayEquals(new float[] {0f, 0.25f, 0.5f, 1f, 1f, 0f}, matte.alpha());
  }

  @Test
  void of_badSizeOrValue_isRejectedNamingIt() {
    IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> Matte.of(2, 2, new float[3]));
    assertTrue(size.getMessage().contains("2x2 matte needs 4 values, got 3"), size.getMessage());
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> Matte.of(2, 1, new float[] {0f, Float.NaN}));
    assertTrue(nan.getMessage().contains("alpha at (1, 0) is NaN"), nan.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Matte.of(1, 1, new float[] {1.01f}));
    assertThrows(IllegalArgumentException.class, () -> Matte.of(0, 0, new float[0]));
  }

  @Test
  void alpha_outsideTheMatte_isAnIndexError() {
    Matte matte = Matte.of(2, 2, new float[4]);
    assertThrows(IndexOutOfBoundsException.class, () -> matte.alpha(2, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> matte.alpha(0, -1));
  }

  @Test
  void equals_comparesSizeAndValues() {
    assertEquals(Matte.of(2, 1, new float[] {0f, 1f}), Matte.of(2, 1, new float[] {0f, 1f}));
    assertEquals(Matte.of(2, 1, new float[] {0f, 1f}).hashCode(), Matte.of(2, 1, new float[] {0f, 1f}).hashCode());
    assertNotEquals(Matte.of(2, 1, new float[] {0f, 1f}), Matte.of(1, 2, new float[] {0f, 1f}));
    assertNotEquals(Matte.of(2, 1, new float[] {0f, 1f}), Matte.of(2, 1, new float[] {1f, 1f}));
  }
}
