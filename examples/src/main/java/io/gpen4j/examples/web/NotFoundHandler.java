package io.gpen4j.examples.web;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Answers every path no page or endpoint has with 404 and the path, as JSON like every error. */
final class NotFoundHandler extends Handler.Abstract.NonBlocking {
  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Exchanges.sendError(request, response, callback, 404, "no such page: " + request.getHttpURI().getPath());
    return true;
  }
}
