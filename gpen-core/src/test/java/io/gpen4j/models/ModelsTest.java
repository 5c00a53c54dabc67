package io.gpen4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.AlignmentTemplate;
import io.gpen4j.DetectorType;
import io.gpen4j.ModelException;
import io.gpen4j.internal.store.Sha256;
import io.gpen4j.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real manifest, as shipped in the jar. */
final class ModelsTest {
  @Test
  void all_containsTheTenModelsInOrder() {
    assertEquals(
        List.of(
            "GPEN-BFR-256",
            "GPEN-BFR-512",
            "GPEN-BFR-1024",
            "GPEN-BFR-2048",
            "GFPGAN-1.4",
            "CodeFormer",
            "RestoreFormer++",
            "YuNet",
            "SCRFD-2.5G",
            "RetinaFace-MNet0.25",
            "RealESRGAN_x2plus",
            "RealESRGAN_x4plus",
            "realesr-general-x4v3",
            "realesr-general-wdn-x4v3",
            "BiSeNet-ResNet18",
            "MODNet-Photographic"),
        Models.names());
  }

  @Test
  void all_haveHashesLocationsAndHttpsUrls() {
    for (ModelSpec spec : Models.all()) {
      assertTrue(spec.sha256().matches("[0-9a-f]{64}"), spec.name());
      assertFalse(spec.locations().isEmpty(), spec.name());
      for (DownloadLocation location : spec.locations()) {
        assertEquals("https", location.uri().getScheme(), location.uri().toString());
        assertTrue(location.sha256().matches("[0-9a-f]{64}"), location.uri().toString());
      }
    }
  }

  @Test
  void gpenModels_haveInputSizeTemplateAndNonCommercialLicence() {
    Map<ModelSpec, Integer> sizes =
        Map.of(
            Models.GPEN_BFR_256, 256,
            Models.GPEN_BFR_512, 512,
            Models.GPEN_BFR_1024, 1024,
            Models.GPEN_BFR_2048, 2048);
    sizes.forEach(
        (spec, size) -> {
          assertEquals(size, spec.inputSize(), spec.name());
          assertEquals(ModelRole.RESTORER, spec.role());
          assertEquals(Optional.of(AlignmentTemplate.GPEN), spec.template());
          assertEquals(Optional.of(GeneratorFamily.GPEN), spec.family());
          assertEquals(List.of(), spec.generatorProfile().orElseThrow().scalarInputs());
          assertEquals(Normalization.RGB_MINUS_ONE_TO_ONE, spec.normalization());
          assertEquals("gpen-non-commercial", spec.license().id());
          assertTrue(spec.requiresLicenseAcceptance());
          assertTrue(spec.license().uri().toString().startsWith("https://github.com/yangxy/GPEN"));
        });
  }

  @Test
  void otherFamilies_haveFfhqTemplate512AndTheirOwnLicence() {
    record Expected(ModelSpec spec, GeneratorFamily family, String license, boolean acceptance) {}
    for (Expected e : List.of(
        new Expected(Models.GFPGAN_1_4, GeneratorFamily.GFPGAN, "gfpgan-apache-2.0", false),
        new Expected(Models.CODEFORMER, GeneratorFamily.CODEFORMER, "codeformer-s-lab-non-commercial", true),
        new Expected(Models.RESTOREFORMER_PLUS_PLUS, GeneratorFamily.RESTOREFORMER_PLUS_PLUS,
            "restoreformer-apache-2.0", false))) {
      GeneratorProfile profile = e.spec().generatorProfile().orElseThrow();
      assertEquals(e.family(), profile.family(), e.spec().name());
      assertEquals(512, profile.inputSize(), e.spec().name());
      assertEquals(AlignmentTemplate.FFHQ, profile.template(), e.spec().name());
      assertEquals(Normalization.RGB_MINUS_ONE_TO_ONE, profile.normalization(), e.spec().name());
      assertEquals(e.family().profile(), profile, e.spec().name());
      assertEquals(e.license(), e.spec().license().id(), e.spec().name());
      assertEquals(e.acceptance(), e.spec().requiresLicenseAcceptance(), e.spec().name());
    }
    assertTrue(Models.CODEFORMER.generatorProfile().orElseThrow().takesFidelity());
    assertFalse(Models.GFPGAN_1_4.generatorProfile().orElseThrow().takesFidelity());
    assertSame(Models.CODEFORMER, Models.find("codeformer").orElseThrow());
    assertSame(Models.GFPGAN_1_4, Models.find("GFPGANv1.4.onnx").orElseThrow());
  }

  @Test
  void detectors_haveNoFamilyOrProfile() {
    for (ModelSpec spec : List.of(Models.YUNET, Models.SCRFD_2_5G, Models.RETINAFACE_MNET025)) {
      assertEquals(Optional.empty(), spec.family(), spec.name());
      assertEquals(Optional.empty(), spec.generatorProfile(), spec.name());
    }
  }

  @Test
  void referenceHashesAndSizes_matchDesignReference() {
    assertEquals(
        "aa5bd3ab238640a378c59e4a560f7a7150627944cf2129e6311ae4720e833271",
        Models.GPEN_BFR_256.sha256());
    assertEquals(OptionalLong.of(75_715_262), Models.GPEN_BFR_256.sizeBytes());
    assertEquals(
        "0960f836488735444d508b588e44fb5dfd19c68fde9163ad7878aa24d1d5115e",
        Models.GPEN_BFR_512.sha256());
    assertEquals(OptionalLong.of(284_250_449), Models.GPEN_BFR_512.sizeBytes());
    assertTrue(
        Models.GPEN_BFR_512
            .acceptedSha256()
            .contains("bf80acb8e91ba8852e3f012505be2c3b6cd6b3eed5ec605e3db87863c4e74d4e"));
    assertEquals(OptionalLong.empty(), Models.GPEN_BFR_1024.sizeBytes());
    assertEquals(OptionalLong.of(232_589), Models.YUNET.sizeBytes());
    assertEquals(OptionalLong.of(3_290_207), Models.SCRFD_2_5G.sizeBytes());
    assertEquals(OptionalLong.of(1_711_594), Models.RETINAFACE_MNET025.sizeBytes());
  }

  @Test
  void detectors_haveFamilyNormalizationAndLicence() {
    assertEquals(Optional.of(DetectorType.YUNET), Models.YUNET.detectorType());
    assertEquals(Normalization.BGR_0_255, Models.YUNET.normalization());
    assertFalse(Models.YUNET.requiresLicenseAcceptance());
    assertEquals(Optional.of(DetectorType.SCRFD), Models.SCRFD_2_5G.detectorType());
    assertEquals(Normalization.RGB_CENTERED_128, Models.SCRFD_2_5G.normalization());
    assertTrue(Models.SCRFD_2_5G.requiresLicenseAcceptance());
    assertEquals(Optional.of(DetectorType.RETINAFACE), Models.RETINAFACE_MNET025.detectorType());
    assertEquals(Normalization.BGR_MEAN_104_117_123, Models.RETINAFACE_MNET025.normalization());
    for (ModelSpec detector : List.of(Models.YUNET, Models.SCRFD_2_5G, Models.RETINAFACE_MNET025)) {
      assertEquals(ModelRole.DETECTOR, detector.role());
      assertEquals(640, detector.inputSize());
      assertEquals(Optional.empty(), detector.template());
    }
  }

  @Test
  void backgroundUpscalers_areOfficialCheckpointsWithScaleAndBsdLicence() {
    Map<ModelSpec, Integer> scales = Map.of(
        Models.REALESRGAN_X2PLUS, 2, Models.REALESRGAN_X4PLUS, 4, Models.REALESR_GENERAL_X4V3, 4);
    scales.forEach((spec, scale) -> {
      assertEquals(ModelRole.BACKGROUND_UPSCALER, spec.role());
      assertEquals(java.util.OptionalInt.of(scale), spec.scale(), spec.name());
      assertEquals(Normalization.RGB_ZERO_TO_ONE, spec.normalization());
      assertEquals("realesrgan-bsd-3-clause", spec.license().id());
      assertFalse(spec.requiresLicenseAcceptance());
      assertTrue(spec.fileName().endsWith(".pth"), spec.fileName());
      assertTrue(spec.locations().get(0).uri().toString()
          .startsWith("https://github.com/xinntao/Real-ESRGAN/releases/download/"), spec.name());
    });
    assertEquals(OptionalLong.of(67_061_725), Models.REALESRGAN_X2PLUS.sizeBytes());
    assertEquals(OptionalLong.of(67_040_989), Models.REALESRGAN_X4PLUS.sizeBytes());
    assertEquals(OptionalLong.of(4_885_111), Models.REALESR_GENERAL_X4V3.sizeBytes());
  }

  @Test
  void portraitMatter_isModnetsOfficialOnnxWithApacheLicence() {
    ModelSpec modnet = Models.MODNET_PHOTOGRAPHIC;
    assertEquals(ModelRole.PORTRAIT_MATTER, modnet.role());
    assertEquals(Optional.of(MattingFamily.MODNET), modnet.mattingFamily());
    assertEquals(Normalization.RGB_MINUS_ONE_TO_ONE, modnet.normalization());
    assertEquals(512, modnet.inputSize());
    assertEquals("modnet_photographic_portrait_matting.onnx", modnet.fileName());
    assertEquals("07c308cf0fc7e6e8b2065a12ed7fc07e1de8febb7dc7839d7b7f15dd66584df9", modnet.sha256());
    assertEquals(OptionalLong.of(25_888_640), modnet.sizeBytes());
    assertFalse(modnet.requiresLicenseAcceptance());
    assertTrue(modnet.license().name().startsWith("Apache-2.0"), modnet.license().name());
    assertTrue(modnet.description().contains("unconfirmed"), modnet.description());
    assertEquals(modnet, Models.byName("modnet_photographic_portrait_matting.onnx"));
  }

  @Test
  void faceParser_isBiSeNetWithImageNetInputAndMitLicence() {
    ModelSpec bisenet = Models.BISENET_RESNET18;
    assertEquals(ModelRole.FACE_PARSER, bisenet.role());
    assertEquals(java.util.Optional.of(ParserFamily.BISENET), bisenet.parserFamily());
    assertEquals(Normalization.RGB_IMAGENET, bisenet.normalization());
    assertEquals(512, bisenet.inputSize());
    assertFalse(bisenet.requiresLicenseAcceptance());
    assertTrue(bisenet.license().name().startsWith("MIT"), bisenet.license().name());
    assertEquals(OptionalLong.empty(), bisenet.sizeBytes(), "size not confirmed, so not pinned");
    assertTrue(bisenet.locations().get(0).uri().toString()
        .startsWith("https://github.com/clibdev/face-parsing.PyTorch/releases/"), bisenet.locations().toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"GPEN-BFR-512", "gpen_bfr_512", "gpen-bfr-512", "GPEN-BFR-512.onnx"})
  void byName_acceptsTheWaysPeopleTypeIt(String name) {
    assertSame(Models.GPEN_BFR_512, Models.byName(name));
  }

  @Test
  void byName_matchesConstantNames() {
    assertSame(Models.SCRFD_2_5G, Models.byName("SCRFD_2_5G"));
    assertSame(Models.RETINAFACE_MNET025, Models.byName("RETINAFACE_MNET025"));
    assertSame(Models.YUNET, Models.byName("face_detection_yunet_2023mar.onnx"));
  }

  @Test
  void byName_unknown_listsKnownNames() {
    ModelException e = assertThrows(ModelException.class, () -> Models.byName("GFPGAN"));
    assertTrue(e.getMessage().contains("'GFPGAN'"), e.getMessage());
    for (String name : Models.names()) {
      assertTrue(e.getMessage().contains(name), e.getMessage());
    }
  }

  @Test
  void sharedDetectorFiles_haveTheManifestHashes() throws IOException {
    assertEquals(Models.YUNET.sha256(), Sha256.of(SharedData.yunet()));
    assertEquals(Models.SCRFD_2_5G.sha256(), Sha256.of(SharedData.scrfd()));
    assertEquals(Models.RETINAFACE_MNET025.sha256(), Sha256.of(SharedData.retinaface()));
  }

  @Test
  void repository_offlineWithSharedDetectorFolder_resolvesRealDetectors(@TempDir Path cache) {
    Path folder = SharedData.yunet().getParent();
    ModelRepository repository =
        ModelRepository.builder().modelsDirectory(folder).cacheDirectory(cache).offline(true).build();

    assertEquals(folder.resolve(Models.YUNET.fileName()), repository.resolve("yunet"));
    assertEquals(folder.resolve(Models.SCRFD_2_5G.fileName()), repository.resolve(Models.SCRFD_2_5G));
    assertEquals(
        folder.resolve(Models.RETINAFACE_MNET025.fileName()),
        repository.resolve(Models.RETINAFACE_MNET025));
    assertFalse(Files.exists(cache.resolve(".verified")), "hashes are kept in memory, not written");
  }
}
