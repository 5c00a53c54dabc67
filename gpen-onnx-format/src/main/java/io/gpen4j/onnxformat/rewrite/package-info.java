/**
 * The load-time graph rewrite of generators exported from the official GPEN code: kernels
 * modulated at run time and reshape-based blurs become constant kernels and depthwise
 * convolutions, with the same outputs. Pure Java on the ONNX reader/writer of this module, so both
 * ONNX Runtime bindings (the {@code onnx} backend and the {@code djl-onnxruntime} backend) open the
 * same prepared file.
 *
 * <p>One entry point, {@link io.gpen4j.onnxformat.rewrite.ConstantKernelForm}: it prepares the file
 * to load (rewritten and cached, or the source as it is) and describes a file's form for reports.
 * {@link io.gpen4j.onnxformat.rewrite.ModelCache} names the cache files a backend derives from a
 * model; {@link io.gpen4j.onnxformat.rewrite.FloatTensors} reads and writes float32 tensors. {@link
 * io.gpen4j.onnxformat.rewrite.SubPixelForm} and {@link
 * io.gpen4j.onnxformat.rewrite.ElementwiseForm} write alternative forms of a generator (sub-pixel
 * and four-phase up-samplings; gains folded, scales and bias fused) for gpen-bench's measurements;
 * the load path does not use them. The pattern matchers ({@code ModulatedConvPattern}, {@code
 * ReshapeBlurPattern}) and the graph bookkeeping are package-private. Serves gpen4j's own modules;
 * not part of the library's stable API.
 */
package io.gpen4j.onnxformat.rewrite;
