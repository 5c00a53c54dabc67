package io.gpen4j.examples.web;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/** Small helpers for Jetty's core handlers: query parameters and whole answers (JSON or bytes). */
final class Exchanges {
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  private Exchanges() {}

  /** The query's parameters, the first value of each name. */
  static Map<String, String> query(Request request) {
    Map<String, String> params = new HashMap<>();
    for (Fields.Field field : Request.extractQueryParameters(request, StandardCharsets.UTF_8)) {
      params.putIfAbsent(field.getName(), field.getValue());
    }
    return params;
  }

  static void sendJson(Request request, Response response, Callback callback, int status, JsonObject body) {
    send(request, response, callback, status, "application/json; charset=utf-8",
        GSON.toJson(body).getBytes(StandardCharsets.UTF_8));
  }

  static void sendError(Request request, Response response, Callback callback, int status, String message) {
    JsonObject body = new JsonObject();
    body.addProperty("error", message);
    body.addProperty("status", status);
    sendJson(request, response, callback, status, body);
  }

  /** Answers with the whole body at once; completes the callback when it is written or failed. */
  static void send(Request request, Response response, Callback callback, int status, String contentType,
      byte[] body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    boolean head = HttpMethod.HEAD.is(request.getMethod());
    response.write(true, head ? null : ByteBuffer.wrap(body), callback);
  }
}
