package io.gpen4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.testing.LongRun;
import io.gpen4j.testing.SharedData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SIGTERM while generator runs are in flight, for a batch and for the web demo, each in a child
 * JVM: the process exits with 143 (128 + SIGTERM), never 134 (SIGSEGV in ONNX Runtime, whose own
 * shutdown hook used to free its environment under {@code OrtSession.run}), and leaves no
 * {@code hs_err_pid*.log}. 3 trials each here, 20 in long-run mode ({@code -Dgpen4j.longRun=true}).
 */
final class OrderlyShutdownTest {
  private static final int SIGTERM_EXIT = 143;
  private static final int PHOTOS = 12;

  @TempDir Path temp;

  static Stream<Integer> trials() {
    return IntStream.rangeClosed(1, LongRun.cases(3, 20)).boxed();
  }

  private static List<String> models() {
    return List.of("--model", SharedData.randomGpen256().toString(), "--detector", SharedData.yunet().toString());
  }

  @ParameterizedTest(name = "trial {0}")
  @MethodSource("trials")
  void sigterm_duringBatchRuns_exitsInOrderWithoutCrash(int trial) throws Exception {
    Path album = Files.createDirectories(temp.resolve("album"));
    for (int i = 0; i < PHOTOS; i++) {
      Files.copy(SharedData.image("astronaut.png"), album.resolve(String.format("p%02d.png", i)));
    }
    Path out = temp.resolve("out");
    List<String> args = new ArrayList<>(List.of("restore", album.toString(), "-o", out.toString(),
        "--progress", "none", "--jobs", "3"));
    args.addAll(models());
    ChildGpen4j child = ChildGpen4j.start(temp.resolve("child"), args);

    // Once one photo is written the three workers are in their generator and detector runs.
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (outputs(out) < 1 && child.process().isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(child.process().isAlive() && outputs(out) < PHOTOS,
        "the batch ended before the signal: " + child.output());
    Thread.sleep(new Random(trial).nextInt(400));
    child.process().destroy();

    assertCleanExit(child);
  }

  @ParameterizedTest(name = "trial {0}")
  @MethodSource("trials")
  void sigterm_duringWebRequests_exitsInOrderWithoutCrash(int trial) throws Exception {
    List<String> args = new ArrayList<>(List.of("web", "--host", "127.0.0.1", "--port", "0", "--threads", "3"));
    args.addAll(models());
    ChildGpen4j child = ChildGpen4j.start(temp.resolve("child"), args);
    URI uri = serverUri(child);
    byte[] photo = Files.readAllBytes(SharedData.image("astronaut.png"));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    AtomicInteger answered = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try {
      for (int c = 0; c < 4; c++) {
        clients.submit(() -> {
          for (int i = 0; i < 50 && child.process().isAlive(); i++) {
            try {
              HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri.resolve("/api/restore?name=p.png"))
                  .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(photo)).build(),
                  HttpResponse.BodyHandlers.discarding());
              if (r.statusCode() == 200) {
                answered.incrementAndGet();
              }
            } catch (IOException e) {
              return null; // the server went away: expected once it is stopped
            }
          }
          return null;
        });
      }
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (answered.get() < 1 && child.process().isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(answered.get() >= 1 && child.process().isAlive(), "no restore answered: " + child.output());
      Thread.sleep(new Random(trial).nextInt(400));
      child.process().destroy();

      assertCleanExit(child);
    } finally {
      clients.shutdownNow();
    }
  }

  private static URI serverUri(ChildGpen4j child) throws Exception {
    Pattern started = Pattern.compile("gpen4j web demo: (http://\\S+?)/? \\(");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (child.process().isAlive() && System.nanoTime() < deadline) {
      Matcher m = started.matcher(child.output());
      if (m.find()) {
        return URI.create(m.group(1) + "/");
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the web demo did not start: " + child.output());
  }

  private static void assertCleanExit(ChildGpen4j child) throws Exception {
    assertTrue(child.process().waitFor(90, TimeUnit.SECONDS), "the child did not exit: " + child.output());
    String log = child.output();
    assertEquals(List.of(), child.crashReports(), "JVM crash report written: " + log);
    assertEquals(SIGTERM_EXIT, child.process().exitValue(), "exit code after SIGTERM: " + log);
    assertTrue(!log.contains("SIGSEGV"), log);
  }

  private static long outputs(Path out) throws IOException {
    if (!Files.isDirectory(out)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(out)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".png")).count();
    }
  }
}
