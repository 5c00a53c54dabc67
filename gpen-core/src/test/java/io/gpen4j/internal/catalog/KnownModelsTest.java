package io.gpen4j.internal.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.ModelException;
import io.gpen4j.internal.store.Sha256;
import io.gpen4j.models.ModelRole;
import io.gpen4j.models.Models;
import io.gpen4j.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class KnownModelsTest {
  @TempDir Path tmp;

  @Test
  void identify_realYuNet_isTheCatalogueEntry() {
    assertEquals(Optional.of(Models.YUNET), KnownModels.identify(SharedData.yunet(), ModelRole.DETECTOR));
  }

  @Test
  void identify_realYuNetCopiedUnderAnotherName_isRecognisedBySize() throws IOException {
    Path renamed = Files.copy(SharedData.yunet(), tmp.resolve("my-detector.onnx"));
    assertEquals(Optional.of(Models.YUNET), KnownModels.identify(renamed, ModelRole.DETECTOR));
  }

  @Test
  void identify_customExport_isUnknown() {
    // Same architecture as GPEN-BFR-256, other weights and size: not a catalogue file.
    assertEquals(Optional.empty(), KnownModels.identify(SharedData.randomGpen256(), ModelRole.RESTORER));
  }

  @Test
  void identify_fileNamedLikeCatalogueModelWithOtherBytes_isRejectedNamingBothHashes() throws IOException {
    Path fake = Files.write(tmp.resolve("GPEN-BFR-512.onnx"), new byte[] {1, 2, 3});
    ModelException e = assertThrows(ModelException.class, () -> KnownModels.identify(fake, ModelRole.RESTORER));
    assertTrue(e.getMessage().contains("GPEN-BFR-512"), e.getMessage());
    assertTrue(e.getMessage().contains(Models.GPEN_BFR_512.sha256()), e.getMessage());
    assertTrue(e.getMessage().contains(Sha256.of(new byte[] {1, 2, 3})), e.getMessage());
  }
}
