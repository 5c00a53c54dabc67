package io.gpen4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class ElementTypeTest {
  @Test
  void fromOnnxDataType_everyNamedType_roundTrips() {
    Set<Integer> numbers = new HashSet<>();
    for (ElementType t : ElementType.values()) {
      assertTrue(numbers.add(t.onnxDataType()), "two types share ONNX number " + t.onnxDataType());
      assertEquals(t, ElementType.fromOnnxDataType(t.onnxDataType()));
    }
  }

  @Test
  void fromOnnxDataType_knownOnnxNumbers_matchOnnxProto() {
    assertEquals(ElementType.FLOAT32, ElementType.fromOnnxDataType(1));
    assertEquals(ElementType.INT64, ElementType.fromOnnxDataType(7));
    assertEquals(ElementType.FLOAT16, ElementType.fromOnnxDataType(10));
    assertEquals(ElementType.FLOAT64, ElementType.fromOnnxDataType(11));
    assertEquals(ElementType.BFLOAT16, ElementType.fromOnnxDataType(16));
  }

  @Test
  void fromOnnxDataType_unnamedNumbers_areOther() {
    assertEquals(ElementType.OTHER, ElementType.fromOnnxDataType(14)); // complex64
    assertEquals(ElementType.OTHER, ElementType.fromOnnxDataType(17)); // float8e4m3fn
    assertEquals(ElementType.OTHER, ElementType.fromOnnxDataType(-1));
  }

  @Test
  void fromOnnxName_onnxAndOnnxRuntimeSpellings_giveTheType() {
    for (ElementType t : ElementType.values()) {
      if (t != ElementType.OTHER) {
        assertEquals(t, ElementType.fromOnnxName(t.onnxName()));
        assertEquals(t, ElementType.fromOnnxName("ONNX_TENSOR_ELEMENT_DATA_TYPE_" + t.onnxName()));
      }
    }
    assertEquals(ElementType.FLOAT32, ElementType.fromOnnxName("FLOAT"));
    assertEquals(ElementType.FLOAT64, ElementType.fromOnnxName("ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE"));
    assertEquals(ElementType.OTHER, ElementType.fromOnnxName("ONNX_TENSOR_ELEMENT_DATA_TYPE_COMPLEX64"));
    assertEquals(ElementType.OTHER, ElementType.fromOnnxName("UNDEFINED"));
    assertEquals(ElementType.OTHER, ElementType.fromOnnxName("float32"));
  }

  @Test
  void toString_isTheLowerCaseNameUsedInMessages() {
    assertEquals("float32", ElementType.FLOAT32.toString());
    assertEquals("bfloat16", ElementType.BFLOAT16.toString());
    assertEquals("x:float16[1,?]", new TensorInfo("x", new long[] {1, -1}, ElementType.FLOAT16).toString());
  }

  @Test
  void isFloatExchangeable_onlyFloat32AndFloat16() {
    for (ElementType t : ElementType.values()) {
      assertEquals(t == ElementType.FLOAT32 || t == ElementType.FLOAT16, t.isFloatExchangeable(), t.name());
    }
    assertFalse(ElementType.FLOAT64.isFloatExchangeable());
  }
}
