/**
 * The ONNX Runtime backend. The entry point is {@link io.gpen4j.onnx.OnnxBackend}, found by
 * {@link java.util.ServiceLoader} as {@code "onnx"}; everything else in the package is
 * package-private: session opening and error translation ({@code SessionOpener}), the session
 * ({@code OnnxSession}), the cache folder ({@code ModelCache}) and FP16 conversion
 * ({@code Fp16Converter}, on the ONNX reader/writer of module gpen-onnx-format).
 */
package io.gpen4j.onnx;
