package io.gpen4j.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a model download test starts from, fresh for each test: a {@link TestModelServer} on
 * 127.0.0.1, a not yet created cache directory inside the test's temporary directory, and seeded
 * random model bytes. Register it with {@code @RegisterExtension}; the server is closed after each
 * test.
 */
public final class ModelDownloadSite implements BeforeEachCallback, AfterEachCallback {
  private final Supplier<Path> directory;
  private final long seed;
  private final int size;
  private TestModelServer server;
  private Path cache;
  private byte[] bytes;

  /**
   * Describes the site; nothing starts before a test.
   *
   * @param directory the test's temporary directory, read when each test starts (a {@code @TempDir}
   *     field is set by then)
   * @param seed the seed of the model bytes
   * @param size how many model bytes
   */
  public ModelDownloadSite(Supplier<Path> directory, long seed, int size) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.seed = seed;
    this.size = size;
  }

  /**
   * Seeded random bytes, standing in for a model file.
   *
   * @param seed the seed
   * @param size how many bytes
   * @return the bytes, the same for the same seed and size
   */
  public static byte[] payload(long seed, int size) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    server = new TestModelServer();
    cache = directory.get().resolve("cache");
    bytes = payload(seed, size);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    server.close();
  }

  /** @return the server of the current test */
  public TestModelServer server() {
    return server;
  }

  /** @return the cache directory of the current test (not created) */
  public Path cache() {
    return cache;
  }

  /** @return the model bytes (the array itself, not a copy) */
  public byte[] bytes() {
    return bytes;
  }
}
