package io.gpen4j.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import ai.onnxruntime.providers.OrtTensorRTProviderOptions;
import io.gpen4j.BackendException;
import io.gpen4j.spi.Device;
import io.gpen4j.spi.Precision;
import io.gpen4j.spi.SessionSettings;
import java.nio.file.Path;
import java.util.Set;

/**
 * Adds the execution provider for a device to ONNX Runtime session options. The CPU needs none
 * (ONNX Runtime always has it); CUDA and TensorRT need the {@code onnxruntime_gpu} artifact, a
 * CUDA 12 runtime and cuDNN 9 on the host.
 */
final class ExecutionProviders {
  static final String GPU_REQUIREMENTS = "it needs the com.microsoft.onnxruntime:onnxruntime_gpu "
      + "artifact instead of onnxruntime (gpen-onnx's Maven profile 'gpu'), an NVIDIA GPU, "
      + "CUDA 12 and cuDNN 9 (TensorRT 10 for the TensorRT provider)";

  private ExecutionProviders() {}

  /**
   * Adds the provider for the settings' device to {@code options}.
   *
   * @param options the options to configure
   * @param settings the requested device, precision, memory cap and cache folder
   * @param available the providers compiled into the ONNX Runtime on the class path
   * @throws BackendException if the provider is not in this build or refuses its options
   */
  static void configure(SessionOptions options, SessionSettings settings, Set<OrtProvider> available) {
    Device device = settings.device();
    switch (device.kind()) {
      case CPU:
        return;
      case CUDA:
        require(available, OrtProvider.CUDA, device);
        addCuda(options, settings, device);
        return;
      default:
        require(available, OrtProvider.TENSOR_RT, device);
        require(available, OrtProvider.CUDA, device);
        addTensorRt(options, settings, device);
        // TensorRT hands the nodes it cannot take to the provider registered after it.
        addCuda(options, settings, device);
    }
  }

  private static void require(Set<OrtProvider> available, OrtProvider provider, Device device) {
    if (!available.contains(provider)) {
      throw new BackendException("device " + device + " needs ONNX Runtime's " + provider.getName()
          + ", which this ONNX Runtime build does not have (available: " + available + "); "
          + GPU_REQUIREMENTS);
    }
  }

  private static void addCuda(SessionOptions options, SessionSettings settings, Device device) {
    try (OrtCUDAProviderOptions cuda = new OrtCUDAProviderOptions(device.index())) {
      if (settings.gpuMemoryLimitBytes() > 0) {
        cuda.add("gpu_mem_limit", Long.toString(settings.gpuMemoryLimitBytes()));
      }
      cuda.add("cudnn_conv_algo_search", settings.exhaustiveConvSearch() ? "EXHAUSTIVE" : "HEURISTIC");
      options.addCUDA(cuda);
    } catch (OrtException | LinkageError e) {
      throw new BackendException("ONNX Runtime cannot start its CUDA provider for " + device + ": "
          + e.getMessage() + "; " + GPU_REQUIREMENTS, e);
    }
  }

  private static void addTensorRt(SessionOptions options, SessionSettings settings, Device device) {
    try (OrtTensorRTProviderOptions trt = new OrtTensorRTProviderOptions(device.index())) {
      trt.add("trt_fp16_enable", settings.precision() == Precision.FP16 ? "1" : "0");
      if (settings.cacheDirectory().isPresent()) {
        Path engines = settings.cacheDirectory().get().resolve("tensorrt").toAbsolutePath();
        trt.add("trt_engine_cache_enable", "1");
        trt.add("trt_engine_cache_path", engines.toString());
        trt.add("trt_timing_cache_enable", "1");
        trt.add("trt_timing_cache_path", engines.toString());
      }
      options.addTensorrt(trt);
    } catch (OrtException | LinkageError e) {
      throw new BackendException("ONNX Runtime cannot start its TensorRT provider for " + device
          + ": " + e.getMessage() + "; " + GPU_REQUIREMENTS, e);
    }
  }
}
