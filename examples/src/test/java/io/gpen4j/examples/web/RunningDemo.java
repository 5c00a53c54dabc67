package io.gpen4j.examples.web;

import io.gpen4j.FaceRestorer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The web tests' shared set-up: a restorer and a demo server on it, started before a test class's
 * first test and closed after its last (the server first, then the restorer it does not own).
 * Register it with {@code @RegisterExtension static final RunningDemo DEMO = new RunningDemo(...)}.
 */
final class RunningDemo implements BeforeAllCallback, AfterAllCallback {
  private final Supplier<FaceRestorer> restorers;
  private final WebDemoServer.Settings settings;
  private FaceRestorer restorer;
  private WebDemoServer server;

  /**
   * @param restorers opens the restorer, once per test class
   * @param settings the server's settings; tests bind 127.0.0.1
   */
  RunningDemo(Supplier<FaceRestorer> restorers, WebDemoServer.Settings settings) {
    this.restorers = restorers;
    this.settings = settings;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    restorer = restorers.get();
    try {
      server = WebDemoServer.start(restorer, settings);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null) {
      server.close();
    }
    if (restorer != null) {
      restorer.close();
    }
  }

  WebDemoServer server() {
    return server;
  }

  FaceRestorer restorer() {
    return restorer;
  }
}
