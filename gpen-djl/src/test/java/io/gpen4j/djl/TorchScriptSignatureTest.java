package io.gpen4j.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.ModelException;
import io.gpen4j.spi.ElementType;
import io.gpen4j.spi.TensorInfo;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class TorchScriptSignatureTest {
  @Test
  void parse_fullDescription_readsNamesShapesAndTypes() {
    ModelSignature s = TorchScriptSignature.parse(
        "{\"inputs\": [{\"name\": \"a\", \"shape\": [1, 3, -1, 8], \"type\": \"float16\"}, {\"name\": \"b\", \"shape\": [2]}],"
            + " \"outputs\": [{\"name\": \"y\", \"shape\": [1]}]}", "test");
    assertEquals(2, s.inputs().size());
    assertEquals(new TensorInfo("a", new long[] {1, 3, -1, 8}, ElementType.FLOAT16), s.inputs().get(0));
    assertEquals(new TensorInfo("b", new long[] {2}, ElementType.FLOAT32), s.inputs().get(1));
    assertEquals("y", s.outputs().get(0).name());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "not json",
      "[]",
      "{\"inputs\": [], \"outputs\": [{\"name\": \"y\", \"shape\": [1]}]}",
      "{\"inputs\": [{\"name\": \"x\", \"shape\": [1]}]}",
      "{\"inputs\": [{\"shape\": [1]}], \"outputs\": [{\"name\": \"y\", \"shape\": [1]}]}",
      "{\"inputs\": [{\"name\": \"x\"}], \"outputs\": [{\"name\": \"y\", \"shape\": [1]}]}",
      "{\"inputs\": [{\"name\": \"x\", \"shape\": [0]}], \"outputs\": [{\"name\": \"y\", \"shape\": [1]}]}",
      "{\"inputs\": [{\"name\": \"x\", \"shape\": [\"a\"]}], \"outputs\": [{\"name\": \"y\", \"shape\": [1]}]}",
      "{\"inputs\": [{\"name\": \"x\", \"shape\": [1], \"type\": \"int64\"}], \"outputs\": [{\"name\": \"y\", \"shape\": [1]}]}",
  })
  void parse_malformedDescription_throwsModelExceptionNamingWhere(String json) {
    ModelException e = assertThrows(ModelException.class, () -> TorchScriptSignature.parse(json, "where.json"));
    assertTrue(e.getMessage().contains("where.json"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"GPEN-BFR-512.pt", "gpen_bfr_512_traced.pt", "my-GPEN-512.torchscript"})
  void fromFileName_gpenWithSize_describesSquareGenerator(String name) {
    ModelSignature s = TorchScriptSignature.fromFileName(Path.of(name), false).orElseThrow();
    assertArrayEquals(new long[] {1, 3, 512, 512}, s.inputs().get(0).shape());
    assertArrayEquals(new long[] {1, 3, 512, 512}, s.outputs().get(0).shape());
    assertEquals(ElementType.FLOAT32, s.inputs().get(0).elementType());
  }

  @Test
  void fromFileName_halfModule_takesFloat16() {
    ModelSignature s = TorchScriptSignature.fromFileName(Path.of("GPEN-BFR-1024-fp16.pt"), true).orElseThrow();
    assertArrayEquals(new long[] {1, 3, 1024, 1024}, s.inputs().get(0).shape());
    assertEquals(ElementType.FLOAT16, s.inputs().get(0).elementType());
    assertTrue(s.halfWeights());
  }

  @ParameterizedTest
  @ValueSource(strings = {"model-512.pt", "GPEN-BFR-5120.pt", "gpen.pt", "GPEN-BFR-300.pt"})
  void fromFileName_otherNames_describeNothing(String name) {
    assertEquals(Optional.empty(), TorchScriptSignature.fromFileName(Path.of(name), false));
  }
}
