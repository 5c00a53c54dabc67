package io.gpen4j.djl;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import io.gpen4j.BackendException;
import io.gpen4j.ModelException;
import io.gpen4j.onnxformat.rewrite.ConstantKernelForm;
import io.gpen4j.onnxformat.rewrite.ModelCache;
import io.gpen4j.spi.Device;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.OptimizationLevel;
import io.gpen4j.spi.Precision;
import io.gpen4j.spi.SessionSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens one model through DJL: checks the file, the device and the precision, loads the model,
 * describes it, and translates DJL's failures into the library's exceptions, once, keeping them
 * as causes. One instance per {@code open} call; not thread-safe.
 *
 * <p>An ONNX file is opened in the form {@link ConstantKernelForm} prepares, as the {@code onnx}
 * backend opens it: an official GPEN export rewritten into constant-kernel form (cached in
 * {@code SessionSettings.cacheDirectory()} under the same name, so both backends share the file),
 * anything else as it is. The two backends then differ only by their binding.
 *
 * <p>Precision: DJL loads a model in the precision it is stored in (DJL 0.36 can neither convert
 * an ONNX graph nor cast a TorchScript module at load), so FP16 needs a half-precision file: an
 * FP16 .onnx, or a TorchScript module saved after {@code .half()}. Asking for FP16 with a float32
 * file fails with a message saying so; a half-precision file runs in half precision whatever was
 * asked, with float32 tensors at the boundary.
 */
final class DjlSessionOpener {
  private static final Logger LOG = LoggerFactory.getLogger(DjlSessionOpener.class);

  private final DjlEngine kind;
  private final ModelCache cache;
  private final ModelSource source;
  private final SessionSettings settings;

  DjlSessionOpener(DjlEngine kind, ModelCache cache, ModelSource source, SessionSettings settings) {
    this.kind = kind;
    this.cache = cache;
    this.source = source;
    this.settings = settings;
  }

  DjlSession open() {
    checkFile(source.path());
    Engine engine = EngineLoader.load(kind);
    if (kind == DjlEngine.PYTORCH) {
      TorchThreads.apply(settings);
    }
    Device device = chooseDevice(engine);
    if (!device.isGpu()) {
      return openOn(device);
    }
    try {
      return openOn(device);
    } catch (BackendException e) {
      // The GPU looked usable but loading on it failed (out of memory, a kernel missing).
      if (!settings.allowCpuFallback()) {
        throw e;
      }
      LOG.warn("{} cannot load {} on {} ({}); running it on the CPU because allowCpuFallback is set",
          kind.backendName(), source.name(), device, e.getMessage());
      return openOn(Device.cpu());
    }
  }

  private DjlSession openOn(Device device) {
    if (kind != DjlEngine.ONNX_RUNTIME) {
      return openFile(device, source.path());
    }
    return new ConstantKernelForm(cache, source).load(settings, form -> openPrepared(device, form));
  }

  private DjlSession openPrepared(Device device, ConstantKernelForm.Prepared form) {
    if (form.path() == null) {
      // Rewritten in memory only (no cache folder, temporary folder not writable): DJL loads files.
      LOG.debug("{}: no file for the constant-kernel form; loading the file as exported", source.name());
      return openFile(device, source.path());
    }
    try {
      return openFile(device, form.path());
    } finally {
      // ONNX Runtime has read the file once the session exists, or failed to.
      if (form.temporary()) {
        ModelCache.deleteQuietly(form.path());
      }
    }
  }

  private DjlSession openFile(Device device, Path file) {
    Model model = newModel(device);
    try {
      load(model, device, file);
      ModelSignature signature = describe(model, file);
      checkPrecision(signature);
      return new DjlSession(model, source, kind, device, signature, poolSize());
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  private void checkFile(Path path) {
    if (Files.isDirectory(path)) {
      throw new ModelException("model path " + path + " (" + source.name() + ") is a directory, not a model file");
    }
    if (!Files.exists(path)) {
      throw new ModelException("model file not found: " + path + " (" + source.name() + ")");
    }
    if (!Files.isReadable(path)) {
      throw new ModelException("model file " + path + " (" + source.name() + ") is not readable");
    }
  }

  /** Returns the requested device, or the CPU when the GPU cannot be used and fallback is allowed. */
  private Device chooseDevice(Engine engine) {
    Device requested = settings.device();
    if (!requested.isGpu()) {
      return requested;
    }
    String problem = gpuProblem(engine, requested);
    if (problem == null) {
      return requested;
    }
    if (!settings.allowCpuFallback()) {
      throw new BackendException(kind.backendName() + " cannot run " + source.name() + " on " + requested
          + ": " + problem);
    }
    LOG.warn("{} cannot run {} on {} ({}); running it on the CPU because allowCpuFallback is set",
        kind.backendName(), source.name(), requested, problem);
    return Device.cpu();
  }

  /** Returns why the GPU cannot be used, or null when it can. */
  private String gpuProblem(Engine engine, Device device) {
    if (kind == DjlEngine.PYTORCH) {
      if (device.kind() == Device.Kind.TENSORRT) {
        return "DJL's PyTorch engine does not drive TensorRT; ask for cuda:" + device.index();
      }
      if (!engine.hasCapability(StandardCapabilities.CUDA)) {
        return "the PyTorch native library on the class path is built without CUDA (pytorch-native-cpu); "
            + "add ai.djl.pytorch:pytorch-native-cu128:2.7.1:linux-x86_64 instead (see the gpen-djl README)";
      }
    } else {
      Set<OrtProvider> providers = OrtEnvironment.getAvailableProviders();
      if (!providers.contains(OrtProvider.CUDA)) {
        return "the ONNX Runtime on the class path has no CUDA execution provider "
            + "(com.microsoft.onnxruntime:onnxruntime is CPU-only; use onnxruntime_gpu with CUDA 12 and cuDNN 9)";
      }
      if (device.kind() == Device.Kind.TENSORRT && !providers.contains(OrtProvider.TENSOR_RT)) {
        return "the ONNX Runtime on the class path has no TensorRT execution provider";
      }
    }
    int gpus = engine.getGpuCount();
    if (device.index() >= gpus) {
      return gpus == 0
          ? "no CUDA GPU is visible to DJL (no driver, or CUDA_VISIBLE_DEVICES hides them all)"
          : "there is no CUDA GPU " + device.index() + "; DJL sees " + gpus;
    }
    return null;
  }

  private Model newModel(Device device) {
    try {
      return Model.newInstance(source.name(), toDjl(device), kind.djlName());
    } catch (RuntimeException e) {
      throw new BackendException("DJL's " + kind.djlName() + " engine cannot create a model on " + device
          + ": " + e.getMessage(), e);
    }
  }

  private static ai.djl.Device toDjl(Device device) {
    return device.isGpu() ? ai.djl.Device.gpu(device.index()) : ai.djl.Device.cpu();
  }

  private void load(Model model, Device device, Path file) {
    // DJL's string options can switch the memory pattern and the arena on but not off, so the
    // CPU memory settings go in as a SessionOptions object, which DJL starts from.
    try (OrtSession.SessionOptions memory = cpuMemoryOptions(device)) {
      Map<String, Object> options = options(device);
      if (memory != null) {
        options.put("sessionOptions", memory);
      }
      model.load(file, null, options);
    } catch (OrtException e) {
      throw new BackendException("ONNX Runtime rejected the session options for " + source.name() + ": "
          + e.getMessage(), e);
    } catch (IOException e) {
      throw new ModelException("cannot read model file " + source.path() + " (" + source.name() + "): "
          + e.getMessage(), e);
    } catch (MalformedModelException | RuntimeException e) {
      // The OnnxRuntime engine wraps ONNX Runtime's errors in MalformedModelException; the PyTorch
      // engine reports unreadable archives as EngineException.
      throw loadFailure(e, device);
    } catch (LinkageError e) {
      throw new BackendException("DJL's " + kind.djlName() + " engine failed loading " + source.name()
          + ": " + e, e);
    }
  }

  /**
   * ONNX Runtime's CPU memory options as the onnx backend sets them (its OrtSessionOpener says why):
   * no memory pattern; in low-memory mode no arena either. Null for libtorch and GPUs.
   */
  private OrtSession.SessionOptions cpuMemoryOptions(Device device) throws OrtException {
    if (kind != DjlEngine.ONNX_RUNTIME || device.kind() != Device.Kind.CPU) {
      return null;
    }
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    try {
      options.setMemoryPatternOptimization(false);
      if (settings.lowMemory()) {
        options.setCPUArenaAllocator(false);
      }
      return options;
    } catch (OrtException | RuntimeException e) {
      options.close();
      throw e;
    }
  }

  private RuntimeException loadFailure(Exception e, Device device) {
    String msg = rootMessage(e);
    String lower = msg.toLowerCase(Locale.ROOT);
    if (device.isGpu() && (lower.contains("cuda") || lower.contains("cudnn") || lower.contains("tensorrt"))) {
      return new BackendException(kind.backendName() + " cannot load " + source.name() + " on " + device
          + ": " + msg, e);
    }
    return new ModelException("cannot load model " + source.name() + " from " + source.path() + ": "
        + notA() + " [" + msg + "]", e);
  }

  private String notA() {
    return kind == DjlEngine.ONNX_RUNTIME
        ? "not a valid ONNX model, or one ONNX Runtime cannot run"
        : "not a TorchScript archive (a model saved with torch.jit.save), or one libtorch cannot load";
  }

  private Map<String, Object> options(Device device) {
    Map<String, Object> options = new HashMap<>();
    if (kind == DjlEngine.ONNX_RUNTIME) {
      options.put("optLevel", ortLevel(settings.optimizationLevel()));
      // Explicit: ONNX Runtime's own default (the physical cores) uses one core on small VMs.
      options.put("intraOpNumThreads", Integer.toString(settings.resolvedIntraOpThreads()));
      if (device.kind() == Device.Kind.TENSORRT) {
        options.put("ortDevice", "TensorRT");
      }
    } else {
      // Map a module saved on another device onto the requested one; read the description too.
      options.put("mapLocation", "true");
      options.put("extraFiles", TorchScriptSignature.EXTRA_FILE);
    }
    return options;
  }

  private static String ortLevel(OptimizationLevel level) {
    switch (level) {
      case NONE:
        return "NO_OPT";
      case BASIC:
        return "BASIC_OPT";
      case EXTENDED:
        return "EXTENDED_OPT";
      default:
        return "ALL_OPT";
    }
  }

  /** The signature of the file loaded: for an official export, its rewrite, which takes a batch. */
  private ModelSignature describe(Model model, Path file) {
    if (kind == DjlEngine.ONNX_RUNTIME) {
      ModelSignature declared = OnnxSignature.read(file, source.name());
      return OrtShapeInference.complete(declared, file, source.name());
    }
    return TorchScriptSignature.describe(file, source.name(),
        model.getProperty(TorchScriptSignature.EXTRA_FILE), TorchScriptWeights.hasHalfWeights(model));
  }

  private void checkPrecision(ModelSignature signature) {
    if (settings.precision() == Precision.FP16 && !signature.halfWeights()) {
      throw new BackendException(kind.backendName() + " cannot run " + source.name() + " in FP16: "
          + "its weights are float32 and DJL runs a model in the precision it is stored in. "
          + (kind == DjlEngine.ONNX_RUNTIME
              ? "Convert it to an FP16 .onnx file, or use the onnx backend, which converts at load."
              : "Save a half-precision TorchScript (module.half() before torch.jit.save), "
                  + "as models/test/make_torchscript_models.py does."));
    }
    if (settings.precision() == Precision.FP32 && signature.halfWeights()) {
      LOG.info("{} is stored in float16 and runs in FP16 although FP32 was asked; inputs and outputs stay float32",
          source.name());
    }
  }

  private int poolSize() {
    return settings.concurrency() > 0 ? settings.concurrency() : Runtime.getRuntime().availableProcessors();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + root.getMessage();
  }
}
