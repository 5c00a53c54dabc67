package io.gpen4j.examples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.testing.CheckedInModels;
import io.gpen4j.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo server's defences, over real sockets to a server on 127.0.0.1 (the identity generator
 * with YuNet: nothing here restores a face): slow clients, foreign {@code Host} names, cross-origin
 * POSTs, the security headers of every answer, and the one log line of a client that goes away.
 */
final class WebDemoSecurityTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @RegisterExtension
  static final RunningDemo DEMO = new RunningDemo(() -> FaceRestorer.builder()
      .generator(CheckedInModels.path("identity-256.onnx"))
      .detector(DetectorType.YUNET, SharedData.yunet())
      .build(), new WebDemoServer.Settings(new InetSocketAddress("127.0.0.1", 0), 1 << 20, 1));

  @Test
  void slowSockets_twentyHoldingPartialRequests_pageStillAnswersWithinASecond() throws Exception {
    get("/"); // warm: the measured request below is no first request
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        Socket s = new Socket("127.0.0.1", DEMO.server().uri().getPort());
        s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow-" + i + ": ")
            .getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        slow.add(s);
      }
      long start = System.nanoTime();
      HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(DEMO.server().uri()).timeout(Duration.ofSeconds(1)).build(),
          HttpResponse.BodyHandlers.ofString());
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertEquals(200, page.statusCode());
      assertTrue(millis < 1000, "GET / took " + millis + " ms beside 20 slow sockets");
    } finally {
      for (Socket s : slow) {
        s.close();
      }
    }
  }

  @Test
  void slowSocket_isClosedAfterTheIdleTimeout() throws IOException {
    try (WebDemoServer quick = WebDemoServer.start(DEMO.restorer(),
            new WebDemoServer.Settings(new InetSocketAddress("127.0.0.1", 0), 1 << 20, 1)
                .withIdleTimeout(Duration.ofMillis(300)));
        Socket s = new Socket("127.0.0.1", quick.uri().getPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
      long start = System.nanoTime();
      String answer;
      try {
        answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      } catch (SocketTimeoutException e) {
        throw new AssertionError("a silent client was not dropped in 10 s", e);
      }
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertTrue(millis >= 250, "closed after " + millis + " ms, before the idle timeout");
      assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 408"), answer);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"evil.example", "evil.example:8080", "127.0.0.1.nip.io", "localhost.evil.example", "10.0.0.1"})
  void foreignHost_isRefused(String host) throws IOException {
    String answer = raw("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");

    assertTrue(answer.startsWith("HTTP/1.1 421"), answer);
    assertTrue(answer.contains("only requests for localhost or 127.0.0.1"), answer);
    assertSecurityHeaders(headers(answer), "421 for " + host);
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "localhost", "LOCALHOST", "app.localhost", "[::1]", "127.1.2.3"})
  void loopbackHost_isServed(String host) throws IOException {
    String answer = raw("GET / HTTP/1.1\r\nHost: " + host + ":" + DEMO.server().uri().getPort()
        + "\r\nConnection: close\r\n\r\n");

    assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
  }

  @ParameterizedTest
  @CsvSource({
      "/, 200", "/index.html, 200", "/live, 200", "/api/progress?job=nobody, 404", "/api/progress, 400", "/api/restore, 405",
      "/no/such/page, 404", "/favicon.ico, 404"})
  void everyAnswer_carriesTheSecurityHeaders(String path, int status) throws IOException, InterruptedException {
    HttpResponse<String> answer = get(path);

    assertEquals(status, answer.statusCode(), answer.body());
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    answer.headers().map().forEach((k, v) -> headers.put(k, v.get(0)));
    assertSecurityHeaders(headers, path);
  }

  @Test
  void page_policyAllowsExactlyItsOwnInlineScriptAndStyle() throws IOException, InterruptedException {
    HttpResponse<String> page = get("/");
    String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();

    assertEquals(ContentSecurityPolicy.forPage(page.body()), policy);
    assertTrue(policy.matches(".*script-src 'sha256-[A-Za-z0-9+/=]{44}';.*"), policy);
    assertFalse(policy.contains("unsafe-inline"), policy);
    assertTrue(policy.contains("connect-src 'self'"), policy);
  }

  @Test
  void crossOriginPost_isRefusedBeforeItsBodyIsUsed() throws IOException, InterruptedException {
    HttpResponse<String> foreignOrigin = post(Map.of("Origin", "http://evil.example"));
    HttpResponse<String> crossSite = post(Map.of("Sec-Fetch-Site", "cross-site"));
    HttpResponse<String> sameSiteOtherPort = post(Map.of("Origin", "http://127.0.0.1:1", "Sec-Fetch-Site", "same-site"));
    HttpResponse<String> nullOrigin = post(Map.of("Origin", "null"));
    HttpResponse<String> sameOrigin = post(Map.of("Origin", "http://127.0.0.1:" + DEMO.server().uri().getPort(),
        "Sec-Fetch-Site", "same-origin"));
    HttpResponse<String> noBrowser = post(Map.of());

    for (HttpResponse<String> refused : List.of(foreignOrigin, crossSite, sameSiteOtherPort, nullOrigin)) {
      assertEquals(403, refused.statusCode(), refused.body());
      assertTrue(refused.body().contains("another site"), refused.body());
    }
    // Let through to the upload's own checks, which find the bad fidelity.
    assertEquals(400, sameOrigin.statusCode(), sameOrigin.body());
    assertEquals(400, noBrowser.statusCode(), noBrowser.body());
  }

  @ParameterizedTest
  @CsvSource({"http://evil.example, 403", "null, 403", "http://127.0.0.1:PORT, 101"})
  void liveSocket_upgradeFromAnotherOrigin_isRefused(String origin, int status) throws IOException {
    String request = "GET /api/live HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: " + origin + "\r\n\r\n";
    try (Socket s = new Socket("127.0.0.1", DEMO.server().uri().getPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(request.replace("PORT", Integer.toString(DEMO.server().uri().getPort()))
          .getBytes(StandardCharsets.US_ASCII));
      String statusLine = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);

      assertEquals("HTTP/1.1 " + status, statusLine);
    }
  }

  @Test
  void clientGoneMidUpload_isLoggedInOneLine() throws IOException, InterruptedException {
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    String log;
    try {
      try (Socket s = new Socket("127.0.0.1", DEMO.server().uri().getPort())) {
        s.getOutputStream().write(("POST /api/restore?name=gone.jpg HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Length: 100000\r\n\r\npartial").getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        Thread.sleep(200);
      }
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (!captured.toString(StandardCharsets.UTF_8).contains("went away") && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      Thread.sleep(300); // anything else the disconnect would log
    } finally {
      System.setErr(stderr);
    }
    log = captured.toString(StandardCharsets.UTF_8);
    List<String> lines = log.lines().filter(l -> !l.isBlank()).toList();

    assertEquals(1, lines.size(), log);
    assertTrue(lines.get(0).contains("went away during POST /api/restore"), log);
  }

  @Test
  void exposureWarning_onlyBeyondLoopback() {
    assertTrue(WebDemoServer.exposureWarning(new InetSocketAddress("127.0.0.1", 8080)).isEmpty());
    assertTrue(WebDemoServer.exposureWarning(new InetSocketAddress("::1", 8080)).isEmpty());
    String warning = WebDemoServer.exposureWarning(new InetSocketAddress("0.0.0.0", 8080)).orElseThrow();
    assertTrue(warning.contains("beyond this machine") && warning.contains("--host 127.0.0.1"), warning);
  }

  private static void assertSecurityHeaders(Map<String, String> headers, String what) {
    String policy = headers.getOrDefault("Content-Security-Policy", "");
    assertTrue(policy.contains("frame-ancestors 'none'") && policy.contains("default-src 'none'"), what + ": " + policy);
    assertEquals("DENY", headers.get("X-Frame-Options"), what);
    assertEquals("nosniff", headers.get("X-Content-Type-Options"), what);
    assertEquals("no-referrer", headers.get("Referrer-Policy"), what);
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(DEMO.server().uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(Map<String, String> headers) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(DEMO.server().uri().resolve("/api/restore?fidelity=lots"))
        .header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("not a photo"));
    headers.forEach(b::header);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String raw(String request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", DEMO.server().uri().getPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Map<String, String> headers(String answer) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String line : answer.substring(0, answer.indexOf("\r\n\r\n")).split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
      }
    }
    return headers;
  }
}
