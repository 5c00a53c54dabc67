package io.gpen4j.examples.web;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in front of every page and endpoint of the demo.
 *
 * <p>Security: each answer carries a Content-Security-Policy (pages replace it with their own, see
 * {@link ContentSecurityPolicy}), {@code X-Frame-Options: DENY}, {@code Referrer-Policy:
 * no-referrer}, {@code X-Content-Type-Options: nosniff} and a Permissions-Policy that lets only this
 * origin use the camera. A server bound to loopback answers only requests whose {@code Host} names
 * loopback ({@code localhost}, {@code *.localhost}, {@code 127.x.x.x}, {@code [::1]}), and refuses
 * any other with 421: a web page whose name an attacker re-points at 127.0.0.1 (DNS rebinding)
 * sends its own name. Requests that change state (any method but GET, HEAD and OPTIONS) and
 * WebSocket upgrades are refused with 403 when the browser says they come from another site
 * ({@code Sec-Fetch-Site} other than {@code same-origin} or {@code none}) or from another origin
 * ({@code Origin} not this server's): a "simple" cross-origin POST needs no preflight, so only this
 * check stops another site's page from making this machine restore or stream.
 *
 * <p>A client that goes away mid-request (closed socket, idle or read timeout) is logged in one
 * line, without a stack trace.
 */
final class RequestGuard extends Handler.Wrapper {
  private static final Logger LOG = LoggerFactory.getLogger(RequestGuard.class);
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
  private static final Set<String> SAME_SITE_FETCHES = Set.of("same-origin", "none");

  private final boolean loopbackOnly;

  /**
   * Creates the guard.
   *
   * @param loopbackOnly true when the server listens on a loopback address only: then the
   *     {@code Host} must name loopback
   * @param next the handler of the requests let through
   */
  RequestGuard(boolean loopbackOnly, Handler next) {
    super(next);
    this.loopbackOnly = loopbackOnly;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    HttpFields.Mutable headers = response.getHeaders();
    headers.put(ContentSecurityPolicy.HEADER, ContentSecurityPolicy.NOTHING);
    headers.put("X-Frame-Options", "DENY");
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Referrer-Policy", "no-referrer");
    headers.put("Permissions-Policy", "camera=(self), microphone=(), geolocation=()");
    headers.put("Cross-Origin-Opener-Policy", "same-origin");
    String host = host(request);
    if (loopbackOnly && !isLoopbackName(host)) {
      Exchanges.sendError(request, response, callback, HttpStatus.MISDIRECTED_REQUEST_421,
          "this server answers only requests for localhost or 127.0.0.1, not for " + host);
      return true;
    }
    if (changesState(request) && !sameOrigin(request.getHeaders(), request.getHttpURI().getScheme(), host)) {
      Exchanges.sendError(request, response, callback, HttpStatus.FORBIDDEN_403,
          "requests from another site's page are refused");
      return true;
    }
    Request.addCompletionListener(request, failure -> {
      if (failure != null && isClientGone(failure)) {
        LOG.info("client {}:{} went away during {} {}: {}", Request.getRemoteAddr(request),
            Request.getRemotePort(request), request.getMethod(), request.getHttpURI().getPath(), reason(failure));
      }
    });
    return super.handle(request, response, callback);
  }

  /** The {@code Host} the client asked for, without the port; empty when it sent none. */
  static String host(Request request) {
    String host = request.getHeaders().get(HttpHeader.HOST);
    if (host == null) {
      return "";
    }
    host = host.trim().toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      return close < 0 ? host : host.substring(0, close + 1);
    }
    int colon = host.lastIndexOf(':');
    return colon < 0 ? host : host.substring(0, colon);
  }

  /**
   * Tells whether a host name always means this machine.
   *
   * @param host a {@code Host} header's name, lower case, without the port
   * @return true for localhost, a name under {@code .localhost} (RFC 6761), 127.x.x.x and [::1]
   */
  static boolean isLoopbackName(String host) {
    return host.equals("localhost") || host.endsWith(".localhost") || host.equals("[::1]")
        || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  private static boolean changesState(Request request) {
    return !SAFE_METHODS.contains(request.getMethod())
        || "websocket".equalsIgnoreCase(request.getHeaders().get(HttpHeader.UPGRADE))
        || HttpMethod.CONNECT.is(request.getMethod());
  }

  /**
   * Tells whether a request's browser headers, where sent, place it on this origin. Clients that
   * are no browser (curl, scripts) send neither header and are let through.
   */
  static boolean sameOrigin(HttpFields headers, String scheme, String host) {
    String site = headers.get("Sec-Fetch-Site");
    if (site != null && !SAME_SITE_FETCHES.contains(site.trim().toLowerCase(Locale.ROOT))) {
      return false;
    }
    String origin = headers.get(HttpHeader.ORIGIN);
    if (origin == null) {
      return true;
    }
    String hostHeader = headers.get(HttpHeader.HOST);
    return hostHeader != null && origin.trim().equalsIgnoreCase((scheme == null ? "http" : scheme) + "://"
        + hostHeader.trim());
  }

  private static boolean isClientGone(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof EofException || t instanceof ClosedChannelException || t instanceof TimeoutException
          || t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  private static String reason(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
  }
}
