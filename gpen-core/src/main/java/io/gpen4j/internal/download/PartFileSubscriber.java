package io.gpen4j.internal.download;

import io.gpen4j.internal.store.Sha256;
import java.io.IOException;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;

/**
 * Writes a response body to the end of a {@code .part} file while hashing it, and counts the bytes
 * so the downloader can notice a stalled connection.
 *
 * <p>Concurrency: the HTTP client calls {@code onNext} serially on its own threads, while the
 * downloader may {@link #close() close} the subscriber from the waiting thread (timeout, interrupt).
 * Writes and close share one monitor, so once {@code close} returns nothing more is written and a
 * later attempt can safely append to the same file. The file always holds a prefix of the stream:
 * bytes are written in order and a cut-off write only shortens it.
 */
final class PartFileSubscriber implements BodySubscriber<Long> {
  private final FileChannel channel;
  private final MessageDigest digest;
  private final long maxBytes;
  private final LongConsumer progress;
  private final CompletableFuture<Long> result = new CompletableFuture<>();
  private final Object writeLock = new Object();

  private volatile long bytes;
  private volatile Flow.Subscription subscription;
  private boolean closed;

  /**
   * @param channel the part file, positioned where the body's first byte goes; closed by {@link
   *     #close()}
   * @param digest a digest already fed with the bytes before that position
   * @param startBytes the bytes already in the file
   * @param maxBytes the most bytes the whole file may have, or -1 for no limit
   * @param progress told the file size after each write
   */
  PartFileSubscriber(
      FileChannel channel, MessageDigest digest, long startBytes, long maxBytes, LongConsumer progress) {
    this.channel = channel;
    this.digest = digest;
    this.bytes = startBytes;
    this.maxBytes = maxBytes;
    this.progress = progress;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    try {
      long written = bytes;
      synchronized (writeLock) {
        if (closed) {
          return;
        }
        for (ByteBuffer buffer : buffers) {
          int length = buffer.remaining();
          if (maxBytes >= 0 && written + length > maxBytes) {
            fail(
                new AttemptFailure(
                    "the server sent more than the expected " + maxBytes + " bytes", false));
            return;
          }
          digest.update(buffer.duplicate());
          while (buffer.hasRemaining()) {
            channel.write(buffer);
          }
          written += length;
        }
        bytes = written;
      }
      progress.accept(written);
      subscription.request(1);
    } catch (IOException e) {
      fail(new AttemptFailure("cannot write the download to disk: " + e.getMessage(), false, e));
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  @Override
  public void onError(Throwable throwable) {
    result.completeExceptionally(throwable);
  }

  @Override
  public void onComplete() {
    synchronized (writeLock) {
      if (!closed) {
        try {
          // Flush to disk before the file is renamed into place, so a crash cannot leave a
          // complete-looking file with missing data.
          channel.force(true);
        } catch (IOException e) {
          result.completeExceptionally(
              new AttemptFailure("cannot flush the download to disk: " + e.getMessage(), false, e));
          return;
        }
      }
    }
    result.complete(bytes);
  }

  @Override
  public CompletionStage<Long> getBody() {
    return result;
  }

  /** Returns the bytes in the file so far. @return the count */
  long bytes() {
    return bytes;
  }

  /** Returns the SHA-256 of everything written, once the body is complete. @return hex digits */
  String sha256() {
    synchronized (writeLock) {
      return Sha256.hex(digest);
    }
  }

  /** Stops the transfer (if still running) and closes the file; no write happens afterwards. */
  void close() {
    Flow.Subscription s = subscription;
    if (s != null && !result.isDone()) {
      s.cancel();
    }
    result.completeExceptionally(new AttemptFailure("download cancelled", true));
    synchronized (writeLock) {
      if (!closed) {
        closed = true;
        try {
          channel.close();
        } catch (IOException ignored) {
          // The file is abandoned or re-opened by the next attempt; nothing to do.
        }
      }
    }
  }

  private void fail(Throwable failure) {
    result.completeExceptionally(failure);
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }
}
