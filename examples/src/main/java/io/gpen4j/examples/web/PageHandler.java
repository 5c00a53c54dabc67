package io.gpen4j.examples.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves one HTML page from the class path (next to this class) with its placeholders filled in,
 * under the page's own Content-Security-Policy: {@code index.html} at {@code /} names the model in
 * use and shows the "enhance background" checkbox only when the server has a background model;
 * {@code live.html} at {@code /live} is the camera page.
 */
final class PageHandler extends Handler.Abstract.NonBlocking {
  private final byte[] page;
  private final String policy;

  /**
   * Reads and fills in a page.
   *
   * @param resource the page's file name next to this class
   * @param values each placeholder ({@code {{NAME}}}) with its text; values are inserted as they
   *     are, so escape user input with {@link #escapeHtml} first
   */
  PageHandler(String resource, Map<String, String> values) {
    try (InputStream in = PageHandler.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the class path next to " + PageHandler.class);
      }
      String html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (Map.Entry<String, String> v : values.entrySet()) {
        html = html.replace("{{" + v.getKey() + "}}", v.getValue());
      }
      this.page = html.getBytes(StandardCharsets.UTF_8);
      this.policy = ContentSecurityPolicy.forPage(html);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource + ": " + e.getMessage(), e);
    }
  }

  /** A model file name is user input: never markup. */
  static String escapeHtml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    if (!HttpMethod.GET.is(request.getMethod()) && !HttpMethod.HEAD.is(request.getMethod())) {
      Exchanges.sendError(request, response, callback, 405, "use GET");
    } else {
      response.getHeaders().put(ContentSecurityPolicy.HEADER, policy);
      Exchanges.send(request, response, callback, 200, "text/html; charset=utf-8", page);
    }
    return true;
  }
}
