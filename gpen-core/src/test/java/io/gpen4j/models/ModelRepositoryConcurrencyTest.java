package io.gpen4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gpen4j.testing.ModelDownloadSite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two threads, then two JVMs, download the same model into the same cache at the same time. The
 * server holds the first body back until the second downloader has started, so without the file
 * lock both would fetch it. Expect one request, one correct file, no leftovers.
 */
final class ModelRepositoryConcurrencyTest {
  private static final int SIZE = 400_000;

  @TempDir Path temp;
  @RegisterExtension final ModelDownloadSite site = new ModelDownloadSite(() -> temp, 11, SIZE);

  private ModelRepository repository() {
    return ModelRepository.builder()
        .cacheDirectory(site.cache())
        .allowDownload(true)
        .readTimeout(Duration.ofSeconds(30))
        .build();
  }

  @Test
  void resolve_twoThreadsSameModel_downloadOnceAndShareFile() throws Exception {
    ModelSpec spec =
        DownloadFixtures.spec(
            "shared", site.bytes(), DownloadFixtures.FREE, site.server().serve("shared", site.bytes()));
    CountDownLatch release = new CountDownLatch(1);
    site.server().holdBodiesUntil(release);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      ModelRepository repository = repository();
      Future<Path> first = pool.submit(() -> repository.resolve(spec));
      awaitRequests(1);
      // A second, independent repository: the lock is per file, not per instance.
      Future<Path> second = pool.submit(() -> repository().resolve(spec));
      Thread.sleep(300); // lets a lock-less second thread reach the server, so the test can fail
      release.countDown();

      Path a = first.get(60, TimeUnit.SECONDS);
      Path b = second.get(60, TimeUnit.SECONDS);

      assertEquals(a, b);
      assertArrayEquals(site.bytes(), Files.readAllBytes(a));
      assertEquals(1, site.server().requestsFor("shared"));
      assertEquals(List.of(), DownloadFixtures.leftovers(site.cache(), "shared.onnx"));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void resolve_twoJvmsSameModel_downloadOnceAndShareFile() throws Exception {
    ModelSpec spec =
        DownloadFixtures.spec(
            "shared", site.bytes(), DownloadFixtures.FREE, site.server().serve("shared", site.bytes()));
    CountDownLatch release = new CountDownLatch(1);
    site.server().holdBodiesUntil(release);
    Path log = temp.resolve("child.log");
    Process child =
        new ProcessBuilder(
                javaBinary(),
                "-cp",
                System.getProperty("java.class.path"),
                DownloadInAnotherJvm.class.getName(),
                site.cache().toString(),
                site.server().uri("shared").toString(),
                spec.sha256(),
                String.valueOf(SIZE))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      awaitRequests(1);
      Future<Path> mine = pool.submit(() -> repository().resolve(spec));
      Thread.sleep(300); // lets a lock-less resolve reach the server, so the test can fail
      release.countDown();

      Path file = mine.get(60, TimeUnit.SECONDS);
      if (!child.waitFor(60, TimeUnit.SECONDS)) {
        fail("second JVM did not finish: " + Files.readString(log, StandardCharsets.UTF_8));
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);

      assertEquals(0, child.exitValue(), output);
      assertTrue(output.contains("RESOLVED " + file), output);
      assertArrayEquals(site.bytes(), Files.readAllBytes(file));
      assertEquals(1, site.server().requestsFor("shared"), output);
      assertEquals(List.of(), DownloadFixtures.leftovers(site.cache(), "shared.onnx"));
      assertEquals(List.of(), temporaryFiles(site.cache()));
    } finally {
      pool.shutdownNow();
      child.destroyForcibly();
    }
  }

  private void awaitRequests(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (site.server().requests().size() < count) {
      if (System.nanoTime() > deadline) {
        fail("the server saw no request within 60 s");
      }
      Thread.sleep(20);
    }
  }

  private static String javaBinary() {
    return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static List<Path> temporaryFiles(Path root) throws IOException {
    List<Path> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      files
          .filter(p -> p.toString().endsWith(".part") || p.toString().endsWith(".tmp"))
          .forEach(found::add);
    }
    return found;
  }
}
