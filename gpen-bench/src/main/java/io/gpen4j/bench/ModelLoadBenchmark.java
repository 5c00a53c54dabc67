package io.gpen4j.bench;

import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.SessionSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long does loading the generator take? One shot per iteration: a new backend instance opens
 * the model (the reference deployment's "model load"). {@code cache=cold} loads with no cache
 * folder (ONNX Runtime optimises the graph, and converts it for FP16, every time);
 * {@code cache=cached} loads from the cache that setup filled: the optimised model for {@code onnx},
 * the constant-kernel form of an official export for {@code djl-onnxruntime} ({@code djl-pytorch}
 * ignores the cache folder, so that combination is skipped). The warm-up shot pays the
 * one-time native library start, which is not counted.
 *
 * <pre>
 * java -jar gpen-bench/target/gpen-bench.jar ModelLoadBenchmark -p backend=onnx -p device=cpu -p modelSize=256
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class ModelLoadBenchmark extends BenchConfigParams {
  /** {@code cold} (no cache folder) or {@code cached} (optimised model on disk). */
  @Param({"cold", "cached"})
  public String cache;

  private BenchConfig config;
  private Path model;
  private Path cacheDirectory;
  private SessionSettings settings;
  private ModelSession session;

  /** Checks the combination, finds the model and, for {@code cached}, fills the cache. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    config = benchConfig();
    BenchSessions.backend(config);
    model = BenchSessions.generatorFile(config);
    if ("cached".equals(cache)) {
      if (BenchConfig.DJL_PYTORCH.equals(config.backend())) {
        throw SkipLog.skip(config.backend() + " keeps no model cache (it ignores cacheDirectory)", null);
      }
      cacheDirectory = Files.createTempDirectory("gpen4j-bench-cache");
      settings = BenchSessions.settings(config, cacheDirectory);
      BenchSessions.open(BenchSessions.freshInstance(config.backend()), model, settings).close();
    } else if ("cold".equals(cache)) {
      settings = BenchSessions.settings(config, null);
    } else {
      throw new IllegalArgumentException("cache must be cold or cached: " + cache);
    }
  }

  /** @return the loaded session, closed after the iteration */
  @Benchmark
  public ModelSession load() {
    session = BenchSessions.open(BenchSessions.freshInstance(config.backend()), model, settings);
    return session;
  }

  /** Closes the session the shot opened. */
  @TearDown(Level.Iteration)
  public void closeSession() {
    if (session != null) {
      session.close();
      session = null;
    }
  }

  /** Deletes the cache folder. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (cacheDirectory != null) {
      try (Stream<Path> files = Files.walk(cacheDirectory)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete " + cacheDirectory, e);
      }
    }
  }
}
