package io.gpen4j.spi;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How a backend should run a model: device, precision, threads and optimisation. Immutable; build
 * with {@link #builder()}. A backend ignores a setting it has no use for and says so in its docs.
 */
public final class SessionSettings {
  /** The settings used when none are given: CPU, FP32, one thread per core, full optimisation. */
  public static final SessionSettings DEFAULTS = builder().build();

  private final Device device;
  private final Precision precision;
  private final int intraOpThreads;
  private final int concurrency;
  private final OptimizationLevel optimizationLevel;
  private final Path cacheDirectory;
  private final boolean allowCpuFallback;
  private final long gpuMemoryLimitBytes;
  private final boolean exhaustiveConvSearch;
  private final boolean lowMemory;
  private final boolean rewriteOfficialExports;
  private final boolean threadSpinning;
  private final boolean freeImageSize;

  private SessionSettings(Builder b) {
    this.device = b.device;
    this.precision = b.precision;
    this.intraOpThreads = b.intraOpThreads;
    this.concurrency = b.concurrency;
    this.optimizationLevel = b.optimizationLevel;
    this.cacheDirectory = b.cacheDirectory;
    this.allowCpuFallback = b.allowCpuFallback;
    this.gpuMemoryLimitBytes = b.gpuMemoryLimitBytes;
    this.exhaustiveConvSearch = b.exhaustiveConvSearch;
    this.lowMemory = b.lowMemory;
    this.rewriteOfficialExports = b.rewriteOfficialExports;
    this.threadSpinning = b.threadSpinning;
    this.freeImageSize = b.freeImageSize;
  }

  /** Returns a builder with the default values. @return a new builder */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder that starts from these settings. @return a new builder */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.device = device;
    b.precision = precision;
    b.intraOpThreads = intraOpThreads;
    b.concurrency = concurrency;
    b.optimizationLevel = optimizationLevel;
    b.cacheDirectory = cacheDirectory;
    b.allowCpuFallback = allowCpuFallback;
    b.gpuMemoryLimitBytes = gpuMemoryLimitBytes;
    b.exhaustiveConvSearch = exhaustiveConvSearch;
    b.lowMemory = lowMemory;
    b.rewriteOfficialExports = rewriteOfficialExports;
    b.threadSpinning = threadSpinning;
    b.freeImageSize = freeImageSize;
    return b;
  }

  /** Returns the device. @return the device; the CPU by default */
  public Device device() {
    return device;
  }

  /** Returns the precision. @return the precision; FP32 by default */
  public Precision precision() {
    return precision;
  }

  /**
   * Returns the threads one model run may use, as set.
   *
   * @return the count; 0 (the default) means {@link #resolvedIntraOpThreads()}
   */
  public int intraOpThreads() {
    return intraOpThreads;
  }

  /**
   * Returns the intra-op threads a backend gives one model run: the value set, or by default the
   * available cores ({@link io.gpen4j.Threads#availableCores()}, which honours container CPU limits)
   * shared between the {@link #concurrency()} runs expected at once. Backends set this number
   * explicitly rather than leave it to the runtime, whose own choice (the physical cores) is one
   * core on small virtual machines (numbers in the gpen-onnx README, "Threads").
   *
   * @return at least 1
   */
  public int resolvedIntraOpThreads() {
    if (intraOpThreads > 0) {
      return intraOpThreads;
    }
    return io.gpen4j.Threads.sharedBy(Math.max(1, concurrency)).intraOpThreads();
  }

  /**
   * Returns how many runs a session should be ready to serve at once, for backends that keep a
   * pool of per-thread runners (DJL's predictors).
   *
   * @return the pool size; 0 lets the backend choose
   */
  public int concurrency() {
    return concurrency;
  }

  /** Returns the graph optimisation level. @return the level; {@code ALL} by default */
  public OptimizationLevel optimizationLevel() {
    return optimizationLevel;
  }

  /**
   * Returns the directory where a backend may keep optimised or converted models (for example
   * an FP16 conversion or a TensorRT engine) so the next load is faster.
   *
   * @return the directory, if set
   */
  public Optional<Path> cacheDirectory() {
    return Optional.ofNullable(cacheDirectory);
  }

  /**
   * Returns whether a backend may run on the CPU when the requested GPU cannot be used. When
   * false (the default) it fails with a message saying why the GPU could not be used.
   *
   * @return true to fall back to the CPU, with a log warning
   */
  public boolean allowCpuFallback() {
    return allowCpuFallback;
  }

  /** Returns the GPU memory cap for the model's arena. @return bytes; 0 means no cap */
  public long gpuMemoryLimitBytes() {
    return gpuMemoryLimitBytes;
  }

  /**
   * Returns whether the GPU backend should benchmark convolution algorithms and keep the fastest
   * (slower first run, faster later runs).
   *
   * @return true for an exhaustive search
   */
  public boolean exhaustiveConvSearch() {
    return exhaustiveConvSearch;
  }

  /**
   * Returns whether a CPU backend should trade speed for a smaller peak memory, for small hosts.
   * See {@link Builder#lowMemory(boolean)} for what it does and costs.
   *
   * @return true for the low-memory mode; false by default
   */
  public boolean lowMemory() {
    return lowMemory;
  }

  /**
   * Returns whether an ONNX backend rewrites a generator exported from the official GPEN code
   * (kernels modulated at run time) into constant-kernel form at load. See
   * {@link Builder#rewriteOfficialExports(boolean)}.
   *
   * @return true by default
   */
  public boolean rewriteOfficialExports() {
    return rewriteOfficialExports;
  }

  /**
   * Returns whether idle intra-op threads spin for work instead of sleeping. See
   * {@link Builder#threadSpinning(boolean)}.
   *
   * @return false by default
   */
  public boolean threadSpinning() {
    return threadSpinning;
  }

  /**
   * Returns whether an ONNX backend frees the height and width of a model's image input where the
   * graph works at any size. See {@link Builder#freeImageSize(boolean)}.
   *
   * @return false by default
   */
  public boolean freeImageSize() {
    return freeImageSize;
  }

  @Override
  public String toString() {
    return "SessionSettings{device=" + device
        + ", precision=" + precision
        + ", intraOpThreads=" + intraOpThreads
        + ", concurrency=" + concurrency
        + ", optimizationLevel=" + optimizationLevel
        + ", cacheDirectory=" + cacheDirectory
        + ", allowCpuFallback=" + allowCpuFallback
        + ", gpuMemoryLimitBytes=" + gpuMemoryLimitBytes
        + ", exhaustiveConvSearch=" + exhaustiveConvSearch
        + ", lowMemory=" + lowMemory
        + ", rewriteOfficialExports=" + rewriteOfficialExports
        + ", threadSpinning=" + threadSpinning
        + ", freeImageSize=" + freeImageSize + '}';
  }

  /** Builds {@link SessionSettings}. Not thread-safe; {@link #build()} leaves it reusable. */
  public static final class Builder {
    private Device device = Device.cpu();
    private Precision precision = Precision.FP32;
    private int intraOpThreads = 0;
    private int concurrency = 0;
    private OptimizationLevel optimizationLevel = OptimizationLevel.ALL;
    private Path cacheDirectory;
    private boolean allowCpuFallback = false;
    private long gpuMemoryLimitBytes = 0;
    private boolean exhaustiveConvSearch = false;
    private boolean lowMemory = false;
    private boolean rewriteOfficialExports = true;
    private boolean threadSpinning = false;
    private boolean freeImageSize = false;

    private Builder() {}

    /**
     * Sets the device.
     *
     * @param device where to run
     * @return this builder
     */
    public Builder device(Device device) {
      this.device = Objects.requireNonNull(device, "device");
      return this;
    }

    /**
     * Sets the precision.
     *
     * @param precision FP32 or FP16
     * @return this builder
     */
    public Builder precision(Precision precision) {
      this.precision = Objects.requireNonNull(precision, "precision");
      return this;
    }

    /**
     * Sets the threads one model run may use. When several threads call a restorer at once, give
     * each {@code Threads.sharedBy(callers).intraOpThreads()} so the runs do not take
     * more cores than there are.
     *
     * @param threads a count, or 0 for the default ({@link SessionSettings#resolvedIntraOpThreads()})
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder intraOpThreads(int threads) {
      if (threads < 0) {
        throw new IllegalArgumentException("intraOpThreads must not be negative: " + threads);
      }
      this.intraOpThreads = threads;
      return this;
    }

    /**
     * Sets how many concurrent runs a session should be ready for.
     *
     * @param runs a count, or 0 to let the backend choose
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder concurrency(int runs) {
      if (runs < 0) {
        throw new IllegalArgumentException("concurrency must not be negative: " + runs);
      }
      this.concurrency = runs;
      return this;
    }

    /**
     * Sets the graph optimisation level.
     *
     * @param level the level
     * @return this builder
     */
    public Builder optimizationLevel(OptimizationLevel level) {
      this.optimizationLevel = Objects.requireNonNull(level, "level");
      return this;
    }

    /**
     * Sets where optimised or converted models are cached.
     *
     * @param directory the directory, created when needed
     * @return this builder
     */
    public Builder cacheDirectory(Path directory) {
      this.cacheDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Allows running on the CPU when the requested GPU cannot be used.
     *
     * @param allow true to fall back with a warning, false to fail
     * @return this builder
     */
    public Builder allowCpuFallback(boolean allow) {
      this.allowCpuFallback = allow;
      return this;
    }

    /**
     * Caps the GPU memory a session's arena may take.
     *
     * @param bytes the cap, or 0 for none
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder gpuMemoryLimitBytes(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("gpuMemoryLimitBytes must not be negative: " + bytes);
      }
      this.gpuMemoryLimitBytes = bytes;
      return this;
    }

    /**
     * Asks the GPU backend to benchmark convolution algorithms on the first run.
     *
     * @param exhaustive true for an exhaustive search
     * @return this builder
     */
    public Builder exhaustiveConvSearch(boolean exhaustive) {
      this.exhaustiveConvSearch = exhaustive;
      return this;
    }

    /**
     * Asks a CPU backend for its smallest peak memory at some cost in speed, for hosts where a
     * GPEN-512 or larger model would not fit otherwise. The {@code onnx} and
     * {@code djl-onnxruntime} backends then switch off ONNX Runtime's CPU memory arena, so that
     * each activation is returned to the system when freed instead of being kept for the next
     * run; the {@code onnx} backend also allocates the weights outside the arena
     * ({@code session.use_device_allocator_for_initializers}). The gpen-onnx README ("Memory")
     * gives the peak memory saved and the time it costs. GPU sessions and libtorch ignore it.
     *
     * @param low true for the low-memory mode
     * @return this builder
     */
    public Builder lowMemory(boolean low) {
      this.lowMemory = low;
      return this;
    }

    /**
     * Sets whether the {@code onnx} and {@code djl-onnxruntime} backends rewrite a generator
     * exported from the official GPEN code (kernels computed at run time, blur through reshapes)
     * into the constant-kernel form of the project's converter when they load it: same outputs,
     * faster on a CPU (see the gpen-onnx README). Off loads such a file as exported, for
     * comparisons. Other models are never changed.
     *
     * @param rewrite true (the default) to rewrite
     * @return this builder
     */
    public Builder rewriteOfficialExports(boolean rewrite) {
      this.rewriteOfficialExports = rewrite;
      return this;
    }

    /**
     * Sets whether the {@code onnx} and {@code djl-onnxruntime} backends free the height and width
     * of a model whose one image input is declared at a fixed size, so it runs at other sizes too:
     * done only when every node of the graph works at any size (convolutions, pooling,
     * element-wise operators, resizes by constant factors, the flatten of detector heads);
     * otherwise the model keeps its declared size, which {@link ModelSession#inputs()} then shows.
     * At the declared size a freed model computes what the exported one does. The detect stage sets
     * it for its detector (YuNet is exported at 640 x 640), so a search can run the detector on a
     * region cut to size. Backends that cannot change a graph ignore it.
     *
     * @param free true to free the size where the graph allows; false (the default) to keep it
     * @return this builder
     */
    public Builder freeImageSize(boolean free) {
      this.freeImageSize = free;
      return this;
    }

    /**
     * Sets whether a CPU backend's idle intra-op threads spin (busy-wait) for the next operator's
     * work instead of sleeping. Off by default: on a machine whose cores are taken by other work
     * (a busy server, a shared CI box), spinning threads burn the time slices the working threads
     * need: a 2-thread GPEN-256 session ran 1.6-1.8x slower than a 1-thread one at load 6-9 on 2
     * cores (issue 29) and 1.44x at load 20, while with sleeping threads it ran 0.79x (gpen-bench
     * README, "Threads under contention"). On an idle machine spinning may save each operator a
     * wake-up; GPEN's convolutions run for milliseconds each, so that is small. The {@code onnx} backend sets
     * ONNX Runtime's {@code session.intra_op.allow_spinning} and {@code session.inter_op.allow_spinning};
     * other backends ignore it.
     *
     * @param spin true to let idle threads spin
     * @return this builder
     */
    public Builder threadSpinning(boolean spin) {
      this.threadSpinning = spin;
      return this;
    }

    /**
     * Builds the settings.
     *
     * @return immutable settings
     */
    public SessionSettings build() {
      return new SessionSettings(this);
    }
  }
}
