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
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every generator family end to end on ONNX Runtime, with tiny models of each family's signature:
 * a real photo, the real YuNet detector, alignment to the family's template, its normalisation
 * there and back, and CodeFormer's weight input.
 */
final class OnnxGeneratorFamiliesTest {
  private static BufferedImage astronaut;

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
  void build_undescribedCodeFormerFile_suggestsItsProfile() {
    ModelException e = assertThrows(ModelException.class, () -> restorer(TestModels.CODEFORMER_ECHO_512).build());
    assertTrue(e.getMessage().contains("weight:float64[1]"), e.getMessage());
    assertTrue(e.getMessage().contains("GeneratorFamily.CODEFORMER.profile()"), e.getMessage());
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
