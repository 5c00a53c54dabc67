package io.gpen4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gpen4j.AlignmentTemplate;
import io.gpen4j.DetectorType;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class ModelSpecTest {
  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);

  private static ModelSpec restorer(String fileName, String sha, List<DownloadLocation> locations) {
    return new ModelSpec(
        "r",
        fileName,
        "restorer",
        ModelRole.RESTORER,
        DownloadFixtures.FREE,
        sha,
        OptionalLong.empty(),
        locations,
        512,
        Normalization.RGB_MINUS_ONE_TO_ONE,
        Optional.of(AlignmentTemplate.GPEN),
        Optional.empty());
  }

  @Test
  void acceptedSha256_listsReferenceThenLocationHashes() {
    List<DownloadLocation> locations =
        List.of(
            new DownloadLocation(URI.create("https://a.example/r.onnx"), A, OptionalLong.empty()),
            new DownloadLocation(URI.create("https://b.example/r.onnx"), B, OptionalLong.of(10)));
    ModelSpec spec = restorer("r.onnx", A.toUpperCase(), locations);

    assertEquals(A, spec.sha256());
    assertEquals(List.of(A, B), List.copyOf(spec.acceptedSha256()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "..", "a/b.onnx", "a\\b.onnx", "."})
  void constructor_rejectsFileNamesThatAreNotPlain(String fileName) {
    assertThrows(IllegalArgumentException.class, () -> restorer(fileName, A, List.of()));
  }

  @Test
  void constructor_rejectsBadHashAndRoleMismatch() {
    assertThrows(IllegalArgumentException.class, () -> restorer("r.onnx", "abc", List.of()));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ModelSpec(
                "d",
                "d.onnx",
                "detector without a family",
                ModelRole.DETECTOR,
                DownloadFixtures.FREE,
                A,
                OptionalLong.empty(),
                List.of(),
                640,
                Normalization.BGR_0_255,
                Optional.empty(),
                Optional.empty()));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new ModelSpec(
                "r",
                "r.onnx",
                "restorer with a detector family",
                ModelRole.RESTORER,
                DownloadFixtures.FREE,
                A,
                OptionalLong.empty(),
                List.of(),
                512,
                Normalization.RGB_MINUS_ONE_TO_ONE,
                Optional.of(AlignmentTemplate.GPEN),
                Optional.of(DetectorType.YUNET)));
  }

  @Test
  void locations_areCopied() {
    List<DownloadLocation> locations =
        new java.util.ArrayList<>(
            List.of(new DownloadLocation(URI.create("https://a.example/r"), A, OptionalLong.empty())));
    ModelSpec spec = restorer("r.onnx", A, locations);
    locations.clear();
    assertEquals(1, spec.locations().size());
    assertEquals(Set.of(A), spec.acceptedSha256());
  }

  @Test
  void downloadLocation_rejectsNonHttpAndBadSize() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new DownloadLocation(URI.create("file:/tmp/x"), A, OptionalLong.empty()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new DownloadLocation(URI.create("https://a.example/x"), A, OptionalLong.of(0)));
  }

  private static ModelSpec matter(ModelRole role, Normalization normalization, Optional<MattingFamily> family) {
    return new ModelSpec("m", "m.onnx", "matter", role, DownloadFixtures.FREE, A, OptionalLong.empty(), List.of(),
        512, normalization, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        java.util.OptionalInt.empty(), family);
  }

  @Test
  void constructor_portraitMatterNeedsItsFamilyAndTheFamilysNormalization() {
    assertEquals(Optional.of(MattingFamily.MODNET), matter(ModelRole.PORTRAIT_MATTER,
        Normalization.RGB_MINUS_ONE_TO_ONE, Optional.of(MattingFamily.MODNET)).mattingFamily());
    assertThrows(IllegalArgumentException.class,
        () -> matter(ModelRole.PORTRAIT_MATTER, Normalization.RGB_MINUS_ONE_TO_ONE, Optional.empty()));
    assertThrows(IllegalArgumentException.class,
        () -> matter(ModelRole.PORTRAIT_MATTER, Normalization.RGB_IMAGENET, Optional.of(MattingFamily.MODNET)));
    assertThrows(IllegalArgumentException.class,
        () -> matter(ModelRole.DETECTOR, Normalization.RGB_MINUS_ONE_TO_ONE, Optional.of(MattingFamily.MODNET)));
  }
}
