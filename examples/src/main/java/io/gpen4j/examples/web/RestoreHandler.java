package io.gpen4j.examples.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.gpen4j.BackgroundEnhancement;
import io.gpen4j.DetectionMode;
import io.gpen4j.FaceMask;
import io.gpen4j.FaceRestorer;
import io.gpen4j.ImageDecodeException;
import io.gpen4j.ImageFormat;
import io.gpen4j.ImageTooLargeException;
import io.gpen4j.RestoreOptions;
import io.gpen4j.RestoreResult;
import io.gpen4j.RestoredFace;
import io.gpen4j.StageTimings;
import io.gpen4j.Ticker;
import io.gpen4j.examples.FaceJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/restore?job=ID&name=FILE&onlyLargest=true|false&fidelity=0..1&smallestFace=PX
 * &singlePass=true|false&faceMask=AUTO|SQUARE|PARSING&enhanceBackground=true|false&colorMatching=true|false}
 * with the photo's
 * bytes as the body: restores it in memory (no temporary file; EXIF orientation applied) and
 * answers with the restored image (a data URL), the faces' boxes and the time taken.
 *
 * <p>The photo is the request body, or a {@code multipart/form-data} field named {@code file} (a
 * browser form, {@code curl -F file=@photo.jpg}). The whole request is read (or, past the upload
 * limit, read and discarded) before any answer, even a rejection: answering while the client is
 * still sending makes its connection reset, and it never sees the message.
 *
 * <p>Bad uploads are answered with a 4xx and a message for the page: 400 empty, bad parameters or
 * a form without a {@code file} field, 413 over the size or pixel limit, 415 not a readable image.
 * Each upload has its own buffers and its own answer, so concurrent uploads never see each other's
 * results; at most {@code concurrentRestores} run at once, at most {@code maxQueued} wait in the
 * "queued" stage, and the next is answered 503 with {@code Retry-After}.
 */
final class RestoreHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(RestoreHandler.class);
  /** The most of an oversized upload read and thrown away before answering 413. */
  private static final long DRAIN_LIMIT = 1L << 30;

  private final FaceRestorer restorer;
  private final JobTracker jobs;
  private final long maxUploadBytes;
  /** Seconds a client is told to wait when the queue is full. */
  static final int RETRY_AFTER_SECONDS = 5;
  static final String HOW_TO_SEND = "send the photo as the request body or as a form field named file";

  private final Semaphore workers;
  private final int maxQueued;
  private final AtomicInteger queued = new AtomicInteger();
  private final Ticker ticker;

  RestoreHandler(FaceRestorer restorer, JobTracker jobs, long maxUploadBytes,
      int concurrentRestores, int maxQueued, Ticker ticker) {
    this.restorer = Objects.requireNonNull(restorer, "restorer");
    this.jobs = Objects.requireNonNull(jobs, "jobs");
    this.maxUploadBytes = maxUploadBytes;
    this.workers = new Semaphore(concurrentRestores, true);
    this.maxQueued = maxQueued;
    this.ticker = Objects.requireNonNull(ticker, "ticker");
  }

  /**
   * Restores one upload on the calling (blocking) thread. A client that goes away while its body is
   * read fails the request through the callback; {@link RequestGuard} logs it in one line.
   */
  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    InputStream body = Request.asInputStream(request);
    try {
      if (!HttpMethod.POST.is(request.getMethod())) {
        drain(body, DRAIN_LIMIT);
        Exchanges.sendError(request, response, callback, 405, "upload the photo with POST");
      } else {
        handleUpload(new Exchange(request, response, callback), body);
      }
    } catch (IOException e) {
      callback.failed(e);
    }
    return true;
  }

  /** One request's three parts, handed on together. */
  private record Exchange(Request request, Response response, Callback callback) {
    void error(int status, String message) {
      Exchanges.sendError(request, response, callback, status, message);
    }
  }

  private void handleUpload(Exchange exchange, InputStream in) throws IOException {
    long start = ticker.read();
    // The body first: every answer below comes after the whole request was read.
    byte[] body = readAtMost(in, maxUploadBytes + 1);
    boolean tooLarge = body.length > maxUploadBytes;
    if (tooLarge) {
      drain(in, DRAIN_LIMIT);
    }
    Map<String, String> query = Exchanges.query(exchange.request());
    String job = query.getOrDefault("job", UUID.randomUUID().toString());
    String name = query.getOrDefault("name", "upload");
    if (!JobTracker.isValidId(job)) {
      exchange.error(400, "job must be 1 to 64 letters, digits or dashes");
      return;
    }
    RestoreOptions options;
    try {
      options = options(query, restorer.hasFaceParser());
    } catch (IllegalArgumentException e) {
      exchange.error(400, e.getMessage());
      return;
    }
    if (tooLarge) {
      exchange.error(413, tooLarge(name));
      return;
    }
    String contentType = exchange.request().getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (MultipartUpload.isMultipart(contentType)) {
      Optional<MultipartUpload> field = MultipartUpload.fileField(contentType, body);
      if (field.isEmpty()) {
        exchange.error(400, "no form field named file in the upload: " + HOW_TO_SEND);
        return;
      }
      body = field.get().bytes();
      if (!query.containsKey("name") && !field.get().fileName().isBlank()) {
        name = field.get().fileName();
      }
    } else if (contentType != null
        && contentType.trim().toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      exchange.error(400, "a url-encoded form cannot carry a photo: " + HOW_TO_SEND);
      return;
    }
    if (body.length == 0) {
      exchange.error(400, name + " is empty: choose a photo (JPG, PNG, BMP or WebP); " + HOW_TO_SEND);
      return;
    }
    if (!jobs.start(job, new JobProgress(JobProgress.Stage.QUEUED, 0, 0, start))) {
      exchange.error(409, "an upload with id " + job + " is already in work");
      return;
    }
    try {
      restore(exchange, job, name, body, options, start);
    } finally {
      jobs.finish(job);
    }
  }

  private void restore(Exchange exchange, String job, String name, byte[] body, RestoreOptions options,
      long start) throws IOException {
    ImageFormat format = isJpeg(body) ? ImageFormat.JPEG : ImageFormat.PNG;
    try {
      if (!workers.tryAcquire()) {
        if (queued.incrementAndGet() > maxQueued) {
          queued.decrementAndGet();
          exchange.response().getHeaders().put(HttpHeader.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
          exchange.error(503, "the server is busy (" + maxQueued
              + " photos already waiting): try again in " + RETRY_AFTER_SECONDS + " seconds");
          return;
        }
        try {
          workers.acquire();
        } finally {
          queued.decrementAndGet();
        }
      }
      try {
        jobs.update(job, new JobProgress(JobProgress.Stage.RESTORING, 0, 0, start));
        RestoreOptions withProgress = options.toBuilder()
            .progressListener(p -> jobs.update(job,
                new JobProgress(JobProgress.Stage.RESTORING, p.facesDone(), p.facesTotal(), start)))
            .build();
        ByteArrayOutputStream image = new ByteArrayOutputStream();
        RestoreResult result = restorer.restore(body, image, format, withProgress);
        long millis = (ticker.read() - start) / 1_000_000;
        Exchanges.sendJson(exchange.request(), exchange.response(), exchange.callback(), 200,
            answer(job, result, image.toByteArray(), format, millis));
      } finally {
        workers.release();
      }
    } catch (ImageTooLargeException e) {
      exchange.error(413, withName(e.getMessage(), name));
    } catch (ImageDecodeException e) {
      exchange.error(415, "Not a photo we can read (JPG, PNG, BMP or WebP): "
          + withName(e.getMessage(), name) + "; " + HOW_TO_SEND);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.error(503, "the server is shutting down");
    } catch (RuntimeException e) {
      LOG.error("restoring {} failed", name, e);
      exchange.error(500, "restoring " + name + " failed: " + withName(e.getMessage(), name));
    }
  }

  /**
   * The restore options of an upload's or a live stream's query: {@code onlyLargest},
   * {@code smallestFace}, {@code singlePass}, {@code faceMask}, {@code enhanceBackground},
   * {@code colorMatching} and {@code fidelity}.
   *
   * @throws IllegalArgumentException with a message for the page if a value is malformed
   */
  static RestoreOptions options(Map<String, String> query, boolean faceParser) {
    RestoreOptions.Builder b = RestoreOptions.builder();
    if (Boolean.parseBoolean(query.getOrDefault("onlyLargest", "false"))) {
      b.onlyLargestFace();
    }
    String smallest = query.get("smallestFace");
    if (smallest != null && !smallest.isBlank()) {
      try {
        b.minFaceSize(Integer.parseInt(smallest.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("smallestFace must be a whole number of pixels: " + smallest, e);
      }
    }
    if (Boolean.parseBoolean(query.getOrDefault("singlePass", "false"))) {
      b.detectionMode(DetectionMode.SINGLE_PASS);
    }
    String mask = query.get("faceMask");
    if (mask != null && !mask.isBlank()) {
      try {
        b.faceMask(FaceMask.valueOf(mask.trim().toUpperCase(java.util.Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("faceMask must be AUTO, SQUARE or PARSING: " + mask, e);
      }
      if (!faceParser && FaceMask.PARSING.name().equalsIgnoreCase(mask.trim())) {
        throw new IllegalArgumentException("faceMask PARSING needs a server started with --parsing-model");
      }
    }
    String background = query.get("enhanceBackground");
    if (background != null) {
      // Without a background model the page hides the box; AUTO then keeps a stray "true" harmless.
      b.backgroundEnhancement(Boolean.parseBoolean(background) ? BackgroundEnhancement.AUTO : BackgroundEnhancement.OFF);
    }
    String colorMatching = query.get("colorMatching");
    if (colorMatching != null) {
      b.colorMatching(Boolean.parseBoolean(colorMatching));
    }
    String fidelity = query.get("fidelity");
    if (fidelity != null) {
      try {
        b.fidelity(Double.parseDouble(fidelity));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("fidelity must be a number in [0, 1]: " + fidelity, e);
      }
    }
    return b.build();
  }

  private static JsonObject answer(String job, RestoreResult result, byte[] image, ImageFormat format, long millis) {
    JsonObject body = new JsonObject();
    body.addProperty("job", job);
    body.addProperty("width", result.image().getWidth());
    body.addProperty("height", result.image().getHeight());
    body.addProperty("upscale", 1);
    JsonArray faces = new JsonArray();
    for (RestoredFace face : result.faces()) {
      faces.add(FaceJson.of(face));
    }
    body.add("faces", faces);
    StageTimings t = result.timings();
    JsonObject timings = new JsonObject();
    timings.addProperty("decode", t.decode().toMillis());
    timings.addProperty("detect", t.detect().toMillis());
    timings.addProperty("align", t.align().toMillis());
    timings.addProperty("enhance", t.enhance().toMillis());
    timings.addProperty("paste", t.paste().toMillis());
    body.add("timingsMillis", timings);
    body.addProperty("serverMillis", millis);
    String type = format == ImageFormat.JPEG ? "image/jpeg" : "image/png";
    body.addProperty("image", "data:" + type + ";base64," + Base64.getEncoder().encodeToString(image));
    return body;
  }

  private String tooLarge(String name) {
    return String.format(java.util.Locale.ROOT, "%s is too large: uploads are limited to %.1f MB", name,
        maxUploadBytes / (1024.0 * 1024.0));
  }

  private static byte[] readAtMost(InputStream in, long limit) throws IOException {
    return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit));
  }

  /** Reads and drops up to {@code limit} bytes; not {@code skip}, which here bypasses the body's length. */
  private static void drain(InputStream in, long limit) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    for (int n; total < limit && (n = in.read(buffer)) >= 0; ) {
      total += n;
    }
  }

  private static boolean isJpeg(byte[] bytes) {
    return bytes.length > 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8;
  }

  /** Replaces the library's name for the upload in a message with the name the user knows. */
  private static String withName(String message, String name) {
    return message == null ? "unknown error" : message.replace("the input bytes", name);
  }
}
