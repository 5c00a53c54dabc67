package io.gpen4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.ModelException;
import io.gpen4j.internal.store.Sha256;
import io.gpen4j.testing.ModelDownloadSite;
import io.gpen4j.testing.TestModelServer;
import io.gpen4j.testing.TestModelServer.Behavior;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

final class ModelRepositoryDownloadTest {
  private static final int SIZE = 300_000;

  @TempDir Path temp;
  @RegisterExtension final ModelDownloadSite site = new ModelDownloadSite(() -> temp, 42, SIZE);

  private ModelRepository.Builder repository() {
    return ModelRepository.builder()
        .cacheDirectory(site.cache())
        .lookups(k -> null, k -> null)
        .allowDownload(true)
        .readTimeout(Duration.ofSeconds(5))
        .retryDelay(Duration.ZERO);
  }

  private ModelSpec model(String name, URI... uris) {
    return DownloadFixtures.spec(name, site.bytes(), DownloadFixtures.FREE, uris);
  }

  @Test
  void resolve_download_verifiesPlacesAndReportsProgress() throws IOException {
    ModelSpec spec = model("m", site.server().serve("m", site.bytes()));
    List<String> events = new CopyOnWriteArrayList<>();
    AtomicLong lastProgress = new AtomicLong();
    DownloadListener listener =
        new DownloadListener() {
          @Override
          public void started(ModelSpec model, URI uri, long resumedFrom, long totalBytes) {
            events.add("started " + resumedFrom + "/" + totalBytes);
          }

          @Override
          public void progressed(ModelSpec model, long bytesSoFar, long totalBytes) {
            lastProgress.set(bytesSoFar);
          }

          @Override
          public void finished(ModelSpec model, Path file) {
            events.add("finished " + file.getFileName());
          }
        };

    Path file = repository().downloadListener(listener).build().resolve(spec);

    assertEquals(site.cache().resolve("m.onnx"), file);
    assertArrayEquals(site.bytes(), Files.readAllBytes(file));
    assertEquals(List.of("started 0/" + SIZE, "finished m.onnx"), events);
    assertEquals(SIZE, lastProgress.get());
    assertEquals(List.of(), DownloadFixtures.leftovers(site.cache(), "m.onnx"));
  }

  @Test
  void resolve_secondCall_isCacheHitWithoutRequest() {
    ModelSpec spec = model("m", site.server().serve("m", site.bytes()));
    Path first = repository().build().resolve(spec);
    Path second = repository().build().resolve(spec);
    assertEquals(first, second);
    assertEquals(1, site.server().requestsFor("m"));
  }

  @Test
  void resolve_corruptedPayload_rejectedWithBothHashesAndNoFileLeft() throws IOException {
    ModelSpec spec = model("m", site.server().serve("m", site.bytes()));
    site.server().always("m", Behavior.CORRUPT);
    byte[] corrupted = site.bytes().clone();
    corrupted[corrupted.length / 2] ^= 0x5A;

    ModelDownloadException e =
        assertThrows(ModelDownloadException.class, () -> repository().build().resolve(spec));

    String message = e.getMessage();
    assertTrue(message.contains(spec.sha256()), message);
    assertTrue(message.contains(Sha256.of(corrupted)), message);
    assertTrue(message.contains(site.server().uri("m").toString()), message);
    assertTrue(message.contains("model m"), message);
    assertEquals(1, site.server().requestsFor("m"), "a fresh download with a wrong hash is not retried");
    assertEquals(List.of(), DownloadFixtures.leftovers(site.cache(), "none"));
  }

  @Test
  void resolve_corruptedFirstLocation_usesNextLocation() throws IOException {
    site.server().serve("a", site.bytes());
    site.server().always("a", Behavior.CORRUPT);
    ModelSpec spec = model("m", site.server().uri("a"), site.server().serve("b", site.bytes()));

    Path file = repository().build().resolve(spec);

    assertArrayEquals(site.bytes(), Files.readAllBytes(file));
    assertEquals(1, site.server().requestsFor("a"));
    assertEquals(1, site.server().requestsFor("b"));
    assertEquals(List.of(), DownloadFixtures.leftovers(site.cache(), "m.onnx"));
  }

  @Test
  void resolve_http404_failsWithStatusUrlAndModel() {
    ModelSpec spec = model("m", site.server().uri("missing"));

    ModelDownloadException e =
        assertThrows(ModelDownloadException.class, () -> repository().build().resolve(spec));

    assertTrue(e.getMessage().contains("HTTP 404 Not Found"), e.getMessage());
    assertTrue(e.getMessage().contains(site.server().uri("missing").toString()), e.getMessage());
    assertTrue(e.getMessage().contains("model m"), e.getMessage());
    assertEquals(1, site.server().requestsFor("missing"), "404 is not retried");
    assertFalse(Files.exists(site.cache().resolve("m.onnx")));
  }

  @Test
  void resolve_http500_retriedThenFailsWithStatus() throws IOException {
    ModelSpec spec = model("m", site.server().serve("m", site.bytes()));
    site.server().always("m", Behavior.SERVER_ERROR);

    ModelDownloadException e =
        assertThrows(
            ModelDownloadException.class, () -> repository().maxAttempts(2).build().resolve(spec));

    assertTrue(e.getMessage().contains("HTTP 500 Internal Server Error"), e.getMessage());
    assertEquals(2, site.server().requestsFor("m"));
    assertEquals(List.of(), DownloadFixtures.leftovers(site.cache(), "none"));
  }

  @Test
  void resolve_http500Once_succeedsOnRetry() throws IOException {
    ModelSpec spec = model("m", site.server().serve("m", site.bytes()));
    site.server().script("m", Behavior.SERVER_ERROR);

    Path file = repository().build().resolve(spec);

    assertArrayEquals(site.bytes(), Files.readAllBytes(file));
    assertEquals(2, site.server().requestsFor("m"));
  }

  @Test
  void resolve_connectionDroppedMidway_resumesWithRange() throws IOException {
    ModelSpec spec = model("m", site.server().serve("m", site.bytes()));
    site.server().script("m", Behavior.DROP_MIDWAY);
    List<Long> starts = new CopyOnWriteArrayList<>();
    DownloadListener listener =
        new DownloadListener() {
          @Override
          public void started(ModelSpec model, URI uri, long resumedFrom, long totalBytes) {
            starts.add(resumedFrom);
          }
        };

    Path file = repository().downloadListener(listener).build().resolve(spec);

    assertArrayEquals(site.bytes(), Files.readAllBytes(file));
    List<TestModelServer.Request> requests = site.server().requests();
    assertEquals(2, requests.size());
    assertNull(requests.get(0).range());
    assertEquals("bytes=" + SIZE / 2 + "-", requests.get(1).range());
    assertEquals(List.of(0L, (long) SIZE / 2), starts);
    assertEquals(List.of(), DownloadFixtures.leftovers(site.cache(), "m.onnx"));
  }

  @Test
  void resolve_connectionDroppedAndNoRangeSupport_restartsFromZero() throws IOException {
    ModelSpec spec = model("m", site.server().serve("m", site.bytes()));
    site.server().script("m", Behavior.DROP_MIDWAY);
    site.server().rangeSupported(false);

    Path file = repository().build().resolve(spec);

    assertArrayEquals(site.bytes(), Files.readAllBytes(file));
    assertEquals(2, site.server().requestsFor("m"));
    assertEquals(List.of(), DownloadFixtures.leftovers(site.cache(), "m.onnx"));
  }

  @Test
  void resolve_afterFailedCallLeftPartFile_laterCallResumes() throws IOException {
    ModelSpec spec = model("m", site.server().serve("m", site.bytes()));
    site.server().script("m", Behavior.DROP_MIDWAY);

    ModelDownloadException e =
        assertThrows(
            ModelDownloadException.class, () -> repository().maxAttempts(1).build().resolve(spec));
    assertTrue(e.getMessage().contains("connection"), e.getMessage());
    assertFalse(Files.exists(site.cache().resolve("m.onnx")), "no file at the final path after a failure");

    Path file = repository().build().resolve(spec);

    assertArrayEquals(site.bytes(), Files.readAllBytes(file));
    assertEquals("bytes=" + SIZE / 2 + "-", site.server().requests().get(1).range());
    assertEquals(List.of(), DownloadFixtures.leftovers(site.cache(), "m.onnx"));
  }

  @Test
  void resolve_partFileWithWrongBytes_restartsFromZeroAfterMismatch() throws IOException {
    ModelSpec spec = model("m", site.server().serve("m", site.bytes()));
    Files.createDirectories(site.cache());
    Path part = site.cache().resolve("m.onnx." + spec.sha256().substring(0, 12) + ".part");
    Files.write(part, ModelDownloadSite.payload(7, 1000));

    Path file = repository().build().resolve(spec);

    assertArrayEquals(site.bytes(), Files.readAllBytes(file));
    List<TestModelServer.Request> requests = site.server().requests();
    assertEquals(2, requests.size());
    assertEquals("bytes=1000-", requests.get(0).range());
    assertNull(requests.get(1).range());
    assertEquals(List.of(), DownloadFixtures.leftovers(site.cache(), "m.onnx"));
  }

  @Test
  void resolve_stalledTransfer_abandonedAfterReadTimeoutAndResumed() throws IOException {
    ModelSpec spec = model("m", site.server().serve("m", site.bytes()));
    site.server().script("m", Behavior.STALL_MIDWAY);
    List<String> failures = new CopyOnWriteArrayList<>();
    DownloadListener listener =
        new DownloadListener() {
          @Override
          public void attemptFailed(ModelSpec model, URI uri, String reason) {
            failures.add(reason);
          }
        };

    Path file =
        repository()
            .readTimeout(Duration.ofMillis(300))
            .downloadListener(listener)
            .build()
            .resolve(spec);

    assertArrayEquals(site.bytes(), Files.readAllBytes(file));
    assertEquals(1, failures.size());
    assertTrue(failures.get(0).contains("no data for 300 ms"), failures.get(0));
    assertEquals("bytes=" + SIZE / 2 + "-", site.server().requests().get(1).range());
  }

  @Test
  void resolve_slowButSteadyTransfer_longerThanReadTimeout_succeeds() throws IOException {
    ModelSpec spec = model("m", site.server().serve("m", site.bytes()));
    site.server().chunkDelayMillis(40); // 19 chunks: about 0.75 s in all, each gap well under the timeout

    Path file = repository().readTimeout(Duration.ofMillis(400)).build().resolve(spec);

    assertArrayEquals(site.bytes(), Files.readAllBytes(file));
    assertEquals(1, site.server().requestsFor("m"));
  }

  @Test
  void resolve_serverSendsMoreThanExpected_rejected() throws IOException {
    ModelSpec spec = model("m", site.server().serve("m", site.bytes()));
    site.server().always("m", Behavior.TOO_LONG);

    ModelDownloadException e =
        assertThrows(ModelDownloadException.class, () -> repository().build().resolve(spec));

    assertTrue(e.getMessage().contains("more than the expected " + SIZE + " bytes"), e.getMessage());
    assertEquals(List.of(), DownloadFixtures.leftovers(site.cache(), "none"));
  }

  @Test
  void resolve_mirror_isTriedBeforeModelLocations() throws IOException {
    site.server().serve("m.onnx", site.bytes());
    ModelSpec spec = model("m", site.server().uri("never"));

    Path file = repository().mirror(site.server().base()).build().resolve(spec);

    assertArrayEquals(site.bytes(), Files.readAllBytes(file));
    assertEquals(1, site.server().requestsFor("m.onnx"));
    assertEquals(0, site.server().requestsFor("never"));
  }

  @Test
  void resolve_corruptCachedFile_isDownloadedAgain() throws IOException {
    ModelSpec spec = model("m", site.server().serve("m", site.bytes()));
    Files.createDirectories(site.cache());
    Files.write(site.cache().resolve("m.onnx"), ModelDownloadSite.payload(9, SIZE));

    Path file = repository().build().resolve(spec);

    assertArrayEquals(site.bytes(), Files.readAllBytes(file));
    assertEquals(1, site.server().requestsFor("m"));
  }

  @Test
  void resolve_cachedFileChangedAfterVerification_isHashedAgain() throws IOException {
    ModelSpec spec = model("m", site.server().serve("m", site.bytes()));
    Path file = repository().build().resolve(spec);
    byte[] damaged = site.bytes().clone();
    damaged[10] ^= 1;
    Files.write(file, damaged);
    Files.setLastModifiedTime(
        file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));

    Path again = repository().build().resolve(spec);

    assertArrayEquals(site.bytes(), Files.readAllBytes(again));
    assertEquals(2, site.server().requestsFor("m"));
  }

  @Test
  void resolve_cachedFileCorruptedInPlaceWithTimestampKept_isSeenAndNamedCorrupted() throws IOException {
    ModelSpec spec = model("m", site.server().serve("m", site.bytes()));
    Path file = repository().build().resolve(spec);
    java.nio.file.attribute.FileTime modified = Files.getLastModifiedTime(file);
    try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(100);
      raf.writeInt(~java.nio.ByteBuffer.wrap(site.bytes(), 100, 4).getInt());
    }
    Files.setLastModifiedTime(file, modified);
    String found = Sha256.of(file);

    ModelException e = assertThrows(ModelException.class, () -> repository().allowDownload(false).build().resolve(spec));
    assertTrue(e.getMessage().contains("corrupted: expected sha256 " + spec.sha256() + ", found " + found),
        e.getMessage());
    assertTrue(e.getMessage().contains("delete it"), e.getMessage());
    assertEquals(Optional.of(found), repository().build().cachedFileSha256(spec));

    Path again = repository().build().resolve(spec);
    assertArrayEquals(site.bytes(), Files.readAllBytes(again), "downloaded again when downloads are allowed");
    assertEquals(2, site.server().requestsFor("m"));
  }
}
