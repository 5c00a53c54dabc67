package io.gpen4j.examples.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Serves the demo page ({@code index.html} from the class path) at {@code /}: it names the model
 * in use, and its "enhance background" checkbox shows only when the server was started with a
 * background model.
 */
final class PageHandler implements HttpHandler {
  private final byte[] page;

  PageHandler(long maxUploadBytes, boolean faceParsing, boolean backgroundModel, String modelLabel) {
    try (InputStream in = PageHandler.class.getResourceAsStream("index.html")) {
      if (in == null) {
        throw new IllegalStateException("index.html is missing from the class path next to " + PageHandler.class);
      }
      String html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      // The face-parsing and background checkboxes are shown only when the server has the model
      // (--parsing-model, --background-model).
      this.page = html.replace("{{MAX_UPLOAD_BYTES}}", Long.toString(maxUploadBytes))
          .replace("{{PARSING_HIDDEN}}", faceParsing ? "" : "hidden")
          .replace("{{BACKGROUND_HIDDEN}}", backgroundModel ? "" : "hidden")
          .replace("{{MODEL}}", escapeHtml(modelLabel))
          .getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read index.html: " + e.getMessage(), e);
    }
  }

  /** A model file name is user input: never markup. */
  private static String escapeHtml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      String path = exchange.getRequestURI().getPath();
      if (!path.equals("/") && !path.equals("/index.html")) {
        Exchanges.sendError(exchange, 404, "no such page: " + path);
      } else if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
        Exchanges.sendError(exchange, 405, "use GET");
      } else {
        Exchanges.send(exchange, 200, "text/html; charset=utf-8", page);
      }
    } finally {
      exchange.close();
    }
  }
}
