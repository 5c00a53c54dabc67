package io.gpen4j.internal.download;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The HTTP client for downloads: the caller's, or one created on first use, so that resolving
 * models that are already on disk never starts the client's threads. Thread-safe.
 */
public final class LazyHttpClient implements Supplier<HttpClient> {
  private final HttpClient configured;
  private final Duration connectTimeout;
  private HttpClient created;

  /**
   * Creates the supplier.
   *
   * @param configured the caller's client, or null to create one that follows redirects
   * @param connectTimeout the created client's connect timeout
   */
  public LazyHttpClient(HttpClient configured, Duration connectTimeout) {
    this.configured = configured;
    this.connectTimeout = connectTimeout;
  }

  @Override
  public synchronized HttpClient get() {
    if (configured != null) {
      return configured;
    }
    if (created == null) {
      created =
          HttpClient.newBuilder()
              .connectTimeout(connectTimeout)
              .followRedirects(HttpClient.Redirect.NORMAL)
              .build();
    }
    return created;
  }
}
