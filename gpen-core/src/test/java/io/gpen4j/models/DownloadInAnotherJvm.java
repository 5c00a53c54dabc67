package io.gpen4j.models;

import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Run in a second JVM by {@link ModelRepositoryConcurrencyTest}: resolves one test model into a
 * cache folder and prints the path. Arguments: cache folder, URL, sha256, size.
 */
final class DownloadInAnotherJvm {
  private DownloadInAnotherJvm() {}

  public static void main(String[] args) {
    Path cache = Paths.get(args[0]);
    URI uri = URI.create(args[1]);
    String sha = args[2];
    long size = Long.parseLong(args[3]);
    ModelSpec spec =
        new ModelSpec(
            "shared",
            "shared.onnx",
            "model downloaded by two JVMs",
            ModelRole.DETECTOR,
            DownloadFixtures.FREE,
            sha,
            OptionalLong.of(size),
            List.of(new DownloadLocation(uri, sha, OptionalLong.of(size))),
            64,
            Normalization.BGR_0_255,
            Optional.empty(),
            Optional.of(io.gpen4j.DetectorType.YUNET));
    Path file =
        ModelRepository.builder()
            .cacheDirectory(cache)
            .allowDownload(true)
            .readTimeout(Duration.ofSeconds(30))
            .build()
            .resolve(spec);
    System.out.println("RESOLVED " + file);
  }
}
