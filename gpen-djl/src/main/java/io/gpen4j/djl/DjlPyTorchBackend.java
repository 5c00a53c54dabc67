package io.gpen4j.djl;

import io.gpen4j.BackendException;

/**
 * Runs TorchScript files (saved with {@code torch.jit.save}, such as those from
 * {@code models/convert} or any traced GPEN) through DJL's PyTorch engine (https://djl.ai),
 * registered as the {@code "djl-pytorch"} backend. Its priority is below the {@code onnx}
 * backend's, so it is used when named or when it is the only backend that loads.
 *
 * <p>Files named {@code *.onnx} (the face detectors) are handed to DJL's OnnxRuntime engine, so
 * one backend serves a whole pipeline: a TorchScript generator with ONNX detectors.
 *
 * <p>Settings it honours: device (CPU; CUDA with a {@code pytorch-native-cu*} library in place of
 * {@code pytorch-native-cpu}), precision, concurrency (the predictor pool), CPU fallback and
 * intra-op threads ({@link io.gpen4j.spi.SessionSettings#resolvedIntraOpThreads()}; libtorch's
 * pool is process-wide, so the last session opened sets it). It ignores the optimisation level,
 * the cache folder, the GPU memory cap and the convolution search. TorchScript records no tensor shapes: see the module
 * README for how a model describes its inputs.
 *
 * <p>FP16 needs a half-precision TorchScript (saved after {@code module.half()}); asking for it with a float32 file fails with a
 * {@link BackendException}.
 *
 * <p>The constructor does no work: DJL's engine and its native library load on the first
 * {@link #open}, {@link #isAvailable()} or {@link #deviceKinds()}, offline (see the module
 * README). Thread-safe; the sessions it opens are thread-safe too.
 */
public final class DjlPyTorchBackend extends DjlBackend {
  /** The name users select this backend by. */
  public static final String NAME = "djl-pytorch";

  /** Creates the backend; loads nothing. */
  public DjlPyTorchBackend() {
    super(NAME, DjlEngine.PYTORCH);
  }
}
