package io.gpen4j.djl;

import io.gpen4j.ModelException;
import io.gpen4j.onnxformat.OnnxFields.DataType;
import io.gpen4j.onnxformat.OnnxFields.Graph;
import io.gpen4j.onnxformat.OnnxFields.Model;
import io.gpen4j.onnxformat.OnnxFields.Tensor;
import io.gpen4j.onnxformat.OnnxModelFile;
import io.gpen4j.onnxformat.OnnxValueInfo;
import io.gpen4j.onnxformat.ProtoMessage;
import io.gpen4j.spi.ElementType;
import io.gpen4j.spi.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads an ONNX file's graph inputs and outputs (names, element types, shapes) with the project's
 * ONNX reader (module gpen-onnx-format), because DJL's OnnxRuntime model describes inputs by name
 * only and hides the ONNX Runtime session that knows the shapes.
 *
 * <p>Graph inputs that are also initializers (older exporters list weights as inputs) are left
 * out, as ONNX Runtime does. The file is memory-mapped ({@link OnnxModelFile}), so weights are
 * never read into the heap.
 */
final class OnnxSignature {
  private OnnxSignature() {}

  /**
   * Reads a model's signature.
   *
   * @param file the .onnx file
   * @param name the model's name for messages
   * @return the signature
   * @throws ModelException if the file cannot be read or is not an ONNX model
   */
  static ModelSignature read(Path file, String name) {
    ByteBuffer bytes = OnnxModelFile.map(file, name);
    try {
      return parse(bytes);
    } catch (ModelException e) {
      throw new ModelException("model " + name + " (" + file + ") is not a valid ONNX file: " + e.getMessage(), e);
    }
  }

  /**
   * Reads the signature of an encoded ModelProto.
   *
   * @param bytes the model
   * @return the signature
   * @throws ModelException if the bytes are not an ONNX model with tensor inputs and outputs
   */
  static ModelSignature parse(ByteBuffer bytes) {
    ProtoMessage graph = ProtoMessage.parse(bytes).message(Model.GRAPH)
        .orElseThrow(() -> new ModelException("no graph in the model"));
    Set<String> initializers = new HashSet<>();
    boolean half = false;
    for (ProtoMessage tensor : graph.messages(Graph.INITIALIZER)) {
      initializers.add(tensor.string(Tensor.NAME));
      half |= tensor.varint(Tensor.DATA_TYPE, 0) == DataType.FLOAT16;
    }
    List<TensorInfo> inputs = new ArrayList<>();
    for (ProtoMessage vi : graph.messages(Graph.INPUT)) {
      TensorInfo t = describe(vi);
      if (!initializers.contains(t.name())) {
        inputs.add(t);
      }
    }
    List<TensorInfo> outputs = new ArrayList<>();
    for (ProtoMessage vi : graph.messages(Graph.OUTPUT)) {
      outputs.add(describe(vi));
    }
    if (inputs.isEmpty() || outputs.isEmpty()) {
      throw new ModelException("the graph declares " + inputs.size() + " inputs and "
          + outputs.size() + " outputs");
    }
    return new ModelSignature(inputs, outputs, half);
  }

  private static TensorInfo describe(ProtoMessage valueInfo) {
    OnnxValueInfo v = OnnxValueInfo.of(valueInfo);
    if (!v.isTensor()) {
      throw new ModelException("graph value '" + v.name() + "' is not a tensor");
    }
    return new TensorInfo(v.name(), v.shape(), ElementType.fromOnnxDataType(v.elemType()));
  }
}
