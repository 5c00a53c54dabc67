package io.gpen4j.examples.cli;

import io.gpen4j.FaceRestorer;
import io.gpen4j.GpenException;
import io.gpen4j.RestoreOptions;
import io.gpen4j.RestoreResult;
import io.gpen4j.Ticker;
import java.awt.image.BufferedImage;
import io.gpen4j.examples.FileErrors;
import io.gpen4j.examples.OrderlyShutdown;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;

/**
 * Restores a batch of photos on a few worker threads that share one restorer.
 *
 * <p>Failure isolation: an input that cannot be decoded or restored is reported and the batch goes
 * on. Outputs appear whole or not at all: each result is written (atomically, by gpen4j) into a
 * hidden staging folder inside the output folder, then moved into place with one atomic rename,
 * so neither a failure nor an interruption leaves a half-written photo, and no output folder is
 * created for an input that failed. The staging folder is removed when the batch ends.
 *
 * <p>Recovery: a run first removes the staging folders that dead runs left in the same output
 * folder (see {@link StagingFolder}: only ours, only when their process is gone). On SIGTERM or
 * Ctrl-C a shutdown hook stops the batch: photos not started are not started, the photos in flight
 * are interrupted (their results are abandoned, never moved into place), and the staging folder is
 * removed before the JVM exits. A {@code kill -9} runs no hook; the next run cleans up.
 */
final class BatchRunner {
  private final FaceRestorer restorer;
  private final RestoreOptions options;
  private final Path outputDirectory;
  private final String extension;
  private final ExistingOutputPolicy existing;
  private final int threads;
  private final ProgressDisplay display;
  private final Ticker ticker;
  private final Queue<String> warnings = new ConcurrentLinkedQueue<>();
  /** How long a stop signal waits for the photos in flight before the staging folder goes. */
  private static final long STOP_WAIT_SECONDS = 10;

  BatchRunner(FaceRestorer restorer, RestoreOptions options, Path outputDirectory, String extension,
      ExistingOutputPolicy existing, int threads, ProgressDisplay display, Ticker ticker) {
    this.restorer = Objects.requireNonNull(restorer, "restorer");
    this.options = Objects.requireNonNull(options, "options");
    this.outputDirectory = outputDirectory.toAbsolutePath().normalize();
    this.extension = Objects.requireNonNull(extension, "extension");
    this.existing = Objects.requireNonNull(existing, "existing");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1: " + threads);
    }
    this.threads = threads;
    this.display = Objects.requireNonNull(display, "display");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
  }

  /**
   * Restores every item.
   *
   * @param items the inputs, with distinct outputs
   * @return one outcome per item, in the items' order
   * @throws IOException if the output or staging folder cannot be created
   */
  List<FileOutcome> run(List<BatchItem> items) throws IOException {
    OutputFolder.create(outputDirectory);
    StagingFolder.removeAbandoned(outputDirectory);
    Path staging = OutputFolder.staging(outputDirectory);
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "gpen4j-restore");
      t.setDaemon(true);
      return t;
    });
    try (OrderlyShutdown.Registration stopOnSignal =
        OrderlyShutdown.process().onStop("stopping the batch", () -> stop(pool, staging))) {
      display.started(items.size());
      List<Future<FileOutcome>> futures = new ArrayList<>(items.size());
      for (BatchItem item : items) {
        futures.add(pool.submit(() -> {
          display.fileStarted(item);
          FileOutcome outcome = process(item, staging);
          display.fileFinished(outcome);
          return outcome;
        }));
      }
      List<FileOutcome> outcomes = new ArrayList<>(items.size());
      for (Future<FileOutcome> f : futures) {
        outcomes.add(await(f));
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
      display.finished();
      StagingFolder.delete(staging);
    }
  }

  /**
   * Returns the warnings of the last run, one line each (alpha composited for a JPEG output).
   *
   * @return the warnings, in the order they happened
   */
  List<String> warnings() {
    return List.copyOf(warnings);
  }

  /** SIGTERM or Ctrl-C: abandon the photos in flight and remove the staging folder before exit. */
  private static void stop(ExecutorService pool, Path staging) {
    pool.shutdownNow();
    try {
      // A generator run cannot be interrupted; wait for it briefly, the exit will not wait longer.
      pool.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    StagingFolder.delete(staging);
  }

  private FileOutcome process(BatchItem item, Path staging) {
    if (Files.exists(item.output())) {
      if (existing == ExistingOutputPolicy.SKIP) {
        return FileOutcome.skipped(item, item.output() + " exists");
      }
      if (existing == ExistingOutputPolicy.FAIL) {
        return FileOutcome.failed(item, Duration.ZERO,
            item.output() + " exists; pass --overwrite to replace it or --skip-existing to keep it");
      }
    }
    long t0 = ticker.read();
    String stem = UUID.randomUUID().toString();
    Path stagedPng = staging.resolve(stem + (extension.equals("webp") ? ".png" : "." + extension));
    try {
      RestoreOptions withProgress = options.toBuilder()
          .progressListener(p -> display.faceProgress(item, p))
          .build();
      RestoreResult result = restorer.restore(item.input(), stagedPng, withProgress);
      Path staged = stagedPng;
      if (extension.equals("webp")) {
        staged = staging.resolve(stem + ".webp");
        writeWebp(result.image(), staged);
      }
      Files.createDirectories(item.output().getParent());
      moveIntoPlace(staged, item.output());
      if (!extension.equals("png") && !extension.equals("webp") && result.image().getColorModel().hasAlpha()) {
        warnings.add(item.label() + " has transparency; " + extension.toUpperCase(java.util.Locale.ROOT)
            + " cannot keep it, so it was composited on "
            + String.format(java.util.Locale.ROOT, "#%06x", options.jpegBackground()) + " (--jpeg-background)");
      }
      return FileOutcome.done(item, result.faces(), elapsed(t0));
    } catch (IOException e) {
      return FileOutcome.failed(item, elapsed(t0), FileErrors.describe(e));
    } catch (UncheckedIOException e) {
      return FileOutcome.failed(item, elapsed(t0), FileErrors.describe(e.getCause()));
    } catch (GpenException e) {
      return FileOutcome.failed(item, elapsed(t0), FaceOptions.stageOptionsAsTyped(e.getMessage()));
    } catch (RuntimeException e) {
      // A bug or an unexpected input must not end an overnight batch: report it with its type.
      return FileOutcome.failed(item, elapsed(t0), FaceOptions.stageOptionsAsTyped(e.toString()));
    } finally {
      deleteQuietly(stagedPng);
      deleteQuietly(staging.resolve(stem + ".webp"));
    }
  }

  private void moveIntoPlace(Path staged, Path output) throws IOException {
    if (existing == ExistingOutputPolicy.OVERWRITE) {
      try {
        Files.move(staged, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("cannot replace " + output + " in one step: " + e.getMessage(), e);
      }
    } else {
      // No REPLACE_EXISTING: a file that appeared meanwhile is kept (FileAlreadyExistsException).
      // Staging and output share a file system, so this is a rename: the file appears whole.
      try {
        Files.move(staged, output);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        throw new IOException(output + " appeared while this input was restored; it was kept", e);
      }
    }
  }

  private static void writeWebp(BufferedImage image, Path file) throws IOException {
    if (!ImageIO.write(image, "webp", file.toFile())) {
      throw new IOException("the installed WebP writer cannot encode this image; use --format png");
    }
  }

  private Duration elapsed(long t0) {
    return Duration.ofNanos(Math.max(0, ticker.read() - t0));
  }

  private static FileOutcome await(Future<FileOutcome> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while restoring", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("a restore task failed outside its own error handling", cause);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Best effort: a leftover in the hidden staging folder is harmless.
    }
  }
}
