package io.gpen4j.examples.web;

import com.sun.net.httpserver.HttpServer;
import io.gpen4j.FaceRestorer;
import io.gpen4j.Ticker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The web demo's HTTP server (the JDK's {@code HttpServer}): the page at {@code /}, uploads at
 * {@code POST /api/restore}, an upload's progress at {@code GET /api/progress}.
 *
 * <p>Lifecycle: the caller owns the restorer and closes it after this server. {@link #close()}
 * stops the server; it is idempotent.
 */
public final class WebDemoServer implements AutoCloseable {
  /** Requests served at once, counting progress polls; restores are limited separately. */
  private static final int HTTP_THREADS = 16;

  /**
   * Uploads that may wait for a restore by default: each holds its body (up to the upload limit)
   * while it waits, so the queue, not the client count, bounds the memory they take.
   */
  public static final int DEFAULT_MAX_QUEUED_UPLOADS = 8;

  /**
   * Where to listen and how much to accept.
   *
   * @param address the address and port (port 0: any free one)
   * @param maxUploadBytes the largest upload accepted
   * @param concurrentRestores photos restored at once; later uploads wait
   * @param maxQueuedUploads uploads that may wait for a restore; the next is answered 503
   * @param modelName the model's name shown on the page (a file or catalogue name); empty to show
   *     only the restorer's family and size
   */
  public record Settings(InetSocketAddress address, long maxUploadBytes, int concurrentRestores,
      int maxQueuedUploads, String modelName) {
    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException if the limits are not positive
     */
    public Settings {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(modelName, "modelName");
      if (maxUploadBytes < 1 || concurrentRestores < 1) {
        throw new IllegalArgumentException("maxUploadBytes and concurrentRestores must be positive: "
            + maxUploadBytes + ", " + concurrentRestores);
      }
      if (maxQueuedUploads < 0) {
        throw new IllegalArgumentException("maxQueuedUploads must not be negative: " + maxQueuedUploads);
      }
    }

    /**
     * Settings with room for {@link #DEFAULT_MAX_QUEUED_UPLOADS} waiting uploads.
     *
     * @param address the address and port (port 0: any free one)
     * @param maxUploadBytes the largest upload accepted
     * @param concurrentRestores photos restored at once; later uploads wait
     * @throws IllegalArgumentException if the limits are not positive
     */
    public Settings(InetSocketAddress address, long maxUploadBytes, int concurrentRestores) {
      this(address, maxUploadBytes, concurrentRestores, DEFAULT_MAX_QUEUED_UPLOADS);
    }

    /**
     * Settings that name no model on the page beyond the restorer's family and size.
     *
     * @param address the address and port (port 0: any free one)
     * @param maxUploadBytes the largest upload accepted
     * @param concurrentRestores photos restored at once; later uploads wait
     * @param maxQueuedUploads uploads that may wait for a restore; the next is answered 503
     * @throws IllegalArgumentException if the limits are not positive
     */
    public Settings(InetSocketAddress address, long maxUploadBytes, int concurrentRestores, int maxQueuedUploads) {
      this(address, maxUploadBytes, concurrentRestores, maxQueuedUploads, "");
    }

    /**
     * Returns these settings with the model's name shown on the page.
     *
     * @param name the model's file or catalogue name
     * @return new settings
     */
    public Settings withModelName(String name) {
      return new Settings(address, maxUploadBytes, concurrentRestores, maxQueuedUploads, name);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicBoolean closed = new AtomicBoolean();

  private WebDemoServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts serving.
   *
   * @param restorer the restorer, shared by all uploads; stays the caller's
   * @param settings where to listen and the limits
   * @return the running server
   * @throws IOException if the address cannot be bound
   */
  public static WebDemoServer start(FaceRestorer restorer, Settings settings) throws IOException {
    Objects.requireNonNull(restorer, "restorer");
    Objects.requireNonNull(settings, "settings");
    HttpServer server;
    try {
      server = HttpServer.create(settings.address(), 0);
    } catch (IOException e) {
      throw new IOException("cannot listen on " + settings.address() + ": " + e.getMessage(), e);
    }
    ExecutorService executor = Executors.newFixedThreadPool(HTTP_THREADS, r -> {
      Thread t = new Thread(r, "gpen4j-web");
      t.setDaemon(true);
      return t;
    });
    JobTracker jobs = new JobTracker();
    server.createContext("/", new PageHandler(settings.maxUploadBytes(), restorer.hasFaceParser(),
        restorer.backgroundScale() > 0, modelLabel(restorer, settings.modelName())));
    server.createContext("/api/restore", new RestoreHandler(restorer, jobs, settings.maxUploadBytes(),
        settings.concurrentRestores(), settings.maxQueuedUploads(), Ticker.system()));
    server.createContext("/api/progress", new ProgressHandler(jobs, Ticker.system()));
    server.setExecutor(executor);
    server.start();
    return new WebDemoServer(server, executor);
  }

  /** "GPEN-BFR-512.onnx (GPEN, 512 px)": what the page says runs its restores. */
  private static String modelLabel(FaceRestorer restorer, String modelName) {
    String family = restorer.generatorProfile().family() + ", " + restorer.modelSize() + " px";
    return modelName.isEmpty() ? family : modelName + " (" + family + ")";
  }

  /**
   * Returns the page's address.
   *
   * @return e.g. {@code http://127.0.0.1:8080/}
   */
  public URI uri() {
    InetSocketAddress a = server.getAddress();
    String host = a.getAddress().isAnyLocalAddress() ? "localhost" : a.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + a.getPort() + "/");
  }

  /** Stops serving, waiting up to a second for answers in flight. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.stop(1);
    executor.shutdownNow();
  }
}
