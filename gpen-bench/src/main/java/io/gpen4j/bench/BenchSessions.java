package io.gpen4j.bench;

import io.gpen4j.BackendException;
import io.gpen4j.DetectorStage;
import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.GeneratorStage;
import io.gpen4j.Limits;
import io.gpen4j.RestorationException;
import io.gpen4j.internal.backend.BackendLocator;
import io.gpen4j.spi.InferenceBackend;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the backend benchmarks share: finding a backend by its ServiceLoader name, the session
 * settings of a configuration, and opening models with every "cannot run here" turned into a
 * {@link CombinationSkippedException} (recorded in the {@link SkipLog}) instead of a crash.
 *
 * <p>Threads: {@code -Dgpen4j.bench.threads=N} (default: all processors) for the intra-op pool of
 * every backend that has one; {@code djl-pytorch} uses libtorch's process-wide pool, which the
 * runner sizes with {@code -Dai.djl.pytorch.num_threads}.
 */
final class BenchSessions {
  /** The system property with the intra-op thread count. */
  static final String THREADS_PROPERTY = "gpen4j.bench.threads";
  /** The system property with the longest first run, in ms, a setup accepts. */
  static final String MAX_FIRST_RUN_PROPERTY = "gpen4j.bench.maxFirstRunMillis";

  private BenchSessions() {}

  static int threads() {
    return Integer.getInteger(THREADS_PROPERTY, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Returns a new instance of the named backend, unchecked: for timing a load the way a new
   * process would do it, with nothing a previous instance memoised.
   *
   * @throws CombinationSkippedException if it is not on the class path
   */
  static InferenceBackend freshInstance(String name) {
    List<InferenceBackend> all = BackendLocator.all(BenchSessions.class.getClassLoader());
    return all.stream().filter(b -> b.name().equals(name)).findFirst()
        .orElseThrow(() -> SkipLog.skip("backend '" + name + "' is not on the class path (have: "
            + all.stream().map(InferenceBackend::name).collect(Collectors.joining(", ")) + ")", null));
  }

  /**
   * Returns a fresh instance of the named backend (a new one per call, so nothing a backend
   * memoises survives between two loads), checked against the configuration.
   *
   * @throws CombinationSkippedException if it is not on the class path, cannot load, or lacks the
   *     device or precision
   */
  static InferenceBackend backend(BenchConfig config) {
    InferenceBackend backend = freshInstance(config.backend());
    if (config.device().isGpu()) {
      GpuMemory gpu = GpuMemory.probe(config.device().index());
      if (!gpu.available()) {
        throw SkipLog.skip(gpu.description(), null);
      }
    }
    if (!backend.isAvailable()) {
      throw SkipLog.skip(config.backend() + " cannot load its native runtime on this machine", null);
    }
    if (!backend.deviceKinds().contains(config.device().kind())) {
      throw SkipLog.skip(config.backend() + " has no " + config.device().kind() + " support on this class path "
          + "(supports " + backend.deviceKinds() + ")", null);
    }
    if (!backend.precisions().contains(config.precision())) {
      throw SkipLog.skip(config.backend() + " does not run " + config.precision(), null);
    }
    return backend;
  }

  /** Returns the generator file of a configuration. */
  static Path generatorFile(BenchConfig config) {
    ModelFiles files = ModelFiles.fromSystemProperties();
    return files.find(config).orElseThrow(() -> SkipLog.skip(files.missingReason(config), null));
  }

  /** Returns the settings of a configuration, with an optional model cache. */
  static SessionSettings settings(BenchConfig config, Path cacheDirectory) {
    SessionSettings.Builder b = SessionSettings.builder()
        .device(config.device())
        .precision(config.precision())
        .intraOpThreads(threads())
        .concurrency(Math.max(1, threads()));
    if (cacheDirectory != null) {
      b.cacheDirectory(cacheDirectory);
    }
    return b.build();
  }

  /**
   * Opens a generator.
   *
   * @throws CombinationSkippedException if the backend cannot use the device or precision
   */
  static ModelSession open(InferenceBackend backend, Path model, SessionSettings settings) {
    try {
      return backend.open(ModelSource.of(model), settings);
    } catch (BackendException e) {
      throw SkipLog.skip(e.getMessage(), e);
    }
  }

  /**
   * Builds a restorer with the configuration's generator and YuNet on the same backend.
   *
   * @throws CombinationSkippedException if the backend cannot use the device or precision
   */
  static FaceRestorer restorer(BenchConfig config) {
    return restorer(config, 0);
  }

  /**
   * Builds a restorer as {@link #restorer(BenchConfig)} does, sending up to {@code maxBatchSize}
   * faces per generator call (0: the library's default).
   *
   * @throws CombinationSkippedException if the backend cannot use the device or precision
   */
  static FaceRestorer restorer(BenchConfig config, int maxBatchSize) {
    InferenceBackend backend = backend(config);
    Path generator = generatorFile(config);
    try {
      FaceRestorer.Builder b = FaceRestorer.builder()
          .backend(backend)
          .sessionSettings(settings(config, null))
          .generator(GeneratorStage.of(generator))
          .detector(DetectorStage.of(DetectorType.YUNET,
              BenchData.shared("models/detectors/face_detection_yunet_2023mar.onnx")));
      if (maxBatchSize > 0) {
        b.limits(Limits.defaults().withMaxBatchSize(maxBatchSize));
      }
      return b.build();
    } catch (BackendException e) {
      throw SkipLog.skip(e.getMessage(), e);
    }
  }

  /**
   * Runs the first inference of a setup (three for {@code djl-pytorch}, whose TorchScript executor
   * profiles and re-optimises the graph over its first runs). An FP16 failure there means the
   * device has no FP16 kernels for some operator: a combination that cannot run, not a bug. A
   * first run slower than {@value #MAX_FIRST_RUN_PROPERTY} (set by the quick report) is skipped
   * with its time, since a JMH iteration cannot stop inside one operation.
   */
  static <T> T firstRun(BenchConfig config, java.util.function.Supplier<T> run) {
    try {
      long t0 = System.nanoTime();
      T result = run.get();
      long millis = (System.nanoTime() - t0) / 1_000_000;
      long limit = Long.getLong(MAX_FIRST_RUN_PROPERTY, Long.MAX_VALUE);
      if (millis > limit) {
        throw SkipLog.skip(String.format(java.util.Locale.ROOT,
            "too slow for this mode: the first run took %.1f s (limit %.1f s)", millis / 1000.0, limit / 1000.0), null);
      }
      int runs = BenchConfig.DJL_PYTORCH.equals(config.backend()) ? 3 : 1;
      for (int i = 1; i < runs; i++) {
        result = run.get();
      }
      return result;
    } catch (RestorationException e) {
      if (config.precision() == io.gpen4j.spi.Precision.FP16) {
        throw SkipLog.skip("FP16 does not run on " + config.device() + " with " + config.backend() + ": "
            + e.getMessage(), e);
      }
      throw e;
    }
  }

  /**
   * Builds a restorer and restores the photo once (its first run, see {@link #firstRun}), checking
   * that it finds a face; the restorer is closed if that fails.
   */
  static FaceRestorer warmRestorer(BenchConfig config, java.awt.image.BufferedImage photo) {
    return warmRestorer(config, photo, 0);
  }

  /** As {@link #warmRestorer(BenchConfig, java.awt.image.BufferedImage)}, with a batch cap (0: default). */
  static FaceRestorer warmRestorer(BenchConfig config, java.awt.image.BufferedImage photo, int maxBatchSize) {
    FaceRestorer restorer = restorer(config, maxBatchSize);
    try {
      io.gpen4j.RestoreResult first = firstRun(config, () -> restorer.restore(photo));
      if (first.faces().isEmpty()) {
        throw new IllegalStateException("no face found in the " + photo.getWidth() + "x"
            + photo.getHeight() + " benchmark photo");
      }
      return restorer;
    } catch (RuntimeException e) {
      restorer.close();
      throw e;
    }
  }
}
