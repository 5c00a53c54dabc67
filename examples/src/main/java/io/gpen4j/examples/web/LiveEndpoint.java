package io.gpen4j.examples.web;

import io.gpen4j.RestoreOptions;
import io.gpen4j.video.LiveOptions;
import io.gpen4j.video.VideoRestorer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketCreator;
import org.eclipse.jetty.util.Callback;

/**
 * Accepts the live page's WebSocket at {@code /api/live?fps=N&fidelity=..&onlyLargest=..}: the
 * restore options are the upload's ({@link RestoreHandler#options}); {@code fps}, when given, is
 * the frame rate the stream's adaptive quality aims at (detect-every and faces per frame). At most
 * {@code maxStreams} streams run at once, since each restores on its own thread; the next upgrade
 * is answered 503.
 */
final class LiveEndpoint implements WebSocketCreator {
  private final VideoRestorer video;
  private final boolean faceParser;
  private final String model;
  private final int cropSize;
  private final int maxStreams;
  private final AtomicInteger open = new AtomicInteger();

  LiveEndpoint(VideoRestorer video, boolean faceParser, String model, int cropSize, int maxStreams) {
    this.video = video;
    this.faceParser = faceParser;
    this.model = model;
    this.cropSize = cropSize;
    this.maxStreams = maxStreams;
  }

  @Override
  public Object createWebSocket(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
    Map<String, String> query = Exchanges.query(request);
    RestoreOptions options;
    LiveOptions.Builder live = LiveOptions.builder();
    try {
      options = RestoreHandler.options(query, faceParser);
      String fps = query.get("fps");
      if (fps != null && !fps.isBlank()) {
        try {
          live.targetFramesPerSecond(Double.parseDouble(fps.trim()));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("fps must be a number above 0: " + fps, e);
        }
      }
    } catch (IllegalArgumentException e) {
      Exchanges.sendError(request, response, callback, HttpStatus.BAD_REQUEST_400, e.getMessage());
      return null;
    }
    if (open.incrementAndGet() > maxStreams) {
      open.decrementAndGet();
      Exchanges.sendError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503,
          "the server is busy (" + maxStreams + " live streams already running): try again later");
      return null;
    }
    return new LiveSocket(video, options, live, model, cropSize, open);
  }
}
