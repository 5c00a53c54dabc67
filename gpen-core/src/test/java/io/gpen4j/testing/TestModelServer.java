package io.gpen4j.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file server on 127.0.0.1 for download tests, whose answers can be scripted per path: the
 * payload, a corrupted payload, HTTP 404 or 500, a connection dropped or stalled halfway, with or
 * without Range support, slowly, or held until released.
 */
public final class TestModelServer implements AutoCloseable {
  /** What the server does for one request. */
  public enum Behavior {
    OK,
    CORRUPT,
    NOT_FOUND,
    SERVER_ERROR,
    DROP_MIDWAY,
    STALL_MIDWAY,
    TOO_LONG
  }

  /** One request as the server saw it. */
  public record Request(String path, String range) {}

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");
  private static final int CHUNK = 16 * 1024;

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<String, Queue<Behavior>> scripts = new ConcurrentHashMap<>();
  private final Map<String, Behavior> defaults = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final CountDownLatch stallRelease = new CountDownLatch(1);
  private volatile boolean rangeSupported = true;
  private volatile long chunkDelayMillis;
  private volatile CountDownLatch hold;

  /**
   * Starts the server on a free port of 127.0.0.1.
   *
   * @throws IOException if the server cannot bind
   */
  public TestModelServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Serves {@code bytes} at {@code /<name>}. @param name the path @param bytes the body @return its URI */
  public URI serve(String name, byte[] bytes) {
    files.put("/" + name, bytes.clone());
    return uri(name);
  }

  /** @param name a path below the root @return its URI on this server, served or not */
  public URI uri(String name) {
    return URI.create(
        "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name);
  }

  /** @return the URI of the server root */
  public URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  /** Queues behaviours for the next requests of a path; afterwards the default applies. */
  public void script(String name, Behavior... behaviors) {
    scripts.computeIfAbsent("/" + name, k -> new ConcurrentLinkedQueue<>()).addAll(List.of(behaviors));
  }

  /** Sets what every unscripted request of a path gets (OK unless set). */
  public void always(String name, Behavior behavior) {
    defaults.put("/" + name, behavior);
  }

  /** Whether Range requests are honoured (true unless set). @param supported the setting */
  public void rangeSupported(boolean supported) {
    this.rangeSupported = supported;
  }

  /** Slows bodies down: a pause after each 16 KiB chunk. @param millis the pause */
  public void chunkDelayMillis(long millis) {
    this.chunkDelayMillis = millis;
  }

  /** Makes bodies wait until the latch opens (headers go out at once). @param latch the gate */
  public void holdBodiesUntil(CountDownLatch latch) {
    this.hold = latch;
  }

  /** @return the requests seen so far, in order */
  public List<Request> requests() {
    return new ArrayList<>(requests);
  }

  /** @param name a served path @return how many requests it got */
  public long requestsFor(String name) {
    return requests.stream().filter(r -> r.path().equals("/" + name)).count();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String range = exchange.getRequestHeaders().getFirst("Range");
      requests.add(new Request(path, range));
      byte[] file = files.get(path);
      Queue<Behavior> script = scripts.get(path);
      Behavior scripted = script == null ? null : script.poll();
      Behavior behavior = scripted != null ? scripted : defaults.getOrDefault(path, Behavior.OK);
      if (file == null || behavior == Behavior.NOT_FOUND) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      if (behavior == Behavior.SERVER_ERROR) {
        byte[] body = "boom".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        exchange.sendResponseHeaders(500, body.length);
        exchange.getResponseBody().write(body);
        return;
      }
      byte[] payload = file;
      if (behavior == Behavior.CORRUPT) {
        payload = file.clone();
        payload[payload.length / 2] ^= 0x5A;
      } else if (behavior == Behavior.TOO_LONG) {
        payload = java.util.Arrays.copyOf(file, file.length + 1000);
      }
      int start = 0;
      Matcher m = range == null ? null : RANGE.matcher(range);
      if (rangeSupported && m != null && m.matches()) {
        start = Integer.parseInt(m.group(1));
        if (start >= payload.length) {
          exchange.getResponseHeaders().add("Content-Range", "bytes */" + payload.length);
          exchange.sendResponseHeaders(416, -1);
          return;
        }
        exchange
            .getResponseHeaders()
            .add("Content-Range", "bytes " + start + "-" + (payload.length - 1) + "/" + payload.length);
        exchange.sendResponseHeaders(206, payload.length - start);
      } else {
        exchange.sendResponseHeaders(200, payload.length);
      }
      CountDownLatch latch = hold;
      if (latch != null) {
        awaitQuietly(latch, 60);
      }
      OutputStream out = exchange.getResponseBody();
      int end = payload.length;
      if (behavior == Behavior.DROP_MIDWAY || behavior == Behavior.STALL_MIDWAY) {
        end = start + (payload.length - start) / 2;
      }
      for (int i = start; i < end; i += CHUNK) {
        out.write(payload, i, Math.min(CHUNK, end - i));
        out.flush();
        if (chunkDelayMillis > 0) {
          sleepQuietly(chunkDelayMillis);
        }
      }
      if (behavior == Behavior.STALL_MIDWAY) {
        awaitQuietly(stallRelease, 10);
      }
      // For DROP_MIDWAY / STALL_MIDWAY, closing the exchange with bytes missing makes the server
      // close the connection, which the client sees as a broken transfer.
    }
  }

  private static void awaitQuietly(CountDownLatch latch, long seconds) {
    try {
      latch.await(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stallRelease.countDown();
    CountDownLatch latch = hold;
    if (latch != null) {
      latch.countDown();
    }
    server.stop(0);
    executor.shutdownNow();
  }
}
