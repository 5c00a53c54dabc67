package io.gpen4j.djl;

import io.gpen4j.BackendException;

/**
 * Runs ONNX files (the same ones the {@code onnx} backend runs) through DJL's OnnxRuntime engine
 * (https://djl.ai), registered as the {@code "djl-onnxruntime"} backend. Its priority is below
 * the {@code onnx} backend's, so it is used when named or when it is the only backend that loads.
 *
 * <p>Settings it honours: device (CPU; CUDA and TensorRT with {@code onnxruntime_gpu} in place of
 * {@code onnxruntime}), precision, intra-op threads (by default the cores shared by the
 * concurrency), optimisation level, concurrency (the predictor pool), low-memory mode, CPU
 * fallback, the cache folder (the constant-kernel form of official GPEN exports, shared with the
 * {@code onnx} backend) and {@code rewriteOfficialExports}. It ignores the GPU memory cap and the
 * convolution search.
 *
 * <p>An official GPEN export is rewritten at load into constant-kernel form exactly as the
 * {@code onnx} backend does it ({@code io.gpen4j.onnxformat.rewrite.ConstantKernelForm}), so both
 * run the same graph.
 *
 * <p>FP16 needs an FP16 .onnx file (DJL does not convert at load; the {@code onnx} backend
 * does); asking for it with a float32 file fails with a {@link BackendException}.
 *
 * <p>The constructor does no work: DJL's engine and its native library load on the first
 * {@link #open}, {@link #isAvailable()} or {@link #deviceKinds()}, offline (see the module
 * README). Thread-safe; the sessions it opens are thread-safe too.
 */
public final class DjlOnnxRuntimeBackend extends DjlBackend {
  /** The name users select this backend by. */
  public static final String NAME = "djl-onnxruntime";

  /** Creates the backend; loads nothing. */
  public DjlOnnxRuntimeBackend() {
    super(NAME, DjlEngine.ONNX_RUNTIME);
  }
}
