package io.gpen4j.models;

import io.gpen4j.internal.download.DownloadFailedException;
import io.gpen4j.internal.download.DownloadProgress;
import io.gpen4j.internal.download.DownloadSource;
import io.gpen4j.internal.download.HttpDownloader;
import io.gpen4j.internal.store.ModelFileLock;
import io.gpen4j.internal.store.VerifiedFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads a catalogue model into the cache for {@link ModelRepository}: under the model's file
 * lock, from the mirrors and then the model's own locations, remembering the verified hash. It
 * speaks the API's terms ({@link ModelSpec}, {@link DownloadListener}, {@link
 * ModelDownloadException}) on top of the model-agnostic {@link HttpDownloader}. Thread-safe.
 */
final class ModelDownloader {
  private static final Logger LOG = LoggerFactory.getLogger(ModelDownloader.class);

  private final HttpDownloader http;
  private final VerifiedFiles verified;
  private final List<URI> mirrors;
  private final DownloadListener listener;

  ModelDownloader(HttpDownloader http, VerifiedFiles verified, List<URI> mirrors, DownloadListener listener) {
    this.http = http;
    this.verified = verified;
    this.mirrors = List.copyOf(mirrors);
    this.listener = listener;
  }

  /** Returns whether the model can be downloaded from anywhere. */
  boolean hasLocation(ModelSpec model) {
    return !model.locations().isEmpty() || !mirrors.isEmpty();
  }

  /**
   * Downloads a model to {@code target}, unless another thread or process finished it while this
   * one waited for the lock.
   *
   * @throws ModelDownloadException if every location fails, or the cache cannot be written
   */
  Path download(ModelSpec model, Path target) {
    Path cacheDirectory = target.getParent();
    Path lockFile = cacheDirectory.resolve(".locks").resolve(model.fileName() + ".lock");
    try {
      Files.createDirectories(cacheDirectory);
      try (ModelFileLock lock = ModelFileLock.acquire(lockFile)) {
        if (Files.isRegularFile(target)) {
          String actual = verified.sha256(target);
          if (model.acceptedSha256().contains(actual)) {
            verified.remember(target, actual);
            return target;
          }
          LOG.warn(
              "deleting {}: its sha256 {} is not {}'s {}", target, actual, model.name(), model.sha256());
          verified.forget(target);
          Files.delete(target);
        }
        String hash = http.download(model.name(), sources(model), target, progress(model));
        verified.remember(target, hash);
        return target;
      }
    } catch (DownloadFailedException e) {
      throw failed(model, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelDownloadException("interrupted while downloading model " + model.name(), e);
    } catch (IOException e) {
      throw new ModelDownloadException(
          "cannot download model " + model.name() + " into " + target + ": " + e.getMessage(), e);
    }
  }

  private List<DownloadSource> sources(ModelSpec model) {
    List<DownloadSource> all = new ArrayList<>();
    for (URI mirror : mirrors) {
      all.add(new DownloadSource(mirror.resolve(model.fileName()), model.sha256(), model.sizeBytes()));
    }
    for (DownloadLocation location : model.locations()) {
      all.add(new DownloadSource(location.uri(), location.sha256(), location.sizeBytes()));
    }
    return all;
  }

  private DownloadProgress progress(ModelSpec model) {
    return new DownloadProgress() {
      @Override
      public void started(URI uri, long resumedFrom, long totalBytes) {
        listener.started(model, uri, resumedFrom, totalBytes);
      }

      @Override
      public void progressed(long bytesSoFar, long totalBytes) {
        listener.progressed(model, bytesSoFar, totalBytes);
      }

      @Override
      public void attemptFailed(URI uri, String reason) {
        listener.attemptFailed(model, uri, reason);
      }

      @Override
      public void finished(Path file) {
        listener.finished(model, file);
      }
    };
  }

  private static ModelDownloadException failed(ModelSpec model, DownloadFailedException failure) {
    String message =
        failure.sourceCount() == 0
            ? "model " + model.name() + " has no download location"
            : "cannot download model "
                + model.name()
                + " ("
                + model.fileName()
                + ", expected sha256 "
                + model.sha256()
                + ") from any of its "
                + failure.sourceCount()
                + " location(s):\n  "
                + String.join("\n  ", failure.attempts());
    ModelDownloadException e = new ModelDownloadException(message);
    for (Throwable cause : failure.getSuppressed()) {
      e.addSuppressed(cause);
    }
    return e;
  }
}
