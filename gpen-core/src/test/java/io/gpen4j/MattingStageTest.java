package io.gpen4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.models.MattingFamily;
import io.gpen4j.models.ModelRepository;
import io.gpen4j.models.Models;
import io.gpen4j.models.ParserFamily;
import io.gpen4j.spi.Precision;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.testing.JavaTestBackend;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Opening a matting stage: models whose shapes do not fit the family fail with a message that
 * names the stage option, the family and what the file has, and open nothing that stays open.
 */
final class MattingStageTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
    "shape 1,3,-1,-1; no output is a one-channel matte [1,1,H,W]",
    "shape 1,3,-1,512; input 'input' is [1,3,?,512], not an RGB image [1,3,H,W] with both sides fixed or both free",
    "shape 1,1,512,512; input 'input' is [1,1,512,512], not an RGB image",
    "shape 2,3,512,512; input 'input' is [2,3,512,512], not an RGB image",
    "shape 1,3,512; input 'input' is [1,3,512], not an RGB image",
  })
  void build_modelThatIsNoMattingModel_failsNamingTheOptionAndTheShapes(String model, String problem) {
    JavaTestBackend backend = new JavaTestBackend();
    Path file = JavaTestBackend.writeModel(dir, model);
    ModelException e = assertThrows(ModelException.class,
        () -> PortraitMatter.builder(MattingStage.of(file, MattingFamily.MODNET)).backend(backend).build());
    String message = e.getMessage();
    assertTrue(message.contains(problem), message);
    assertTrue(message.contains("MattingStage.of(model, MattingFamily.MODNET)"), message);
    assertTrue(message.contains(file.toString()), message);
    assertTrue(message.contains("the file has inputs"), message);
  }

  @Test
  void build_missingFile_failsNamingThePath() {
    Path missing = dir.resolve("modnet.onnx");
    ModelException e = assertThrows(ModelException.class, () -> PortraitMatter.builder(
        MattingStage.of(missing, MattingFamily.MODNET)).backend(new JavaTestBackend()).build());
    assertTrue(e.getMessage().contains("portrait-matting model not found: " + missing), e.getMessage());
  }

  @Test
  void build_parserFallbackWithAnIdentityModel_failsAsAFaceParser() {
    Path file = JavaTestBackend.writeModel(dir, "identity 512");
    ModelException e = assertThrows(ModelException.class, () -> PortraitMatter.builder(
        MattingStage.fromParser(ParserStage.of(file, ParserFamily.BISENET))).backend(new JavaTestBackend()).build());
    assertTrue(e.getMessage().contains("face parser"), e.getMessage());
  }

  @Test
  void catalogue_otherRoleIsRejected_andAMissingModnetSaysWhatToPutWhere() {
    ModelRepository offline = ModelRepository.builder().cacheDirectory(dir).offline(true).build();
    IllegalArgumentException role = assertThrows(IllegalArgumentException.class,
        () -> MattingStage.of(Models.BISENET_RESNET18, offline));
    assertEquals("BiSeNet-ResNet18 is a FACE_PARSER, not a portrait matter", role.getMessage());
    ModelException missing = assertThrows(ModelException.class,
        () -> MattingStage.of(Models.MODNET_PHOTOGRAPHIC, offline));
    assertTrue(missing.getMessage().contains("modnet_photographic_portrait_matting.onnx"), missing.getMessage());
  }

  @Test
  void stage_holdsWhatItWasGiven() {
    Path file = dir.resolve("m.onnx");
    MattingStage stage = MattingStage.of(file, MattingFamily.MODNET);
    assertEquals(file, stage.model().orElseThrow().path());
    assertEquals(MattingFamily.MODNET, stage.family().orElseThrow());
    assertTrue(stage.parser().isEmpty() && stage.settings().isEmpty());
    SessionSettings fp16 = SessionSettings.builder().precision(Precision.FP16).build();
    assertEquals(fp16, stage.withSettings(fp16).settings().orElseThrow());
    MattingStage fallback = MattingStage.fromParser(ParserStage.of(file, ParserFamily.BISENET));
    assertTrue(fallback.model().isEmpty() && fallback.family().isEmpty());
    assertEquals(ParserFamily.BISENET, fallback.parser().orElseThrow().family());
  }
}
