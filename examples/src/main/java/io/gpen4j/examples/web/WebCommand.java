package io.gpen4j.examples.web;

import io.gpen4j.FaceRestorer;
import io.gpen4j.examples.EngineOptions;
import io.gpen4j.examples.OrderlyShutdown;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gpen4j web}: serves the demo page on this machine until stopped with Ctrl-C.
 */
@Command(
    name = "web",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Starts a local web page: drop in a photo, compare it before and after restoration; "
        + "or restore your camera live.")
public final class WebCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(names = "--host", paramLabel = "ADDRESS",
      description = "Address to listen on. Default: ${DEFAULT-VALUE} (this machine only).")
  private String host = "127.0.0.1";

  @Option(names = "--port", paramLabel = "PORT", description = "Port (0: any free one). Default: ${DEFAULT-VALUE}.")
  private int port = 8080;

  @Option(names = "--max-upload-mb", paramLabel = "MB", description = "Largest upload. Default: ${DEFAULT-VALUE}.")
  private int maxUploadMb = 20;

  @Option(names = "--jobs", paramLabel = "N",
      description = "Photos (or live streams) restored at once; more uploads wait. Default: ${DEFAULT-VALUE}.")
  private int jobs = 2;

  @Option(names = "--threads", paramLabel = "N",
      description = "Threads of each restore's model runs (ONNX Runtime's intra-op threads). Default: the "
          + "cores shared between the --jobs restores (cores / jobs, at least 1). Before --jobs existed this "
          + "option set the photos at once.")
  private Integer threads;

  @Option(names = "--max-queued", paramLabel = "N",
      description = "Uploads that may wait for a restore; more are answered 503 with Retry-After. "
          + "Default: ${DEFAULT-VALUE}.")
  private int maxQueued = WebDemoServer.DEFAULT_MAX_QUEUED_UPLOADS;

  @Option(names = "--idle-timeout", paramLabel = "SECONDS",
      description = "Closes a connection silent this long, also one whose request stops arriving. "
          + "Default: ${DEFAULT-VALUE}.")
  private int idleTimeoutSeconds = (int) WebDemoServer.DEFAULT_IDLE_TIMEOUT.toSeconds();

  @Option(names = "--max-connections", paramLabel = "N",
      description = "Connections open at once; more wait to be accepted. Default: ${DEFAULT-VALUE}.")
  private int maxConnections = WebDemoServer.DEFAULT_MAX_CONNECTIONS;

  @Mixin private EngineOptions engine;

  /** Creates the command; picocli fills in its options. */
  public WebCommand() {}

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (maxUploadMb < 1 || jobs < 1 || (threads != null && threads < 1) || port < 0 || port > 65535) {
      throw new ParameterException(spec.commandLine(),
          "--max-upload-mb, --jobs and --threads must be at least 1 and --port in 0..65535");
    }
    if (idleTimeoutSeconds < 1 || maxConnections < 1) {
      throw new ParameterException(spec.commandLine(), "--idle-timeout and --max-connections must be at least 1");
    }
    if (maxQueued < 0) {
      throw new ParameterException(spec.commandLine(), "--max-queued must not be negative: " + maxQueued);
    }
    PrintWriter out = spec.commandLine().getOut();
    FaceRestorer restorer = engine.openRestorer(jobs, threads == null ? 0 : threads, false, out);
    WebDemoServer server;
    try {
      server = WebDemoServer.start(restorer,
          new WebDemoServer.Settings(new InetSocketAddress(host, port), maxUploadMb * 1024L * 1024L, jobs,
              maxQueued).withModelName(engine.modelName())
              .withIdleTimeout(java.time.Duration.ofSeconds(idleTimeoutSeconds))
              .withMaxConnections(maxConnections));
    } catch (IOException | RuntimeException e) {
      restorer.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    // SIGTERM or Ctrl-C: stop taking requests, then close the models (their sessions wait for the
    // runs in flight) before the JVM exits; see OrderlyShutdown.
    OrderlyShutdown.process().onStop("closing the web server and the models", () -> {
      server.close();
      restorer.close();
      stopped.countDown();
    });
    out.printf("gpen4j web demo: %s (model %s, backend %s); live camera page: %slive. Ctrl-C stops it.%n",
        server.uri(), engine.modelName(), restorer.backendName(), server.uri());
    out.flush();
    stopped.await();
    return 0;
  }
}
