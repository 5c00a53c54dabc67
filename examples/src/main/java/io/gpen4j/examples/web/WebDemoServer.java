package io.gpen4j.examples.web;

import io.gpen4j.FaceRestorer;
import io.gpen4j.Ticker;
import io.gpen4j.video.VideoRestorer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web demo's HTTP server (Jetty 12, its core API without servlets): the page at {@code /},
 * uploads at {@code POST /api/restore}, an upload's progress at {@code GET /api/progress}, the
 * live camera page at {@code /live} and its WebSocket at {@code /api/live} ({@link LiveSocket};
 * at most {@link Settings#concurrentRestores()} live streams at once).
 *
 * <p>Limits: Jetty reads requests without a thread per connection, so slow clients hold no thread
 * while they send; a connection idle for {@link Settings#idleTimeout()} (a header or body that
 * stops arriving, a keep-alive nobody uses) is closed, and a body must arrive at
 * {@value #MIN_REQUEST_BYTES_PER_SECOND} bytes/s at least. At most {@link Settings#maxConnections()}
 * connections are open at once (more wait in the accept queue), and the threads are bounded too.
 * {@link RequestGuard} adds the security headers, the {@code Host} check of a loopback server and
 * the cross-origin check; binding to anything but loopback logs a warning.
 *
 * <p>Lifecycle: the caller owns the restorer and closes it after this server. {@link #close()}
 * stops the server; it is idempotent.
 */
public final class WebDemoServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebDemoServer.class);
  /** Threads for short answers (pages, progress polls) beside those restores and waiting uploads hold. */
  private static final int SPARE_THREADS = 16;
  /** The slowest upload accepted: a body that trickles in slower is failed. */
  static final long MIN_REQUEST_BYTES_PER_SECOND = 1024;

  /** The largest camera frame the live page may send (a JPEG): 4 MB is far above a 1080p frame. */
  static final int MAX_LIVE_FRAME_BYTES = 4 << 20;

  /** How long a connection may stay silent by default. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

  /** Connections open at once by default. */
  public static final int DEFAULT_MAX_CONNECTIONS = 256;

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
   * @param idleTimeout how long a connection may stay silent (also while a request is being read)
   *     before it is closed
   * @param maxConnections connections open at once; more wait to be accepted
   */
  public record Settings(InetSocketAddress address, long maxUploadBytes, int concurrentRestores,
      int maxQueuedUploads, String modelName, Duration idleTimeout, int maxConnections) {
    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException if the limits are not positive
     */
    public Settings {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(modelName, "modelName");
      Objects.requireNonNull(idleTimeout, "idleTimeout");
      if (idleTimeout.toMillis() < 1 || maxConnections < 1) {
        throw new IllegalArgumentException("idleTimeout and maxConnections must be positive: "
            + idleTimeout + ", " + maxConnections);
      }
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
      this(address, maxUploadBytes, concurrentRestores, maxQueuedUploads, "", DEFAULT_IDLE_TIMEOUT,
          DEFAULT_MAX_CONNECTIONS);
    }

    /**
     * Returns these settings with the model's name shown on the page.
     *
     * @param name the model's file or catalogue name
     * @return new settings
     */
    public Settings withModelName(String name) {
      return new Settings(address, maxUploadBytes, concurrentRestores, maxQueuedUploads, name, idleTimeout,
          maxConnections);
    }

    /**
     * Returns these settings with another idle timeout.
     *
     * @param timeout how long a connection may stay silent
     * @return new settings
     * @throws IllegalArgumentException if the timeout is not positive
     */
    public Settings withIdleTimeout(Duration timeout) {
      return new Settings(address, maxUploadBytes, concurrentRestores, maxQueuedUploads, modelName, timeout,
          maxConnections);
    }

    /**
     * Returns these settings with another connection limit.
     *
     * @param connections connections open at once
     * @return new settings
     * @throws IllegalArgumentException if the limit is not positive
     */
    public Settings withMaxConnections(int connections) {
      return new Settings(address, maxUploadBytes, concurrentRestores, maxQueuedUploads, modelName, idleTimeout,
          connections);
    }
  }

  private final Server server;
  private final ServerConnector connector;
  private final AtomicBoolean closed = new AtomicBoolean();

  private WebDemoServer(Server server, ServerConnector connector) {
    this.server = server;
    this.connector = connector;
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
    int threads = SPARE_THREADS + settings.concurrentRestores() + settings.maxQueuedUploads();
    // Bounded threads; the task queue stays unbounded as Jetty advises, bounded in effect by the
    // connection limit (a connection has at most one request in work).
    QueuedThreadPool pool = new QueuedThreadPool(threads, Math.min(4, threads));
    pool.setName("gpen4j-web");
    pool.setDaemon(true);
    Server server = new Server(pool);
    // Jetty's own error answers (a malformed request, a handler that threw) name no internals.
    ErrorHandler errors = new ErrorHandler();
    errors.setShowStacks(false);
    errors.setShowCauses(false);
    errors.setShowMessageInTitle(false);
    server.setErrorHandler(errors);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    // One acceptor and one selector: a demo on one machine; neither holds a thread per connection.
    ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost(settings.address().getHostString());
    connector.setPort(settings.address().getPort());
    connector.setIdleTimeout(settings.idleTimeout().toMillis());
    server.addConnector(connector);
    server.addBean(new NetworkConnectionLimit(settings.maxConnections(), connector));

    JobTracker jobs = new JobTracker();
    PathMappingsHandler routes = new PathMappingsHandler();
    String model = PageHandler.escapeHtml(modelLabel(restorer, settings.modelName()));
    PageHandler index = new PageHandler("index.html", Map.of(
        "MAX_UPLOAD_BYTES", Long.toString(settings.maxUploadBytes()),
        // The face-parsing and background checkboxes are shown only when the server has the model
        // (--parsing-model, --background-model).
        "PARSING_HIDDEN", restorer.hasFaceParser() ? "" : "hidden",
        "BACKGROUND_HIDDEN", restorer.backgroundScale() > 0 ? "" : "hidden",
        "MODEL", model));
    routes.addMapping(PathSpec.from("/index.html"), index);
    routes.addMapping(PathSpec.from(""), index);
    routes.addMapping(PathSpec.from("/api/restore"), new RestoreHandler(restorer, jobs, settings.maxUploadBytes(),
        settings.concurrentRestores(), settings.maxQueuedUploads(), Ticker.system()));
    routes.addMapping(PathSpec.from("/api/progress"), new ProgressHandler(jobs, Ticker.system()));
    routes.addMapping(PathSpec.from("/live"), new PageHandler("live.html", Map.of("MODEL", model)));
    routes.addMapping(PathSpec.from("/"), new NotFoundHandler());
    LiveEndpoint live = new LiveEndpoint(VideoRestorer.builder(restorer).build(), restorer.hasFaceParser(),
        modelLabel(restorer, settings.modelName()), restorer.modelSize(), settings.concurrentRestores());
    WebSocketUpgradeHandler sockets = WebSocketUpgradeHandler.from(server, container -> {
      container.setIdleTimeout(settings.idleTimeout());
      container.setMaxBinaryMessageSize(MAX_LIVE_FRAME_BYTES);
      container.setMaxTextMessageSize(4096);
      container.addMapping("/api/live", live);
    });
    sockets.setHandler(routes);
    boolean loopback = settings.address().getAddress() != null && settings.address().getAddress().isLoopbackAddress();
    server.setHandler(new MinimumDataRateHandler(new RequestGuard(loopback, sockets), MIN_REQUEST_BYTES_PER_SECOND,
        0));
    exposureWarning(settings.address()).ifPresent(LOG::warn);
    try {
      server.start();
    } catch (Exception e) {
      stopQuietly(server);
      throw new IOException("cannot listen on " + settings.address() + ": " + e.getMessage(), e);
    }
    return new WebDemoServer(server, connector);
  }

  /**
   * The warning for a server that other machines can reach, if this address is one.
   *
   * @param address where the server listens
   * @return the warning, or empty for a loopback address
   */
  static Optional<String> exposureWarning(InetSocketAddress address) {
    if (address.getAddress() != null && address.getAddress().isLoopbackAddress()) {
      return Optional.empty();
    }
    return Optional.of("listening on " + address.getHostString() + ", beyond this machine: anyone who can reach "
        + "this address can upload photos and use the camera page, without a password and over plain HTTP "
        + "(and browsers offer the camera only on localhost or HTTPS). Keep --host 127.0.0.1 unless you "
        + "mean it.");
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.debug("stopping a server that failed to start", e);
    }
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
    String host = connector.getHost();
    if (host == null || host.isEmpty() || host.equals("0.0.0.0") || host.equals("::")) {
      host = "localhost";
    } else if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + connector.getLocalPort() + "/");
  }

  /** Stops serving, waiting up to a second for answers in flight. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.setStopTimeout(1000);
    stopQuietly(server);
  }
}
