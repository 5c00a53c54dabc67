package io.gpen4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.onnxruntime.TensorInfo.OnnxTensorType;
import io.gpen4j.spi.ElementType;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The backends name element types by ONNX Runtime's enum constants: every one must map. */
final class OrtElementTypesTest {
  private static final Set<String> UNNAMED = Set.of("UNDEFINED", "COMPLEX64", "COMPLEX128");

  @Test
  void fromOnnxName_everyOrtTensorType_mapsToTheTypeOfTheSameName() {
    for (OnnxTensorType ort : OnnxTensorType.values()) {
      String onnxName = ort.name().substring("ONNX_TENSOR_ELEMENT_DATA_TYPE_".length());
      ElementType t = ElementType.fromOnnxName(ort.name());
      if (UNNAMED.contains(onnxName) || onnxName.startsWith("FLOAT8") || onnxName.startsWith("FLOAT4")
          || onnxName.startsWith("INT4") || onnxName.startsWith("UINT4")) {
        assertEquals(ElementType.OTHER, t, ort.name());
      } else {
        assertNotEquals(ElementType.OTHER, t, ort.name());
        assertEquals(onnxName, t.onnxName(), ort.name());
      }
    }
    assertEquals(ElementType.FLOAT32, ElementType.fromOnnxName(OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT.name()));
  }
}
