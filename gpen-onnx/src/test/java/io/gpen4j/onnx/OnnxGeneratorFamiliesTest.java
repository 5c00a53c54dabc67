package io.gpen4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.AlignmentTemplate;
import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.ModelException;
import io.gpen4j.RestoreOptions;
import io.gpen4j.RestoreResult;
import io.gpen4j.RestoredFace;
import io.gpen4j.models.GeneratorFamily;
import io.gpen4j.models.GeneratorProfile;
import io.gpen4j.testing.ImageMetrics;
import io.gpen4j.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every generator family end to end on ONNX Runtime, with tiny models of each family's signature:
 * a real photo, the real YuNet detector, alignment to the family's template, its normalisation
 * there and back, and CodeFormer's weight input.
 */
final class OnnxGeneratorFamiliesTest {
  private static BufferedImage astronaut;
  @TempDir Path tmp;

  @BeforeAll
  static void readPhoto() throws IOException {
    astronaut = ImageIO.read(SharedData.image("astronaut.png").toFile());
  }

  private static FaceRestorer.Builder restorer(String model) {
    return FaceRestorer.builder()
        .backend("onnx")
        .generator(TestModels.path(model))
        .detector(DetectorType.YUNET, SharedData.yunet());
  }

  private static Path signatureModel(GeneratorFamily family) {
    return TestModels.path(family == GeneratorFamily.CODEFORMER ? TestModels.CODEFORMER_ECHO_512 : TestModels.IDENTITY_512);
  }

  @ParameterizedTest
  @EnumSource(GeneratorFamily.class)
  void restore_echoModelOfEachFamily_returnsInputImageAlignedToFamilyTemplate(GeneratorFamily family) {
    FaceRestorer.Builder builder = FaceRestorer.builder()
        .backend("onnx")
        .generator(signatureModel(family))
        .detector(DetectorType.YUNET, SharedData.yunet())
        .generatorProfile(family.profile());
    try (FaceRestorer restorer = builder.build()) {
      assertEquals(family, restorer.generatorProfile().family());
      assertEquals(family.profile().template(), restorer.template());
      assertEquals(512, restorer.modelSize());
      // For CodeFormer w = fidelity = 1 makes the echo model the identity.
      RestoreResult result = restorer.restore(astronaut, RestoreOptions.builder().fidelity(1).build());
      assertEquals(1, result.faces().size());
      assertTrue(result.faces().get(0).enhanced());
      double psnr = ImageMetrics.psnr(astronaut, result.image());
      assertTrue(psnr >= 40, family + ": PSNR " + psnr + " dB < 40 dB");
    }
  }

  @Test
  void restore_codeFormerAtFidelityZero_modelGetsWZeroAndItsOutputIsPastedWhole() {
    try (FaceRestorer restorer = restorer(TestModels.CODEFORMER_ECHO_512)
        .generatorProfile(GeneratorFamily.CODEFORMER.profile())
        .build()) {
      RestoreResult result = restorer.restore(astronaut, RestoreOptions.builder().fidelity(0).colorMatching(false).build());
      // w = 0 makes the model output 0 in [-1, 1], mid-grey; a pixel blend at fidelity 0 would
      // instead have left the photo unchanged.
      RestoredFace face = result.faces().get(0);
      int cx = (int) face.box().center().x();
      int cy = (int) face.box().center().y();
      int rgb = result.image().getRGB(cx, cy);
      for (int shift : new int[] {16, 8, 0}) {
        int v = (rgb >> shift) & 0xff;
        assertTrue(Math.abs(v - 128) <= 1, "face centre channel " + v + " is not mid-grey");
      }
      assertTrue(astronaut.getRGB(cx, cy) != rgb, "face centre unchanged");
    }
  }

  @Test
  void restore_gpenAtFidelityZero_leavesPhotoUnchanged() {
    try (FaceRestorer restorer = restorer(TestModels.IDENTITY_512).build()) {
      RestoreResult result = restorer.restore(astronaut, RestoreOptions.builder().fidelity(0).build());
      assertEquals(0, ImageMetrics.differingPixels(astronaut, result.image()));
    }
  }

  @Test
  void build_codeFormerProfileOnModelWithoutWeight_namesTheMissingInput() {
    ModelException e = assertThrows(ModelException.class, () -> restorer(TestModels.IDENTITY_512)
        .generatorProfile(GeneratorFamily.CODEFORMER.profile()).build());
    assertTrue(e.getMessage().contains("one input 'weight' [1] for FIDELITY_WEIGHT"), e.getMessage());
    assertTrue(e.getMessage().contains("the file has inputs [input:float32[1,3,512,512]]"), e.getMessage());
  }

  @Test
  void build_gfpganProfileOn256Model_namesBothSizes() {
    ModelException e = assertThrows(ModelException.class, () -> restorer(TestModels.IDENTITY_256)
        .generatorProfile(GeneratorFamily.GFPGAN.profile()).build());
    assertTrue(e.getMessage().contains("GFPGAN takes 512x512 crops"), e.getMessage());
    assertTrue(e.getMessage().contains("a 256x256 model"), e.getMessage());
  }

  @Test
  void build_undescribedCodeFormerFile_suggestsItsProfile() throws IOException {
    // A name that says nothing: the file is taken for GPEN, and its second input gives it away.
    Path unnamed = Files.copy(TestModels.path(TestModels.CODEFORMER_ECHO_512), tmp.resolve("echo-weight-512.onnx"));
    ModelException e = assertThrows(ModelException.class, () -> FaceRestorer.builder()
        .backend("onnx")
        .generator(unnamed)
        .detector(DetectorType.YUNET, SharedData.yunet())
        .build());
    assertTrue(e.getMessage().contains("weight:float64[1]"), e.getMessage());
    assertTrue(e.getMessage().contains("GeneratorFamily.CODEFORMER.profile()"), e.getMessage());
  }

  /**
   * CodeFormer's official default w is 0.5 (its CLI's --fidelity_weight, facefusion): with options
   * left at their defaults the echo model gets 0.5, so its face is 0.5 x + 63.75 of the input's
   * value x; the same as asking for 0.5, and not what w = 1 gives.
   */
  @Test
  void restore_codeFormerByDefault_modelGetsWHalf() {
    try (FaceRestorer restorer = restorer(TestModels.CODEFORMER_ECHO_512)
        .generatorProfile(GeneratorFamily.CODEFORMER.profile())
        .build()) {
      RestoreOptions defaults = RestoreOptions.builder().colorMatching(false).build();
      RestoreResult byDefault = restorer.restore(astronaut, defaults);
      RestoreResult half = restorer.restore(astronaut, defaults.toBuilder().fidelity(0.5).build());
      RestoreResult one = restorer.restore(astronaut, defaults.toBuilder().fidelity(1).build());
      assertEquals(0.5, defaults.fidelityFor(restorer.generatorProfile()));
      assertEquals(1.0, defaults.fidelityFor(GeneratorFamily.GFPGAN.profile()));
      assertEquals(0, ImageMetrics.differingPixels(half.image(), byDefault.image()));
      assertTrue(ImageMetrics.differingPixels(one.image(), byDefault.image()) > 1000);
      RestoredFace face = byDefault.faces().get(0);
      int cx = (int) face.box().center().x();
      int cy = (int) face.box().center().y();
      for (int shift : new int[] {16, 8, 0}) {
        int in = (one.image().getRGB(cx, cy) >> shift) & 0xff;
        int out = (byDefault.image().getRGB(cx, cy) >> shift) & 0xff;
        assertEquals(0.5 * in + 63.75, out, 1.0, "channel at shift " + shift);
      }
    }
  }

  /**
   * A GFPGAN file the catalogue does not know, named as facefusion names it, is recognised by its
   * name: FFHQ template and GFPGAN's profile, with no warning; a file whose name says nothing runs
   * as GPEN with exactly one warning that names the API option and the CLI flag.
   */
  @Test
  void build_gfpganNamedFileNotInTheCatalogue_usesTheFfhqTemplate() throws IOException {
    Path named = Files.copy(TestModels.path(TestModels.IDENTITY_512), tmp.resolve("gfpgan_1.4.onnx"));
    Path unnamed = Files.copy(TestModels.path(TestModels.IDENTITY_512), tmp.resolve("restorer.onnx"));
    String namedLog = stderrOf(() -> {
      try (FaceRestorer restorer = FaceRestorer.builder().backend("onnx").generator(named)
          .detector(DetectorType.YUNET, SharedData.yunet()).build()) {
        assertEquals(GeneratorFamily.GFPGAN.profile(), restorer.generatorProfile());
        assertEquals(AlignmentTemplate.FFHQ, restorer.template());
      }
    });
    assertTrue(!namedLog.contains("WARN"), namedLog);
    String unnamedLog = stderrOf(() -> {
      try (FaceRestorer restorer = FaceRestorer.builder().backend("onnx").generator(unnamed)
          .detector(DetectorType.YUNET, SharedData.yunet()).build()) {
        assertEquals(GeneratorFamily.GPEN, restorer.generatorProfile().family());
        assertEquals(AlignmentTemplate.GPEN, restorer.template());
      }
    });
    long warnings = unnamedLog.lines().filter(l -> l.contains("WARN")).count();
    assertEquals(1, warnings, unnamedLog);
    assertTrue(unnamedLog.contains("GeneratorStage.withProfile"), unnamedLog);
    assertTrue(unnamedLog.contains("--model-family"), unnamedLog);
  }

  /** What slf4j-simple wrote to standard error while the action ran. */
  private static String stderrOf(Runnable action) {
    PrintStream old = System.err;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(old);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void build_templateOverridesProfileTemplate() {
    GeneratorProfile gfpgan = GeneratorFamily.GFPGAN.profile();
    try (FaceRestorer restorer = restorer(TestModels.IDENTITY_512)
        .generatorProfile(gfpgan)
        .template(AlignmentTemplate.GPEN)
        .build()) {
      assertEquals(AlignmentTemplate.GPEN, restorer.template());
      assertEquals(gfpgan.withTemplate(AlignmentTemplate.GPEN), restorer.generatorProfile());
    }
  }
}
