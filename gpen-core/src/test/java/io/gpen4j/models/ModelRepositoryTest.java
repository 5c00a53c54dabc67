package io.gpen4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.ModelException;
import io.gpen4j.internal.store.Sha256;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.testing.ModelDownloadSite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

final class ModelRepositoryTest {
  @TempDir Path temp;
  @RegisterExtension final ModelDownloadSite site = new ModelDownloadSite(() -> temp, 5, 100_000);

  private ModelRepository.Builder repository() {
    return ModelRepository.builder()
        .cacheDirectory(site.cache())
        .lookups(k -> null, k -> null)
        .retryDelay(Duration.ZERO);
  }

  @Test
  void resolve_restrictedLicenceNotAccepted_neverDownloads() {
    ModelSpec spec =
        DownloadFixtures.spec(
            "nc", site.bytes(), DownloadFixtures.RESTRICTED, site.server().serve("nc", site.bytes()));

    LicenseNotAcceptedException e =
        assertThrows(
            LicenseNotAcceptedException.class,
            () -> repository().allowDownload(true).acceptLicense("other").build().resolve(spec));

    String message = e.getMessage();
    assertTrue(message.contains("model nc"), message);
    assertTrue(message.contains("Test licence: non-commercial use only"), message);
    assertTrue(message.contains("https://example.org/non-commercial"), message);
    assertTrue(message.contains("acceptLicense(\"test-non-commercial\")"), message);
    assertEquals(DownloadFixtures.RESTRICTED, e.license());
    assertEquals(List.of(), site.server().requests());
    assertFalse(Files.exists(site.cache().resolve("nc.onnx")));
  }

  @Test
  void resolve_restrictedLicenceAccepted_downloads() throws IOException {
    ModelSpec spec =
        DownloadFixtures.spec(
            "nc", site.bytes(), DownloadFixtures.RESTRICTED, site.server().serve("nc", site.bytes()));

    Path file =
        repository()
            .allowDownload(true)
            .acceptLicenses(List.of("test-non-commercial"))
            .build()
            .resolve(spec);

    assertArrayEquals(site.bytes(), Files.readAllBytes(file));
  }

  @Test
  void resolve_restrictedModelAlreadyLocal_needsNoAcceptance() throws IOException {
    ModelSpec spec =
        DownloadFixtures.spec(
            "nc", site.bytes(), DownloadFixtures.RESTRICTED, site.server().serve("nc", site.bytes()));
    Path models = Files.createDirectories(temp.resolve("models"));
    Files.write(models.resolve("nc.onnx"), site.bytes());

    Path file = repository().modelsDirectory(models).build().resolve(spec);

    assertEquals(models.resolve("nc.onnx"), file);
    assertEquals(List.of(), site.server().requests());
  }

  @Test
  void resolve_offlineMissingModel_namesModelPathAndHashWithoutNetwork() {
    ModelSpec spec =
        DownloadFixtures.spec(
            "m", site.bytes(), DownloadFixtures.FREE, site.server().serve("m", site.bytes()));
    Path models = temp.resolve("models");

    ModelException e =
        assertThrows(
            ModelException.class,
            () ->
                repository()
                    .allowDownload(true)
                    .offline(true)
                    .modelsDirectory(models)
                    .build()
                    .resolve(spec));

    String message = e.getMessage();
    assertTrue(message.contains("model m "), message);
    assertTrue(message.contains("offline"), message);
    assertTrue(message.contains(site.cache().resolve("m.onnx").toString()), message);
    assertTrue(message.contains(models.resolve("m.onnx").toString()), message);
    assertTrue(message.contains(spec.sha256()), message);
    assertTrue(message.contains("100000 bytes"), message);
    assertTrue(message.contains(site.server().uri("m").toString()), message);
    assertEquals(List.of(), site.server().requests());
  }

  @Test
  void resolve_downloadsOff_explainsHowToAllowThem() {
    ModelSpec spec =
        DownloadFixtures.spec(
            "m", site.bytes(), DownloadFixtures.FREE, site.server().serve("m", site.bytes()));

    ModelException e = assertThrows(ModelException.class, () -> repository().build().resolve(spec));

    assertTrue(e.getMessage().contains("allowDownload(true)"), e.getMessage());
    assertTrue(e.getMessage().contains(site.cache().resolve("m.onnx").toString()), e.getMessage());
    assertEquals(List.of(), site.server().requests());
  }

  @Test
  void resolve_offlineWithCorruptCachedFile_namesBothHashes() throws IOException {
    ModelSpec spec =
        DownloadFixtures.spec(
            "m", site.bytes(), DownloadFixtures.FREE, site.server().serve("m", site.bytes()));
    Files.createDirectories(site.cache());
    byte[] other = ModelDownloadSite.payload(6, 100_000);
    Files.write(site.cache().resolve("m.onnx"), other);

    ModelException e =
        assertThrows(ModelException.class, () -> repository().offline(true).build().resolve(spec));

    assertTrue(e.getMessage().contains(Sha256.of(other)), e.getMessage());
    assertTrue(e.getMessage().contains(spec.sha256()), e.getMessage());
    assertEquals(List.of(), site.server().requests());
  }

  @Test
  void resolve_modelsDirectoryWithWrongFile_failsAndKeepsIt() throws IOException {
    ModelSpec spec =
        DownloadFixtures.spec(
            "m", site.bytes(), DownloadFixtures.FREE, site.server().serve("m", site.bytes()));
    Path models = Files.createDirectories(temp.resolve("models"));
    byte[] other = ModelDownloadSite.payload(8, 5_000);
    Files.write(models.resolve("m.onnx"), other);

    ModelException e =
        assertThrows(
            ModelException.class,
            () -> repository().allowDownload(true).modelsDirectory(models).build().resolve(spec));

    assertTrue(e.getMessage().contains(Sha256.of(other)), e.getMessage());
    assertTrue(e.getMessage().contains(spec.sha256()), e.getMessage());
    assertTrue(Files.exists(models.resolve("m.onnx")), "the user's file is never deleted");
    assertEquals(List.of(), site.server().requests());
  }

  @Test
  void resolve_modelsDirectoryFromEnvironment_isUsed() throws IOException {
    ModelSpec spec = DownloadFixtures.spec("m", site.bytes(), DownloadFixtures.FREE);
    Path models = Files.createDirectories(temp.resolve("env-models"));
    Files.write(models.resolve("m.onnx"), site.bytes());
    ModelRepository repository =
        ModelRepository.builder()
            .cacheDirectory(site.cache())
            .lookups(Map.of("GPEN_MODELS_DIR", models.toString())::get, k -> null)
            .build();

    assertEquals(Optional.of(models), repository.modelsDirectory());
    assertEquals(models.resolve("m.onnx"), repository.resolve(spec));
  }

  @Test
  void resolve_explicitFile_winsOverFolders() throws IOException {
    ModelSpec spec = DownloadFixtures.spec("m", site.bytes(), DownloadFixtures.FREE);
    Path file = temp.resolve("anywhere.bin");
    Files.write(file, site.bytes());
    Files.createDirectories(site.cache());
    Files.write(site.cache().resolve("m.onnx"), site.bytes());

    ModelRepository repository = repository().modelFile(spec, file).build();

    assertEquals(file, repository.resolve(spec));
    assertEquals(new ModelSource(file, "m"), repository.source(spec));
  }

  @Test
  void resolve_explicitFileMissing_namesIt() {
    ModelSpec spec = DownloadFixtures.spec("m", site.bytes(), DownloadFixtures.FREE);
    Path file = temp.resolve("missing.onnx");

    ModelException e =
        assertThrows(
            ModelException.class, () -> repository().modelFile(spec, file).build().resolve(spec));

    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void resolve_noDownloadLocation_saysToPlaceByHand() {
    ModelSpec spec = DownloadFixtures.spec("m", site.bytes(), DownloadFixtures.FREE);

    ModelException e =
        assertThrows(
            ModelException.class, () -> repository().allowDownload(true).build().resolve(spec));

    assertTrue(e.getMessage().contains("no download location"), e.getMessage());
    assertTrue(e.getMessage().contains(site.cache().resolve("m.onnx").toString()), e.getMessage());
  }

  @Test
  void resolveByName_unknown_listsKnownNames() {
    ModelException e =
        assertThrows(ModelException.class, () -> repository().build().resolve("GPEN-BFR-9999"));

    assertTrue(e.getMessage().contains("GPEN-BFR-9999"), e.getMessage());
    assertTrue(e.getMessage().contains("GPEN-BFR-512"), e.getMessage());
    assertTrue(e.getMessage().contains("YuNet"), e.getMessage());
  }

  @Test
  void findLocal_neverTouchesNetwork() throws IOException {
    ModelSpec spec =
        DownloadFixtures.spec(
            "m", site.bytes(), DownloadFixtures.FREE, site.server().serve("m", site.bytes()));
    ModelRepository repository = repository().allowDownload(true).build();

    assertEquals(Optional.empty(), repository.findLocal(spec));
    Files.createDirectories(site.cache());
    Files.write(site.cache().resolve("m.onnx"), site.bytes());
    assertEquals(Optional.of(site.cache().resolve("m.onnx")), repository.findLocal(spec));
    assertEquals(List.of(), site.server().requests());
  }

  @Test
  void builder_rejectsBadValues() {
    ModelRepository.Builder b = ModelRepository.builder();
    assertThrows(IllegalArgumentException.class, () -> b.maxAttempts(0));
    assertThrows(IllegalArgumentException.class, () -> b.readTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> b.connectTimeout(Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> b.acceptLicense(" "));
    assertThrows(IllegalArgumentException.class, () -> b.mirror(java.net.URI.create("file:/tmp/")));
    assertThrows(NullPointerException.class, () -> b.cacheDirectory(null));
  }
}
