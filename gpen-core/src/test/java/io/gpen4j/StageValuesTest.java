package io.gpen4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.models.ModelRepository;
import io.gpen4j.models.Models;
import io.gpen4j.models.ParserFamily;
import io.gpen4j.testing.JavaTestBackend;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stage values: their checks, and the one message every stage gives for a missing file. */
final class StageValuesTest {
  @TempDir Path tmp;

  @Test
  void catalogueModelOfAnotherRole_isRejectedBeforeItIsResolved() {
    ModelRepository offline = ModelRepository.builder().cacheDirectory(tmp).offline(true).build();
    IllegalArgumentException g = assertThrows(IllegalArgumentException.class,
        () -> GeneratorStage.of(Models.YUNET, offline));
    assertEquals("YuNet is a DETECTOR, not a restorer", g.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DetectorStage.of(Models.GPEN_BFR_512, offline));
    assertThrows(IllegalArgumentException.class, () -> ParserStage.of(Models.YUNET, offline));
    assertThrows(IllegalArgumentException.class, () -> BackgroundStage.of(Models.YUNET, offline));
  }

  @Test
  void detectorOptions_areCheckedWhenSet() {
    DetectorStage yunet = DetectorStage.bundled();
    assertThrows(IllegalArgumentException.class, () -> yunet.withScoreFloor(1.5));
    assertThrows(IllegalArgumentException.class, () -> yunet.withDownscale(1000, 1024));
    assertThrows(IllegalArgumentException.class, () -> BackgroundStage.of(tmp).withTileSize(10));
    assertEquals(DetectorType.YUNET, yunet.type().orElseThrow());
    assertTrue(DetectorStage.of(image -> java.util.List.of()).type().isEmpty());
  }

  @Test
  void missingModelFile_namesTheStage() {
    Path generator = JavaTestBackend.writeModel(tmp, "identity 256");
    Path missing = tmp.resolve("missing.onnx");
    ModelException parser = assertThrows(ModelException.class, () -> FaceRestorer.builder()
        .backend(new JavaTestBackend())
        .generator(GeneratorStage.of(generator))
        .detector(DetectorStage.of(image -> java.util.List.of()))
        .faceParser(ParserStage.of(missing, ParserFamily.BISENET))
        .build());
    assertTrue(parser.getMessage().startsWith("face-parsing model not found: " + missing), parser.getMessage());
    ModelException gen = assertThrows(ModelException.class, () -> FaceRestorer.builder()
        .backend(new JavaTestBackend())
        .generator(GeneratorStage.of(missing))
        .build());
    assertTrue(gen.getMessage().startsWith("generator model not found: " + missing), gen.getMessage());
  }

  @Test
  void build_withoutGenerator_saysWhichOptionIsMissing() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> FaceRestorer.builder().build());
    assertTrue(e.getMessage().contains("generator(GeneratorStage.of(path))"), e.getMessage());
  }
}
