package io.gpen4j.examples.web;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.gpen4j.Point;
import io.gpen4j.RestoreOptions;
import io.gpen4j.RestoredFace;
import io.gpen4j.SimilarityTransform;
import io.gpen4j.video.LiveFrame;
import io.gpen4j.video.LiveFrameListener;
import io.gpen4j.video.LiveOptions;
import io.gpen4j.video.LiveStats;
import io.gpen4j.video.LiveStream;
import io.gpen4j.video.VideoException;
import io.gpen4j.video.VideoOptions;
import io.gpen4j.video.VideoRestorer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser's live camera stream, {@code ws://HOST/api/live}: one {@link LiveStream} per socket,
 * so the latest frame wins and a slow restore drops frames instead of queueing them.
 *
 * <p>Protocol. The page sends binary messages: 8 bytes, the frame's capture time on the page's
 * clock in milliseconds (a big-endian IEEE double), then the frame as a JPEG. The server sends, once,
 * a text message {@code {"type":"hello","model":...}}, a text message {@code {"type":"received",
 * "capture":...}} as each frame arrives (the page keeps at most two frames unacknowledged, so none
 * wait in the network), and for each restored frame one binary
 * message: 4 bytes, the length of a JSON header (big-endian), the header ({@code capture}, the page's
 * time echoed; {@code sequence}; {@code faces} with each face's detector box and the {@code region}
 * its restored pixels were pasted into; {@code stats}: restored, dropped, fps, latency p50/p95 on
 * the server, detect-every and faces per frame chosen), then the restored frame as a JPEG. A frame
 * that cannot be decoded closes the socket with 1003 and a reason.
 *
 * <p>Threads: Jetty delivers one message at a time per socket, which offers it (never blocks);
 * the stream's own thread encodes and sends each restored frame and waits for the send to finish
 * before restoring the next, so a client that reads slowly lowers the frame rate (more frames are
 * dropped) instead of growing a queue in the server.
 *
 * <p>Public only because Jetty finds a listener's methods through a public method lookup; it is no
 * API (its constructor is package-private).
 */
public final class LiveSocket implements Session.Listener.AutoDemanding, LiveFrameListener {
  private static final Logger LOG = LoggerFactory.getLogger(LiveSocket.class);
  private static final Gson GSON = new Gson();
  /** The JPEG quality of restored frames: close to the input, and small enough for 30 fps on loopback. */
  private static final float JPEG_QUALITY = 0.85f;
  private static final long SEND_TIMEOUT_SECONDS = 10;

  private final VideoRestorer video;
  private final RestoreOptions restoreOptions;
  private final LiveOptions.Builder liveOptions;
  private final String model;
  /** The model's input side: the alignment maps each face into a square this large. */
  private final int cropSize;
  private final AtomicInteger openStreams;
  /** The page's capture time of each offered frame not restored yet, by sequence. */
  private final Map<Long, Double> pageCaptureMillis = new ConcurrentHashMap<>();
  private volatile Session session;
  /** The client's address, kept for the closing log line (the session forgets it once closed). */
  private volatile String client = "?";
  private volatile LiveStream stream;
  private long offered;

  /**
   * Creates the socket's listener; the stream opens with the socket.
   *
   * @param video the restorer the streams share
   * @param restoreOptions the page's restore options
   * @param liveOptions the page's target, if any; the listener is set here
   * @param model the model's name for the page
   * @param cropSize the model's input side in pixels
   * @param openStreams the streams open on the server, this one counted already; released on close
   */
  LiveSocket(VideoRestorer video, RestoreOptions restoreOptions, LiveOptions.Builder liveOptions, String model,
      int cropSize, AtomicInteger openStreams) {
    this.video = video;
    this.restoreOptions = restoreOptions;
    this.liveOptions = liveOptions;
    this.model = model;
    this.cropSize = cropSize;
    this.openStreams = openStreams;
  }

  @Override
  public void onWebSocketOpen(Session opened) {
    this.session = opened;
    this.client = String.valueOf(opened.getRemoteSocketAddress());
    try {
      stream = video.openLiveStream(VideoOptions.builder().restoreOptions(restoreOptions).build(),
          liveOptions.listener(this).build());
    } catch (RuntimeException e) {
      openStreams.decrementAndGet();
      LOG.warn("live stream from {} could not open: {}", client, e.getMessage());
      opened.close(StatusCode.SERVER_ERROR, "the live stream could not open: " + e.getMessage(), Callback.NOOP);
      return;
    }
    LOG.info("live stream from {} opened", client);
    JsonObject hello = new JsonObject();
    hello.addProperty("type", "hello");
    hello.addProperty("model", model);
    opened.sendText(GSON.toJson(hello), Callback.NOOP);
  }

  @Override
  public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
    long received = System.nanoTime();
    try {
      if (payload.remaining() < 8 + 2) {
        refuse("a frame is 8 bytes of capture time and a JPEG");
        return;
      }
      double captureMillis = payload.getDouble();
      // Received, before the decode: the page sends its next frame only when at most one other is
      // on its way, so frames never queue in the socket's buffers, where no policy could drop them.
      session.sendText("{\"type\":\"received\",\"capture\":" + captureMillis + "}", Callback.NOOP);
      byte[] jpeg = new byte[payload.remaining()];
      payload.get(jpeg);
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
      if (image == null) {
        refuse("a frame is not a JPEG the server can read");
        return;
      }
      // Latency on the server runs from the frame's arrival: the page's clock is not ours. The page
      // measures its own, capture to shown, from the time it sent.
      pageCaptureMillis.put(++offered, captureMillis);
      stream.offer(image, received);
    } catch (IOException e) {
      refuse("a frame is not a JPEG the server can read: " + e.getMessage());
    } catch (VideoException | IllegalStateException e) {
      session.close(StatusCode.SERVER_ERROR, "the live stream stopped: " + e.getMessage(), Callback.NOOP);
    } finally {
      callback.succeed();
    }
  }

  private void refuse(String reason) {
    session.close(StatusCode.BAD_DATA, reason, Callback.NOOP);
  }

  @Override
  public void onFrame(LiveFrame frame) {
    Session s = session;
    if (s == null || !s.isOpen()) {
      return;
    }
    Double capture = pageCaptureMillis.remove(frame.sequence());
    pageCaptureMillis.keySet().removeIf(sequence -> sequence < frame.sequence()); // dropped frames
    byte[] header = GSON.toJson(header(frame, capture == null ? 0 : capture, stream.stats()))
        .getBytes(StandardCharsets.UTF_8);
    byte[] jpeg = jpeg(frame.frame().image());
    ByteBuffer message = ByteBuffer.allocate(4 + header.length + jpeg.length);
    message.putInt(header.length).put(header).put(jpeg).flip();
    Callback.Completable sent = new Callback.Completable();
    s.sendBinary(message, sent);
    try {
      sent.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // The client went away or stopped reading; onWebSocketClose or onWebSocketError says so.
      s.close(StatusCode.SHUTDOWN, "the page stopped reading", Callback.NOOP);
    }
  }

  @Override
  public void onFailure(VideoException failure) {
    Session s = session;
    if (s != null) {
      s.close(StatusCode.SERVER_ERROR, "restoring failed: " + failure.getMessage(), Callback.NOOP);
    }
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason, Callback callback) {
    callback.succeed();
    LiveStream s = stream;
    if (s == null) {
      return;
    }
    stream = null;
    s.close();
    openStreams.decrementAndGet();
    LiveStats stats = s.stats();
    LOG.info("live stream from {} closed ({}{}): {} frames restored, {} dropped", client,
        statusCode, reason == null || reason.isEmpty() ? "" : " " + reason, stats.restored(), stats.dropped());
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    // A client that vanishes is one line, onWebSocketClose's (it follows with the reason and the
    // counts); no stack trace.
    LOG.debug("live stream from {} failed", client, cause);
  }

  private JsonObject header(LiveFrame frame, double captureMillis, LiveStats stats) {
    JsonObject h = new JsonObject();
    h.addProperty("capture", captureMillis);
    h.addProperty("sequence", frame.sequence());
    h.addProperty("width", frame.frame().image().getWidth());
    h.addProperty("height", frame.frame().image().getHeight());
    h.addProperty("serverMillis", frame.latency().toNanos() / 1e6);
    JsonArray faces = new JsonArray();
    for (RestoredFace face : frame.frame().faces()) {
      JsonObject f = box(face.box().x(), face.box().y(), face.box().width(), face.box().height());
      // The face's own model's crop: a face on the small-face model is aligned to that model's side.
      int side = face.modelSize() > 0 ? face.modelSize() : cropSize;
      f.add("region", pasteRegion(face, side, frame.frame().image().getWidth(), frame.frame().image().getHeight()));
      faces.add(f);
    }
    h.add("faces", faces);
    JsonObject s = new JsonObject();
    s.addProperty("offered", stats.offered());
    s.addProperty("restored", stats.restored());
    s.addProperty("dropped", stats.dropped());
    s.addProperty("fps", stats.framesPerSecond());
    s.addProperty("p50Millis", stats.latencyP50().toNanos() / 1e6);
    s.addProperty("p95Millis", stats.latencyP95().toNanos() / 1e6);
    s.addProperty("detectEvery", stats.quality().detectEvery());
    s.addProperty("maxFaces", stats.quality().maxFaces());
    s.addProperty("smallModelForAll", stats.quality().smallModelForAll());
    h.add("stats", s);
    return h;
  }

  /**
   * The frame's rectangle that holds the face's model crop once warped back: the only pixels its
   * paste may change. The alignment maps the frame to the crop, so its inverse maps the crop's
   * corners into the frame.
   */
  private static JsonObject pasteRegion(RestoredFace face, int cropSize, int width, int height) {
    SimilarityTransform toFrame = face.alignment().inverse();
    double size = cropSize;
    double x0 = Double.MAX_VALUE, y0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
    for (Point corner : new Point[] {new Point(0, 0), new Point(size, 0), new Point(0, size), new Point(size, size)}) {
      Point p = toFrame.apply(corner);
      x0 = Math.min(x0, p.x());
      y0 = Math.min(y0, p.y());
      x1 = Math.max(x1, p.x());
      y1 = Math.max(y1, p.y());
    }
    double left = Math.max(0, Math.floor(x0));
    double top = Math.max(0, Math.floor(y0));
    return box(left, top, Math.min(width, Math.ceil(x1)) - left, Math.min(height, Math.ceil(y1)) - top);
  }

  private static JsonObject box(double x, double y, double width, double height) {
    JsonObject b = new JsonObject();
    b.addProperty("x", x);
    b.addProperty("y", y);
    b.addProperty("width", width);
    b.addProperty("height", height);
    return b;
  }

  private static byte[] jpeg(BufferedImage image) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(JPEG_QUALITY);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("encoding a restored frame as JPEG failed: " + e.getMessage(), e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }
}
