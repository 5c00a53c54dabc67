/**
 * The ONNX Runtime backend. The entry point is {@link io.gpen4j.onnx.OnnxBackend}, found by
 * {@link java.util.ServiceLoader} as {@code "onnx"}; everything else in the package is
 * package-private: session opening and error translation ({@code OrtSessionOpener}), the session
 * ({@code OnnxSession}) and FP16 conversion ({@code Fp16Converter}, on the ONNX reader/writer of
 * module gpen-onnx-format). The constant-kernel rewrite of official GPEN exports and the cache
 * folder's file names live in {@link io.gpen4j.onnxformat.rewrite}, shared with the DJL backend.
 */
package io.gpen4j.onnx;
