package io.gpen4j.examples.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Talks HTTP to a real demo server running the random-weight GPEN-256 and YuNet. */
final class WebDemoServerTest {
  private static final long MAX_UPLOAD = 2L * 1024 * 1024;

  @RegisterExtension
  static final RunningDemo DEMO = new RunningDemo(() -> FaceRestorer.builder()
      .generator(SharedData.randomGpen256())
      .detector(DetectorType.YUNET, SharedData.yunet())
      .build(), new WebDemoServer.Settings(new InetSocketAddress("127.0.0.1", 0), MAX_UPLOAD, 2));
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> upload(String query, byte[] body) throws IOException, InterruptedException {
    return HTTP.send(uploadRequest(query, body), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest uploadRequest(String query, byte[] body) {
    return HttpRequest.newBuilder(DEMO.server().uri().resolve("/api/restore?" + query))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  private static JsonObject json(HttpResponse<String> response) {
    return JsonParser.parseString(response.body()).getAsJsonObject();
  }

  private static BufferedImage imageOf(JsonObject answer) throws IOException {
    String url = answer.get("image").getAsString();
    byte[] bytes = Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1));
    return ImageIO.read(new ByteArrayInputStream(bytes));
  }

  @Test
  void page_isServedOnLoopbackWithTheUploadLimit() throws IOException, InterruptedException {
    HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(DEMO.server().uri()).build(),
        HttpResponse.BodyHandlers.ofString());

    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("data-max-upload-bytes=\"" + MAX_UPLOAD + "\""));
    assertEquals("127.0.0.1", DEMO.server().uri().getHost());
    assertTrue(page.body().contains("Model: <strong id=\"model\">GPEN, 256 px</strong>"), "the page names the model");
    assertTrue(page.body().contains("rel=\"icon\""), "a favicon, so the browser asks for no /favicon.ico");
  }

  @Test
  void page_namesTheModel_escapingItsFileName() throws IOException, InterruptedException {
    try (WebDemoServer named = WebDemoServer.start(DEMO.restorer(),
        new WebDemoServer.Settings(new InetSocketAddress("127.0.0.1", 0), MAX_UPLOAD, 1)
            .withModelName("<b>my&model</b>.onnx"))) {
      String body = HTTP.send(HttpRequest.newBuilder(named.uri()).build(), HttpResponse.BodyHandlers.ofString()).body();

      assertTrue(body.contains("&lt;b&gt;my&amp;model&lt;/b&gt;.onnx (GPEN, 256 px)"), "escaped, never markup");
    }
  }

  @Test
  void page_withoutFaceParser_hidesTheParsingCheckboxAndRefusesParsing() throws IOException, InterruptedException {
    String page = HTTP.send(HttpRequest.newBuilder(DEMO.server().uri()).build(), HttpResponse.BodyHandlers.ofString()).body();
    assertTrue(page.contains("<label hidden><input id=\"parsing-mask\""), "parsing checkbox not hidden");

    HttpResponse<String> parsing = upload("faceMask=PARSING", new byte[] {1});
    HttpResponse<String> sideways = upload("faceMask=sideways", new byte[] {1});
    assertEquals(400, parsing.statusCode());
    assertTrue(json(parsing).get("error").getAsString().contains("--parsing-model"), parsing.body());
    assertEquals(400, sideways.statusCode());
  }

  @Test
  void page_withFaceParser_showsTheParsingCheckboxAndRestoresThroughIt() throws IOException, InterruptedException {
    Path parser = Path.of(System.getProperty("gpen4j.repo", ".."), "models", "test", "parser-blocks-512.onnx");
    try (FaceRestorer parsing = FaceRestorer.builder()
            .generator(SharedData.randomGpen256())
            .detector(DetectorType.YUNET, SharedData.yunet())
            .faceParser(parser, io.gpen4j.models.ParserFamily.BISENET)
            .build();
        WebDemoServer web = WebDemoServer.start(parsing,
            new WebDemoServer.Settings(new InetSocketAddress("127.0.0.1", 0), MAX_UPLOAD, 1))) {
      String page = HTTP.send(HttpRequest.newBuilder(web.uri()).build(), HttpResponse.BodyHandlers.ofString()).body();
      assertTrue(page.contains("<label ><input id=\"parsing-mask\""), "parsing checkbox hidden");
      HttpResponse<String> restored = HTTP.send(HttpRequest.newBuilder(web.uri().resolve("/api/restore?faceMask=PARSING"))
          .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(SharedData.image("astronaut.png")))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, restored.statusCode(), restored.body());
      assertEquals(1, json(restored).getAsJsonArray("faces").size());
    }
  }

  @Test
  void restore_photo_answersImageFacesAndTime() throws IOException, InterruptedException {
    HttpResponse<String> response = upload("job=t1&name=astronaut.png&onlyLargest=true&fidelity=0.7",
        Files.readAllBytes(SharedData.image("astronaut.png")));

    assertEquals(200, response.statusCode(), response.body());
    JsonObject answer = json(response);
    assertEquals(1, answer.getAsJsonArray("faces").size());
    assertTrue(answer.get("serverMillis").getAsLong() > 0);
    BufferedImage image = imageOf(answer);
    assertEquals(512, image.getWidth());
    assertEquals(512, image.getHeight());
  }

  @Test
  void restore_badUploads_answer4xxWithAMessage() throws IOException, InterruptedException {
    HttpResponse<String> empty = upload("name=empty.png", new byte[0]);
    HttpResponse<String> text = upload("name=notes.txt", "hello, not a photo".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> huge = upload("name=huge.png", new byte[(int) MAX_UPLOAD + 1]);
    HttpResponse<String> truncated = upload("name=truncated.jpg", Files.readAllBytes(SharedData.image("truncated.jpg")));
    HttpResponse<String> badFidelity = upload("fidelity=lots", new byte[] {1});

    assertEquals(400, empty.statusCode());
    assertTrue(json(empty).get("error").getAsString().contains("empty.png is empty"), empty.body());
    assertEquals(415, text.statusCode());
    assertTrue(json(text).get("error").getAsString().contains("notes.txt"), text.body());
    assertEquals(413, huge.statusCode());
    assertTrue(json(huge).get("error").getAsString().contains("too large"), huge.body());
    assertEquals(415, truncated.statusCode(), truncated.body());
    assertEquals(400, badFidelity.statusCode());
  }

  @Test
  void restore_concurrentUploads_eachGetsItsOwnResult() throws IOException {
    byte[] astronaut = Files.readAllBytes(SharedData.image("astronaut.png"));
    byte[] hopper = Files.readAllBytes(SharedData.image("grace_hopper.jpg"));

    List<CompletableFuture<HttpResponse<String>>> answers = List.of(
        HTTP.sendAsync(uploadRequest("job=a1&name=a.png", astronaut), HttpResponse.BodyHandlers.ofString()),
        HTTP.sendAsync(uploadRequest("job=h1&name=h.jpg", hopper), HttpResponse.BodyHandlers.ofString()),
        HTTP.sendAsync(uploadRequest("job=a2&name=a.png", astronaut), HttpResponse.BodyHandlers.ofString()));

    int[][] sizes = {{512, 512}, {512, 600}, {512, 512}};
    String[] jobs = {"a1", "h1", "a2"};
    for (int i = 0; i < answers.size(); i++) {
      HttpResponse<String> response = answers.get(i).join();
      assertEquals(200, response.statusCode(), response.body());
      JsonObject answer = json(response);
      assertEquals(jobs[i], answer.get("job").getAsString());
      BufferedImage image = imageOf(answer);
      assertEquals(sizes[i][0], image.getWidth());
      assertEquals(sizes[i][1], image.getHeight());
    }
  }

  @Test
  void progress_unknownJob_is404() throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(DEMO.server().uri().resolve("/api/progress?job=nobody")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertEquals(404, response.statusCode());
  }

  @Test
  void restore_get_isRejected() throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(
        HttpRequest.newBuilder(URI.create(DEMO.server().uri() + "api/restore")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertEquals(405, response.statusCode());
  }

  @Test
  void restore_badQueryWithABody_eachGetsIts400NotAReset() throws IOException {
    // A raw socket sends the whole body, as a browser does, before reading the answer: a server
    // that answers and closes first makes this write or read fail with "connection reset".
    byte[] body = new byte[512 * 1024];
    for (int i = 0; i < 20; i++) {
      try (Socket socket = new Socket("127.0.0.1", DEMO.server().uri().getPort())) {
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/restore?fidelity=lots HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
            + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertTrue(answer.startsWith("HTTP/1.1 400"), "request " + i + ": " + answer);
        assertTrue(answer.contains("fidelity must be a number"), answer);
      }
    }
  }

  @Test
  void restore_multipartFormUpload_restoresTheFileField() throws IOException, InterruptedException {
    byte[] photo = Files.readAllBytes(SharedData.image("astronaut.png"));
    String boundary = "----gpen4jTestBoundary7MA4YWxkTrZu0gW";
    ByteArrayOutputStream form = new ByteArrayOutputStream();
    form.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"astronaut.png\"\r\n"
        + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    form.write(photo);
    form.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));

    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(DEMO.server().uri().resolve("/api/restore?onlyLargest=true"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray()))
        .build(), HttpResponse.BodyHandlers.ofString());

    assertEquals(200, response.statusCode(), response.body());
    assertEquals(512, imageOf(json(response)).getWidth());
  }

  @Test
  void restore_formWithoutAFileField_saysHowToSendThePhoto() throws IOException, InterruptedException {
    HttpResponse<String> multipart = HTTP.send(HttpRequest.newBuilder(DEMO.server().uri().resolve("/api/restore"))
        .header("Content-Type", "multipart/form-data; boundary=XyZ")
        .POST(HttpRequest.BodyPublishers.ofString(
            "--XyZ\r\nContent-Disposition: form-data; name=\"photo\"\r\n\r\nabc\r\n--XyZ--\r\n"))
        .build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> urlEncoded = HTTP.send(HttpRequest.newBuilder(DEMO.server().uri().resolve("/api/restore"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("file=photo.jpg"))
        .build(), HttpResponse.BodyHandlers.ofString());

    assertEquals(400, multipart.statusCode());
    assertTrue(multipart.body().contains("send the photo as the request body or as a form field named file"),
        multipart.body());
    assertEquals(400, urlEncoded.statusCode());
    assertTrue(urlEncoded.body().contains("form field named file"), urlEncoded.body());
  }

  @Test
  void restore_queueFull_answers503WithRetryAfter() throws IOException {
    byte[] photo = Files.readAllBytes(SharedData.image("grace_hopper.jpg"));
    try (WebDemoServer busy = WebDemoServer.start(DEMO.restorer(),
        new WebDemoServer.Settings(new InetSocketAddress("127.0.0.1", 0), MAX_UPLOAD, 1, 0))) {
      List<CompletableFuture<HttpResponse<String>>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        answers.add(HTTP.sendAsync(HttpRequest.newBuilder(busy.uri().resolve("/api/restore?name=h.jpg"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(photo)).build(), HttpResponse.BodyHandlers.ofString()));
      }

      List<HttpResponse<String>> done = answers.stream().map(CompletableFuture::join).toList();
      List<HttpResponse<String>> refused = done.stream().filter(r -> r.statusCode() == 503).toList();
      assertTrue(done.stream().allMatch(r -> r.statusCode() == 200 || r.statusCode() == 503),
          done.stream().map(HttpResponse::body).toList().toString());
      assertTrue(done.stream().anyMatch(r -> r.statusCode() == 200));
      assertTrue(!refused.isEmpty(), "one restore at a time and no queue: some uploads are refused");
      for (HttpResponse<String> r : refused) {
        assertEquals(String.valueOf(RestoreHandler.RETRY_AFTER_SECONDS), r.headers().firstValue("Retry-After").orElse(""));
        assertTrue(json(r).get("error").getAsString().contains("the server is busy"), r.body());
      }
    }
  }
}
