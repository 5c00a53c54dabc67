package io.gpen4j.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtException.OrtErrorCode;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.gpen4j.BackendException;
import io.gpen4j.GpenException;
import io.gpen4j.ModelException;
import io.gpen4j.onnxformat.ProtoMessage;
import io.gpen4j.onnxformat.rewrite.ConstantKernelForm;
import io.gpen4j.onnxformat.rewrite.ModelCache;
import io.gpen4j.spi.Device;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.OptimizationLevel;
import io.gpen4j.spi.Precision;
import io.gpen4j.spi.SessionSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens one model: prepares the file (constant-kernel rewrite of official GPEN exports,
 * {@link ConstantKernelForm}; FP16 conversion), sets up the execution provider, reuses or
 * writes the optimised model in the cache folder, and translates ONNX Runtime's errors into the
 * library's exceptions. One instance per {@link OnnxBackend#open} call; not thread-safe.
 *
 * <p>Optimised-model cache: on the first load ONNX Runtime writes the graph it optimised
 * ({@code SessionOptions.setOptimizedModelFilePath}); later loads read that file with
 * optimisation switched off, skipping the graph rewrites. Not used for TensorRT, whose compiled
 * nodes cannot be saved as ONNX (it has its own engine cache), nor for optimisation level NONE.
 */
final class OrtSessionOpener {
  private static final Logger LOG = LoggerFactory.getLogger(OrtSessionOpener.class);

  private final OrtEnvironment env;
  private final ModelCache cache;
  private final ModelSource source;
  private final SessionSettings settings;

  /** A model to load: a file, or bytes converted in memory. */
  private record ModelFile(Path path, byte[] bytes) {
    OrtSession create(OrtEnvironment env, SessionOptions options) throws OrtException {
      return bytes != null ? env.createSession(bytes, options) : env.createSession(path.toString(), options);
    }
  }

  OrtSessionOpener(OrtEnvironment env, ModelCache cache, ModelSource source, SessionSettings settings) {
    this.env = env;
    this.cache = cache;
    this.source = source;
    this.settings = settings;
  }

  OnnxSession open() {
    checkFile(source.path());
    Device requested = settings.device();
    if (!requested.isGpu()) {
      return openOn(settings);
    }
    try {
      return openOn(settings);
    } catch (BackendException e) {
      if (!settings.allowCpuFallback()) {
        throw e;
      }
      LOG.warn("{} cannot run on {} ({}); running it on the CPU because allowCpuFallback is set",
          source.name(), requested, e.getMessage());
      return openOn(settings.toBuilder().device(Device.cpu()).build());
    }
  }

  private void checkFile(Path path) {
    if (Files.isDirectory(path)) {
      throw new ModelException("model path " + path + " (" + source.name() + ") is a directory, not an ONNX file");
    }
    if (!Files.exists(path)) {
      throw new ModelException("model file not found: " + path + " (" + source.name() + ")");
    }
    if (!Files.isReadable(path)) {
      throw new ModelException("model file " + path + " (" + source.name() + ") is not readable");
    }
  }

  private OnnxSession openOn(SessionSettings s) {
    return new ConstantKernelForm(cache, source).load(s, form -> openOn(s, form));
  }

  private OnnxSession openOn(SessionSettings s, ConstantKernelForm.Prepared form) {
    try {
      return openPrepared(s, form);
    } finally {
      // ONNX Runtime has read (or copied) the weights once the session exists, or failed to.
      if (form.temporary()) {
        ModelCache.deleteQuietly(form.path());
      }
    }
  }

  private OnnxSession openPrepared(SessionSettings s, ConstantKernelForm.Prepared form) {
    Device device = s.device();
    ModelFile model = prepare(s, form);
    Set<OrtProvider> available = OrtEnvironment.getAvailableProviders();
    try (SessionOptions options = new SessionOptions()) {
      options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
      options.setOptimizationLevel(toOrt(s.optimizationLevel()));
      // Explicit: ONNX Runtime's own default (the physical cores) uses one core on small VMs.
      options.setIntraOpNumThreads(s.resolvedIntraOpThreads());
      // Sleeping, not spinning, idle threads by default: spinners steal a loaded machine's cores (SessionSettings).
      String spin = s.threadSpinning() ? "1" : "0";
      options.addConfigEntry("session.intra_op.allow_spinning", spin);
      options.addConfigEntry("session.inter_op.allow_spinning", spin);
      configureMemory(options, s);
      ExecutionProviders.configure(options, s, available);
      OrtSession session = create(model, options, s, form.key());
      try {
        return new OnnxSession(env, session, source, device);
      } catch (OrtException | RuntimeException e) {
        closeQuietly(session);
        throw e;
      }
    } catch (OrtException e) {
      throw translate(e, s);
    }
  }

  /**
   * CPU memory. The memory pattern (one block planned for all activations of a run) is off: on
   * GPEN-512 it raised the peak sharply for no measurable speed (the arena reuses freed
   * blocks anyway; numbers in the README, "Memory"). Low-memory mode also drops the arena, so freed activations go
   * back to the system, and keeps the weights out of it.
   */
  static void configureMemory(SessionOptions options, SessionSettings s) throws OrtException {
    if (s.device().kind() != Device.Kind.CPU) {
      return;
    }
    options.setMemoryPatternOptimization(false);
    if (s.lowMemory()) {
      options.setCPUArenaAllocator(false);
      options.addConfigEntry("session.use_device_allocator_for_initializers", "1");
    }
  }

  /**
   * Returns the file to load: the constant-kernel form, or its FP16 conversion (cached when a
   * folder is set).
   */
  private ModelFile prepare(SessionSettings s, ConstantKernelForm.Prepared form) {
    ModelFile base = new ModelFile(form.path(), form.bytes());
    boolean convert = s.precision() == Precision.FP16 && s.device().kind() != Device.Kind.TENSORRT;
    if (!convert) {
      return base;
    }
    if (s.device().kind() == Device.Kind.CPU) {
      LOG.warn("{}: FP16 on the CPU: ONNX Runtime's CPU provider has float16 kernels for few "
          + "operators and casts around the rest, so this halves the weights but usually runs "
          + "slower than FP32", source.name());
    }
    Optional<Path> dir = s.cacheDirectory();
    if (dir.isPresent()) {
      Path cached = ModelCache.fp16Model(dir.get(), form.key());
      if (Files.isRegularFile(cached)) {
        LOG.debug("{}: reusing FP16 conversion {}", source.name(), cached);
        return new ModelFile(cached, null);
      }
      Fp16Converter.Result r = convertToFp16(base);
      if (!r.changed()) {
        return base;
      }
      byte[] bytes = r.model().toByteArray();
      try {
        ModelCache.write(cached, bytes);
        return new ModelFile(cached, null);
      } catch (UncheckedIOException e) {
        LOG.warn("{}: cannot cache the FP16 conversion in {}: {}", source.name(), dir.get(), e.getMessage());
        return new ModelFile(null, bytes);
      }
    }
    Fp16Converter.Result r = convertToFp16(base);
    return r.changed() ? new ModelFile(null, r.model().toByteArray()) : base;
  }

  private Fp16Converter.Result convertToFp16(ModelFile base) {
    ByteBuffer bytes = base.bytes() != null ? ByteBuffer.wrap(base.bytes()) : ModelCache.map(base.path());
    try {
      long start = System.nanoTime();
      Fp16Converter.Result r = Fp16Converter.convert(ProtoMessage.parse(bytes));
      LOG.info("{}: converted to FP16 in {} ms ({} tensors, {} casts)", source.name(),
          (System.nanoTime() - start) / 1_000_000, r.convertedTensors(), r.insertedCasts());
      return r;
    } catch (ModelException e) {
      throw new ModelException("cannot convert model " + source.name() + " (" + source.path()
          + ") to FP16: " + e.getMessage(), e);
    }
  }

  private OrtSession create(ModelFile model, SessionOptions options, SessionSettings s, String key)
      throws OrtException {
    Optional<Path> dir = s.cacheDirectory();
    if (dir.isEmpty() || s.optimizationLevel() == OptimizationLevel.NONE
        || s.device().kind() == Device.Kind.TENSORRT) {
      return model.create(env, options);
    }
    Path optimized = ModelCache.optimizedModel(dir.get(), key, s.precision(),
        s.optimizationLevel(), s.device().kind().name().toLowerCase(Locale.ROOT), env.getVersion());
    if (Files.isRegularFile(optimized)) {
      options.setOptimizationLevel(OptLevel.NO_OPT);
      try {
        OrtSession session = env.createSession(optimized.toString(), options);
        LOG.debug("{}: loaded the optimised model {}", source.name(), optimized);
        return session;
      } catch (OrtException e) {
        LOG.warn("{}: cached optimised model {} cannot be loaded ({}); rebuilding it",
            source.name(), optimized, e.getMessage());
        ModelCache.deleteQuietly(optimized);
        options.setOptimizationLevel(toOrt(s.optimizationLevel()));
      }
    }
    Path tmp;
    try {
      tmp = ModelCache.tempFor(optimized);
    } catch (UncheckedIOException e) {
      LOG.warn("{}: cannot write to cache folder {}: {}", source.name(), dir.get(), e.getMessage());
      return model.create(env, options);
    }
    options.setOptimizedModelFilePath(tmp.toString());
    OrtSession session;
    try {
      session = model.create(env, options);
    } catch (OrtException | RuntimeException e) {
      ModelCache.deleteQuietly(tmp);
      throw e;
    }
    try {
      if (Files.size(tmp) > 0) {
        ModelCache.publish(tmp, optimized);
        LOG.debug("{}: saved the optimised model as {}", source.name(), optimized);
      } else {
        ModelCache.deleteQuietly(tmp);
      }
    } catch (IOException e) {
      LOG.warn("{}: cannot save the optimised model in {}: {}", source.name(), dir.get(), e.getMessage());
      ModelCache.deleteQuietly(tmp);
    }
    return session;
  }

  /** Translates an ONNX Runtime failure at load time, once, keeping it as the cause. */
  private GpenException translate(OrtException e, SessionSettings s) {
    String msg = String.valueOf(e.getMessage());
    OrtErrorCode code = e.getCode();
    boolean noKernel = code == OrtErrorCode.ORT_NOT_IMPLEMENTED || msg.contains("Could not find an implementation");
    if (s.precision() == Precision.FP16 && noKernel) {
      return new BackendException("FP16 is not supported for model " + source.name() + " on " + s.device()
          + ": ONNX Runtime's " + providerName(s.device()) + " has no float16 kernel for an operator "
          + "the model needs (" + msg + "); use FP32 on this device", e);
    }
    if (s.device().isGpu() && (code == OrtErrorCode.ORT_EP_FAIL || mentionsGpu(msg))) {
      return new BackendException("ONNX Runtime cannot run " + source.name() + " on " + s.device() + ": "
          + msg + "; " + ExecutionProviders.GPU_REQUIREMENTS, e);
    }
    if (code == OrtErrorCode.ORT_NO_SUCHFILE) {
      return new ModelException("model file not found: " + source.path() + " (" + source.name() + ")", e);
    }
    String problem = code == OrtErrorCode.ORT_INVALID_PROTOBUF
        ? "not a valid ONNX file (truncated or not a protobuf model)"
        : noKernel ? "it uses an operator ONNX Runtime cannot run" : "ONNX Runtime rejected it";
    return new ModelException("cannot load model " + source.name() + " from " + source.path() + ": "
        + problem + " [" + code + ": " + msg + "]", e);
  }

  private static boolean mentionsGpu(String msg) {
    String m = msg.toLowerCase(Locale.ROOT);
    return m.contains("cuda") || m.contains("cudnn") || m.contains("tensorrt") || m.contains("cublas");
  }

  private static String providerName(Device device) {
    switch (device.kind()) {
      case CUDA:
        return OrtProvider.CUDA.getName();
      case TENSORRT:
        return OrtProvider.TENSOR_RT.getName();
      default:
        return OrtProvider.CPU.getName();
    }
  }

  static OptLevel toOrt(OptimizationLevel level) {
    switch (level) {
      case NONE:
        return OptLevel.NO_OPT;
      case BASIC:
        return OptLevel.BASIC_OPT;
      case EXTENDED:
        return OptLevel.EXTENDED_OPT;
      default:
        return OptLevel.ALL_OPT;
    }
  }

  private void closeQuietly(OrtSession session) {
    try {
      session.close();
    } catch (OrtException | RuntimeException e) {
      LOG.warn("closing a half-opened session for {} failed", source.name(), e);
    }
  }
}
