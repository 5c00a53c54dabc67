package io.gpen4j.internal.download;

import io.gpen4j.internal.store.Sha256;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpResponse.ResponseInfo;
import java.net.http.HttpTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads one file over HTTP(S) into place, verified.
 *
 * <p>Design: bytes stream into {@code <file>.<hash prefix>.part} beside the target while being
 * hashed; when the body is complete and its SHA-256 is the one the location promises, the part file
 * is moved over the target atomically, so the target path only ever holds a verified file. A part
 * file left by a dropped connection (or a killed process) is resumed with an HTTP {@code Range}
 * request; a server that answers 200 instead of 206 restarts it from zero. Part names carry the
 * expected hash so the bytes of two different exports are never spliced. Wrong bytes are deleted
 * at once. Each location gets {@code maxAttempts} tries for failures that may pass (dropped
 * connections, stalls, HTTP 5xx/408/429, a spliced resume); the next location is tried after a
 * failure that will not (HTTP 404 and other 4xx, a wrong hash from a fresh download).
 *
 * <p>A stall is detected by the waiting thread: if no byte arrives for {@code readTimeout}, the
 * exchange is cancelled. The caller must hold the {@link io.gpen4j.internal.store.ModelFileLock}
 * of the target.
 */
public final class HttpDownloader {
  private static final Logger LOG = LoggerFactory.getLogger(HttpDownloader.class);
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

  private final Supplier<HttpClient> client;
  private final Duration readTimeout;
  private final int maxAttempts;
  private final Duration retryDelay;

  /**
   * Creates a downloader.
   *
   * @param client supplies the HTTP client, asked only when a download starts
   * @param readTimeout how long to wait for the response headers and for each further byte
   * @param maxAttempts tries per location, at least 1
   * @param retryDelay the pause before the second try, doubled for each further one
   */
  public HttpDownloader(
      Supplier<HttpClient> client, Duration readTimeout, int maxAttempts, Duration retryDelay) {
    this.client = client;
    this.readTimeout = readTimeout;
    this.maxAttempts = maxAttempts;
    this.retryDelay = retryDelay;
  }

  /**
   * Returns the part file a download from a source writes to.
   *
   * @param target the final file
   * @param location the source
   * @return the part file beside the target
   */
  static Path partFile(Path target, DownloadSource location) {
    return target.resolveSibling(
        target.getFileName() + "." + location.sha256().substring(0, 12) + ".part");
  }

  /**
   * Downloads a file into {@code target}, trying its sources in order.
   *
   * @param name what is downloaded, for messages and the log
   * @param locations where to download from, in order
   * @param target the final file; replaced only by a verified file
   * @param listener told about progress
   * @return the SHA-256 of the file now at {@code target}
   * @throws DownloadFailedException if no source gave a verified file; it lists every attempt's
   *     URL and failure
   * @throws InterruptedException if the thread is interrupted; the transfer is stopped
   */
  public String download(
      String name, List<DownloadSource> locations, Path target, DownloadProgress listener)
      throws DownloadFailedException, InterruptedException {
    List<String> failures = new ArrayList<>();
    List<Throwable> causes = new ArrayList<>();
    for (DownloadSource location : locations) {
      for (int attempt = 1; attempt <= maxAttempts; attempt++) {
        try {
          String hash = attempt(name, location, target, listener);
          listener.finished(target);
          return hash;
        } catch (AttemptFailure failure) {
          String reason = failure.getMessage();
          failures.add(location.uri() + " (attempt " + attempt + "): " + reason);
          causes.add(failure);
          LOG.warn("download of {} from {} failed (attempt {}): {}", name, location.uri(), attempt, reason);
          listener.attemptFailed(location.uri(), reason);
          if (!failure.retryable() || attempt == maxAttempts) {
            break;
          }
          Thread.sleep(retryDelay.toMillis() << (attempt - 1));
        }
      }
    }
    throw new DownloadFailedException(locations.size(), failures, causes);
  }

  private String attempt(
      String name, DownloadSource location, Path target, DownloadProgress listener)
      throws AttemptFailure, InterruptedException {
    Path part = partFile(target, location);
    long expected = location.sizeBytes().orElse(-1);
    long offset;
    MessageDigest digest = Sha256.newDigest();
    try {
      offset = Files.exists(part) ? Files.size(part) : 0;
      if (expected >= 0 && offset > expected) {
        Files.delete(part);
        offset = 0;
      }
      if (offset > 0) {
        Sha256.update(digest, part, offset);
      }
    } catch (IOException e) {
      throw new AttemptFailure("cannot read the partial download " + part + ": " + e.getMessage(), false, e);
    }
    if (expected >= 0 && offset == expected) {
      // A complete part left by a process that died before moving it into place.
      return verifyAndMove(name, location, part, target, Sha256.hex(digest), offset, true);
    }

    HttpRequest.Builder request =
        HttpRequest.newBuilder(location.uri())
            .GET()
            .timeout(readTimeout)
            .header("User-Agent", "gpen4j");
    if (offset > 0) {
      request.header("Range", "bytes=" + offset + "-");
    }
    final long resumeFrom = offset;
    AtomicReference<PartFileSubscriber> sink = new AtomicReference<>();
    HttpResponse.BodyHandler<Long> handler =
        info -> {
          PartFileSubscriber subscriber =
              subscriberFor(info, location, part, resumeFrom, digest, listener);
          if (subscriber == null) {
            return BodySubscribers.replacing(-1L);
          }
          sink.set(subscriber);
          return subscriber;
        };
    LOG.info(
        "downloading {} from {}{}",
        name,
        location.uri(),
        offset > 0 ? " (resuming at byte " + offset + ")" : "");
    CompletableFuture<HttpResponse<Long>> future;
    try {
      future = client.get().sendAsync(request.build(), handler);
    } catch (IllegalArgumentException | SecurityException e) {
      throw new AttemptFailure("cannot send the request: " + e.getMessage(), false, e);
    }
    HttpResponse<Long> response;
    try {
      response = await(future, sink);
    } catch (AttemptFailure failure) {
      if (!failure.retryable() && sink.get() != null) {
        // This attempt wrote bytes it cannot vouch for (an over-long body, a disk error).
        sink.get().close();
        deleteQuietly(part);
      }
      throw failure;
    } finally {
      PartFileSubscriber subscriber = sink.get();
      if (subscriber != null) {
        subscriber.close();
      }
    }
    return finish(name, location, part, target, response, sink.get(), resumeFrom);
  }

  private PartFileSubscriber subscriberFor(
      ResponseInfo info,
      DownloadSource location,
      Path part,
      long offset,
      MessageDigest digest,
      DownloadProgress listener) {
    int status = info.statusCode();
    long start;
    if (status == 206 && offset > 0 && rangeStart(info) == offset) {
      start = offset;
    } else if (status == 200) {
      start = 0;
      digest.reset();
    } else {
      return null;
    }
    long expected = location.sizeBytes().orElse(-1);
    long total = expected;
    if (total < 0) {
      OptionalLong length = info.headers().firstValueAsLong("Content-Length");
      total = length.isPresent() ? start + length.getAsLong() : -1;
    }
    final long totalBytes = total;
    FileChannel channel;
    try {
      channel =
          start == 0
              ? FileChannel.open(
                  part,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE,
                  StandardOpenOption.TRUNCATE_EXISTING)
              : FileChannel.open(part, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    listener.started(location.uri(), start, totalBytes);
    return new PartFileSubscriber(
        channel, digest, start, expected, n -> listener.progressed(n, totalBytes));
  }

  private HttpResponse<Long> await(
      CompletableFuture<HttpResponse<Long>> future, AtomicReference<PartFileSubscriber> sink)
      throws AttemptFailure, InterruptedException {
    long lastBytes = -1;
    while (true) {
      try {
        return future.get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        PartFileSubscriber subscriber = sink.get();
        long now = subscriber == null ? -1 : subscriber.bytes();
        if (subscriber != null && now != lastBytes) {
          lastBytes = now;
          continue;
        }
        future.cancel(true);
        throw new AttemptFailure(
            subscriber == null
                ? "no response within " + readTimeout.toMillis() + " ms"
                : "no data for " + readTimeout.toMillis() + " ms after " + now + " bytes",
            true);
      } catch (InterruptedException e) {
        future.cancel(true);
        throw e;
      } catch (ExecutionException e) {
        throw classify(e.getCause(), sink.get());
      }
    }
  }

  private static AttemptFailure classify(Throwable cause, PartFileSubscriber subscriber) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof AttemptFailure) {
        return (AttemptFailure) t;
      }
      if (t instanceof java.io.UncheckedIOException) {
        return new AttemptFailure(
            "cannot write the download to disk: " + t.getCause().getMessage(), false, t);
      }
    }
    String after = subscriber == null ? "" : " after " + subscriber.bytes() + " bytes";
    if (cause instanceof HttpTimeoutException) {
      return new AttemptFailure("timed out waiting for the server" + after, true, cause);
    }
    if (cause instanceof IOException) {
      return new AttemptFailure(
          "connection failed" + after + ": " + describe(cause), true, cause);
    }
    return new AttemptFailure("download failed" + after + ": " + describe(cause), false, cause);
  }

  private String finish(
      String name,
      DownloadSource location,
      Path part,
      Path target,
      HttpResponse<Long> response,
      PartFileSubscriber subscriber,
      long resumedFrom)
      throws AttemptFailure {
    int status = response.statusCode();
    if (subscriber == null) {
      if (status == 416) {
        deleteQuietly(part);
        throw new AttemptFailure(
            "HTTP 416: the server refused to resume at byte " + resumedFrom + "; restarting", true);
      }
      if (status == 206) {
        deleteQuietly(part);
        throw new AttemptFailure(
            "HTTP 206 with a Content-Range not starting at byte " + resumedFrom + "; restarting",
            true);
      }
      boolean retry = status >= 500 || status == 408 || status == 429;
      throw new AttemptFailure("HTTP " + status + " " + reason(status), retry);
    }
    long bytes = subscriber.bytes();
    long expected = location.sizeBytes().orElse(-1);
    if (expected >= 0 && bytes < expected) {
      throw new AttemptFailure(
          "the connection ended after " + bytes + " of " + expected + " bytes", true);
    }
    boolean resumed = status == 206;
    return verifyAndMove(name, location, part, target, subscriber.sha256(), bytes, resumed);
  }

  private String verifyAndMove(
      String name,
      DownloadSource location,
      Path part,
      Path target,
      String actual,
      long bytes,
      boolean retryable)
      throws AttemptFailure {
    if (!actual.equals(location.sha256())) {
      deleteQuietly(part);
      throw new AttemptFailure(
          "SHA-256 mismatch for "
              + name
              + ": expected "
              + location.sha256()
              + ", got "
              + actual
              + " ("
              + bytes
              + " bytes); the download was deleted"
              + (retryable ? " and will restart from zero" : ""),
          retryable);
    }
    try {
      try {
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      deleteQuietly(part);
      throw new AttemptFailure(
          "cannot move the verified download to " + target + ": " + e.getMessage(), false, e);
    }
    LOG.info("downloaded {} to {} ({} bytes, sha256 {})", name, target, bytes, actual);
    return actual;
  }

  private static long rangeStart(ResponseInfo info) {
    String range = info.headers().firstValue("Content-Range").orElse("");
    Matcher m = CONTENT_RANGE.matcher(range.trim());
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  private static String reason(int status) {
    switch (status) {
      case 401:
        return "Unauthorized";
      case 403:
        return "Forbidden";
      case 404:
        return "Not Found";
      case 408:
        return "Request Timeout";
      case 410:
        return "Gone";
      case 429:
        return "Too Many Requests";
      case 500:
        return "Internal Server Error";
      case 502:
        return "Bad Gateway";
      case 503:
        return "Service Unavailable";
      case 504:
        return "Gateway Timeout";
      default:
        return "";
    }
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    return message == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + message;
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("cannot delete {}: {}", file, e.toString());
    }
  }
}
