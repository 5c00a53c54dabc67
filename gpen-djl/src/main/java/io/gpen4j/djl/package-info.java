/**
 * The DJL backends: {@link io.gpen4j.djl.DjlOnnxRuntimeBackend} ({@code "djl-onnxruntime"}) runs
 * .onnx files through DJL's OnnxRuntime engine and {@link io.gpen4j.djl.DjlPyTorchBackend}
 * ({@code "djl-pytorch"}) runs TorchScript through DJL's PyTorch engine. Both are found with
 * {@link java.util.ServiceLoader}; everything else in the package is package-private.
 */
package io.gpen4j.djl;
