/**
 * The ONNX file format for the gpen4j backends: one reader and writer of its protobuf wire format,
 * used by every module that reads or rewrites {@code .onnx} files (the ONNX Runtime backend's FP16
 * conversion, the DJL backend's model signature). The entry point is
 * {@link io.gpen4j.onnxformat.ProtoMessage}; {@link io.gpen4j.onnxformat.OnnxFields} names the
 * fields of {@code onnx.proto}, {@link io.gpen4j.onnxformat.OnnxNode} and
 * {@link io.gpen4j.onnxformat.OnnxValueInfo} decode the messages graph code needs.
 *
 * <p>Hand-written rather than generated from {@code onnx.proto} with protobuf-java: gpen4j reads a
 * handful of fields, keeps the rest byte-for-byte, and must not copy hundreds of megabytes of
 * weights to do so (see the module README for the measurements). This package serves gpen4j's own
 * modules; it is not part of the library's stable API.
 */
package io.gpen4j.onnxformat;
