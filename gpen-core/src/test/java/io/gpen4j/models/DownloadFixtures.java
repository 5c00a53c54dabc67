package io.gpen4j.models;

import io.gpen4j.DetectorType;
import io.gpen4j.internal.store.Sha256;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Fixtures for the download tests: licences, and specs that point at a
 * {@link io.gpen4j.testing.TestModelServer}.
 */
final class DownloadFixtures {
  static final ModelLicense FREE =
      new ModelLicense("test-free", "Test licence, free for any use", URI.create("https://example.org/free"), false);
  static final ModelLicense RESTRICTED =
      new ModelLicense(
          "test-non-commercial",
          "Test licence: non-commercial use only",
          URI.create("https://example.org/non-commercial"),
          true);

  private DownloadFixtures() {}

  static ModelSpec spec(String name, byte[] bytes, ModelLicense license, URI... uris) {
    String sha = Sha256.of(bytes);
    List<DownloadLocation> locations = new ArrayList<>();
    for (URI uri : uris) {
      locations.add(new DownloadLocation(uri, sha, OptionalLong.of(bytes.length)));
    }
    return new ModelSpec(
        name,
        name + ".onnx",
        "test model " + name,
        ModelRole.DETECTOR,
        license,
        sha,
        OptionalLong.of(bytes.length),
        locations,
        64,
        Normalization.BGR_0_255,
        Optional.empty(),
        Optional.of(DetectorType.YUNET));
  }

  /** Lists the names in a folder that are neither the given file nor bookkeeping folders. */
  static List<String> leftovers(Path directory, String keep) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.equals(keep) && !n.equals(".locks") && !n.equals(".verified"))
          .sorted()
          .toList();
    }
  }
}
