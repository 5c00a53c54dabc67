package io.gpen4j.examples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.testing.LongRun;
import io.gpen4j.testing.SharedData;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Long-run mode only: N clients upload photos to a demo server on 127.0.0.1 for a few minutes
 * (a bounded loop: it stops by the clock and by a request cap), then report throughput, p50/p99
 * latency and the process's RSS, and require zero failed requests and RSS flat after warm-up.
 *
 * <p>{@code -Dgpen4j.loadClients=8}, {@code -Dgpen4j.loadSeconds=180} scale it.
 */
final class WebDemoLoadLongRunTest {
  private static final int CLIENTS = Integer.getInteger("gpen4j.loadClients", 8);
  private static final int SECONDS = Integer.getInteger("gpen4j.loadSeconds", 180);
  private static final int MAX_REQUESTS = 20_000;
  /** RSS may grow this much after warm-up: allocator arenas settle, the heap may still expand a little. */
  private static final double RSS_GROWTH_ALLOWED = 1.25;

  static long rssBytes() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new IOException("no VmRSS in /proc/self/status");
  }

  @Test
  void load_manyClientsForMinutes_noFailuresAndFlatRss() throws Exception {
    Assumptions.assumeTrue(LongRun.enabled(), "long-run mode only (-D" + LongRun.PROPERTY + "=true)");
    Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/status")), "needs Linux /proc for RSS");
    List<byte[]> photos = List.of(Files.readAllBytes(SharedData.image("astronaut.png")),
        Files.readAllBytes(SharedData.image("grace_hopper.jpg")));
    try (FaceRestorer restorer = FaceRestorer.builder()
            .generator(SharedData.randomGpen256())
            .detector(DetectorType.YUNET, SharedData.yunet())
            .build();
        WebDemoServer server = WebDemoServer.start(restorer, new WebDemoServer.Settings(
            new InetSocketAddress("127.0.0.1", 0), 20L << 20, 2, CLIENTS))) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      long start = System.nanoTime();
      long end = start + SECONDS * 1_000_000_000L;
      long warmUpEnd = start + Math.min(60, SECONDS / 3) * 1_000_000_000L;
      ConcurrentLinkedQueue<Long> latenciesMicros = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      AtomicInteger sent = new AtomicInteger();
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        running.add(clients.submit(() -> {
          for (int i = 0; System.nanoTime() < end && sent.incrementAndGet() <= MAX_REQUESTS; i++) {
            long t0 = System.nanoTime();
            try {
              HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri().resolve(
                      "/api/restore?name=p" + client + "-" + i))
                  .timeout(Duration.ofSeconds(120))
                  .POST(HttpRequest.BodyPublishers.ofByteArray(photos.get((client + i) % photos.size())))
                  .build(), HttpResponse.BodyHandlers.ofString());
              if (r.statusCode() != 200) {
                failures.add(r.statusCode() + " " + r.body());
              }
            } catch (IOException e) {
              failures.add(e.toString());
            }
            latenciesMicros.add((System.nanoTime() - t0) / 1000);
          }
          return null;
        }));
      }
      List<Long> rssAfterWarmUp = new ArrayList<>();
      long rssAtWarmUp = -1;
      while (running.stream().anyMatch(f -> !f.isDone())) {
        Thread.sleep(2_000);
        if (System.nanoTime() >= warmUpEnd) {
          if (rssAtWarmUp < 0) {
            rssAtWarmUp = rssBytes();
          }
          rssAfterWarmUp.add(rssBytes());
        }
      }
      for (Future<?> f : running) {
        f.get();
      }
      clients.shutdown();
      double seconds = (System.nanoTime() - start) / 1e9;
      List<Long> sorted = new ArrayList<>(latenciesMicros);
      Collections.sort(sorted);
      long maxRss = rssAfterWarmUp.stream().mapToLong(Long::longValue).max().orElse(rssAtWarmUp);
      String report = String.format(Locale.ROOT,
          "web load: %d clients, %.0f s, %d requests, %.2f req/s, p50 %.0f ms, p99 %.0f ms, failed %d, "
              + "RSS after warm-up %.0f MB, max later %.0f MB",
          CLIENTS, seconds, sorted.size(), sorted.size() / seconds, percentile(sorted, 0.50) / 1e3,
          percentile(sorted, 0.99) / 1e3, failures.size(), rssAtWarmUp / 1e6, maxRss / 1e6);
      System.out.println(report);
      assertEquals(List.of(), List.copyOf(failures).subList(0, Math.min(5, failures.size())), report);
      assertTrue(maxRss <= rssAtWarmUp * RSS_GROWTH_ALLOWED, report);
    }
  }

  /**
   * Mixed clients, as a careful reliability test runs them (issue 23): good uploads (200), bad
   * uploads (a truncated JPEG, random bytes, an empty body: a 4xx with a message, never a 5xx or a
   * reset), clients that disconnect half-way through their upload, and a slow client that sends its
   * photo in small pieces. Zero unexpected answers, and RSS flat after warm-up.
   */
  @Test
  void load_mixedGoodBadSlowAndDisconnectingClients_noFailuresAndFlatRss() throws Exception {
    Assumptions.assumeTrue(LongRun.enabled(), "long-run mode only (-D" + LongRun.PROPERTY + "=true)");
    Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/status")), "needs Linux /proc for RSS");
    byte[] good = Files.readAllBytes(SharedData.image("astronaut.png"));
    byte[] truncated = Files.readAllBytes(SharedData.image("truncated.jpg"));
    byte[] noise = new byte[20_000];
    new java.util.Random(23).nextBytes(noise);
    int clients = Math.max(CLIENTS, 6);
    try (FaceRestorer restorer = FaceRestorer.builder()
            .generator(SharedData.randomGpen256())
            .detector(DetectorType.YUNET, SharedData.yunet())
            .build();
        WebDemoServer server = WebDemoServer.start(restorer, new WebDemoServer.Settings(
            new InetSocketAddress("127.0.0.1", 0), 20L << 20, 2, clients))) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      long start = System.nanoTime();
      long end = start + SECONDS * 1_000_000_000L;
      long warmUpEnd = start + Math.min(60, SECONDS / 3) * 1_000_000_000L;
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      java.util.Map<String, AtomicInteger> counts = new java.util.concurrent.ConcurrentHashMap<>();
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        String role = switch (c % 6) {
          case 0, 1 -> "good";
          case 2 -> "bad";
          case 3, 4 -> "disconnecting";
          default -> "slow";
        };
        running.add(pool.submit(() -> {
          for (int i = 0; System.nanoTime() < end; i++) {
            try {
              switch (role) {
                case "good" -> {
                  int code = post(http, server, good);
                  check(failures, role, code, code == 200);
                }
                case "bad" -> {
                  byte[] body = i % 3 == 0 ? truncated : i % 3 == 1 ? noise : new byte[0];
                  int code = post(http, server, body);
                  check(failures, role, code, code >= 400 && code < 500);
                }
                case "disconnecting" -> disconnectHalfway(server, good);
                default -> {
                  int code = postSlowly(server, good);
                  check(failures, role, code, code == 200);
                }
              }
              counts.computeIfAbsent(role, k -> new AtomicInteger()).incrementAndGet();
            } catch (IOException e) {
              failures.add(role + ": " + e);
            }
          }
          return null;
        }));
      }
      long rssAtWarmUp = -1;
      long maxRss = -1;
      while (running.stream().anyMatch(f -> !f.isDone())) {
        Thread.sleep(2_000);
        if (System.nanoTime() >= warmUpEnd) {
          long rss = rssBytes();
          rssAtWarmUp = rssAtWarmUp < 0 ? rss : rssAtWarmUp;
          maxRss = Math.max(maxRss, rss);
        }
      }
      for (Future<?> f : running) {
        f.get();
      }
      pool.shutdown();
      String report = String.format(Locale.ROOT, "web mixed load: %d clients, %.0f s, requests %s, failed %d, "
          + "RSS after warm-up %.0f MB, max later %.0f MB", clients, (System.nanoTime() - start) / 1e9, counts,
          failures.size(), rssAtWarmUp / 1e6, maxRss / 1e6);
      System.out.println(report);
      assertEquals(List.of(), List.copyOf(failures).subList(0, Math.min(5, failures.size())), report);
      assertTrue(maxRss <= rssAtWarmUp * RSS_GROWTH_ALLOWED, report);
    }
  }

  private static int post(HttpClient http, WebDemoServer server, byte[] body) throws IOException {
    try {
      return http.send(HttpRequest.newBuilder(server.uri().resolve("/api/restore?name=p.png"))
          .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static void check(ConcurrentLinkedQueue<String> failures, String role, int code, boolean expected) {
    if (!expected) {
      failures.add(role + ": HTTP " + code);
    }
  }

  private static java.net.Socket open(WebDemoServer server, int length) throws IOException {
    java.net.Socket s = new java.net.Socket(server.uri().getHost(), server.uri().getPort());
    s.setSoTimeout(120_000);
    s.getOutputStream().write(("POST /api/restore?name=p.png HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Content-Type: application/octet-stream\r\nContent-Length: " + length + "\r\n\r\n")
        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    return s;
  }

  /** Sends half the photo, then closes the connection. */
  private static void disconnectHalfway(WebDemoServer server, byte[] photo) throws IOException {
    try (java.net.Socket s = open(server, photo.length)) {
      s.getOutputStream().write(photo, 0, photo.length / 2);
      s.getOutputStream().flush();
    }
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Sends the photo in 8 KB pieces 20 ms apart, then reads the status line. */
  private static int postSlowly(WebDemoServer server, byte[] photo) throws IOException {
    try (java.net.Socket s = open(server, photo.length)) {
      for (int off = 0; off < photo.length; off += 8192) {
        s.getOutputStream().write(photo, off, Math.min(8192, photo.length - off));
        s.getOutputStream().flush();
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
      String status = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
          java.nio.charset.StandardCharsets.US_ASCII)).readLine();
      return status == null ? -1 : Integer.parseInt(status.split(" ")[1]);
    }
  }

  private static double percentile(List<Long> sorted, double q) {
    return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1));
  }
}
