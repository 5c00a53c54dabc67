package io.gpen4j.onnxformat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.ModelException;
import io.gpen4j.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model file's inputs read without a session; a file that is not ONNX or not there is named. */
final class OnnxModelFileTest {
  @TempDir Path temp;

  @Test
  void inputs_officialExport_areTheImageOnly() {
    Path model = SharedData.require("models/bench/GPEN-BFR-256-official-export-randw.onnx");
    List<OnnxValueInfo> inputs = OnnxModelFile.inputs(model, "gpen");
    assertEquals(1, inputs.size(), inputs.toString());
    assertEquals(List.of(1L, 3L, 256L, 256L), inputs.get(0).dims());
  }

  @Test
  void inputs_notOnnxOrMissing_throwNamingTheFile() throws IOException {
    Path junk = Files.writeString(temp.resolve("junk.onnx"), "not a model");
    ModelException bad = assertThrows(ModelException.class, () -> OnnxModelFile.inputs(junk, "junk"));
    assertTrue(bad.getMessage().contains("junk.onnx") && bad.getMessage().contains("not a valid ONNX file"),
        bad.getMessage());
    Path missing = temp.resolve("missing.onnx");
    ModelException gone = assertThrows(ModelException.class, () -> OnnxModelFile.inputs(missing, "missing"));
    assertTrue(gone.getMessage().startsWith("cannot read model file " + missing), gone.getMessage());
  }
}
