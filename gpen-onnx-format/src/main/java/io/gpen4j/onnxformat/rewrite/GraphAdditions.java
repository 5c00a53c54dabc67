package io.gpen4j.onnxformat.rewrite;

import io.gpen4j.onnxformat.OnnxFields.DataType;
import io.gpen4j.onnxformat.OnnxFields.Node;
import io.gpen4j.onnxformat.OnnxFields.Tensor;
import io.gpen4j.onnxformat.OnnxNode;
import io.gpen4j.onnxformat.ProtoField;
import io.gpen4j.onnxformat.ProtoMessage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The nodes and initializers a graph rewrite adds: hands out names no tensor of the graph uses and
 * builds the few node kinds the rewrites emit. Not thread-safe; one per rewrite.
 */
final class GraphAdditions {
  private final Set<String> used;
  private final String prefix;
  private final List<ProtoMessage> initializers = new ArrayList<>();
  private final List<DeferredTensor> deferred = new ArrayList<>();

  /**
   * @param used every tensor and node name of the graph; names handed out are added to it
   * @param prefix the start of every new name
   */
  GraphAdditions(Set<String> used, String prefix) {
    this.used = used;
    this.prefix = prefix;
  }

  /** A name not used yet, starting with the prefix. */
  String fresh(String hint) {
    String base = prefix + hint;
    String name = base;
    for (int k = 1; used.contains(name); k++) {
      name = base + "_" + k;
    }
    used.add(name);
    return name;
  }

  /** Adds a float32 initializer and returns its name. */
  String floats(String hint, long[] dims, float[] values) {
    String name = fresh(hint);
    initializers.add(FloatTensors.floatTensor(name, dims, values));
    return name;
  }

  /**
   * Adds a float32 initializer computed only when the graph is written (a large kernel: see
   * {@link DeferredTensor}) and returns its name.
   */
  String deferredFloats(String hint, long[] dims, Supplier<float[]> values) {
    String name = fresh(hint);
    deferred.add(new DeferredTensor(name, dims, values));
    return name;
  }

  /** Adds an int64 initializer (a shape) and returns its name. */
  String longs(String hint, long... values) {
    String name = fresh(hint);
    ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    raw.asLongBuffer().put(values);
    initializers.add(ProtoMessage.builder()
        .addVarint(Tensor.DIMS, values.length)
        .addVarint(Tensor.DATA_TYPE, DataType.INT64)
        .addString(Tensor.NAME, name)
        .addBytes(Tensor.RAW_DATA, raw.array())
        .build());
    return name;
  }

  /**
   * Adds an initializer that shares another's stored values under new dims (same element count),
   * so a reshaped weight costs no copy.
   */
  String reshaped(String hint, ProtoMessage source, long[] dims) {
    String name = fresh(hint);
    ProtoMessage.Builder b = ProtoMessage.builder();
    for (long d : dims) {
      b.addVarint(Tensor.DIMS, d);
    }
    source.fields().stream()
        .filter(f -> f.number() != Tensor.DIMS && f.number() != Tensor.NAME)
        .forEach(b::add);
    initializers.add(b.addString(Tensor.NAME, name).build());
    return name;
  }

  /** An initializer added so far, by name. */
  Optional<ProtoMessage> initializer(String name) {
    return initializers.stream().filter(t -> t.string(Tensor.NAME).equals(name)).findFirst();
  }

  /** A deferred initializer added so far, by name. */
  Optional<DeferredTensor> deferred(String name) {
    return deferred.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  List<ProtoMessage> initializers() {
    return List.copyOf(initializers);
  }

  List<DeferredTensor> deferred() {
    return List.copyOf(deferred);
  }

  /** A node of the default domain, named after its first output. */
  OnnxNode node(String op, List<String> inputs, String output, ProtoMessage... attributes) {
    ProtoMessage.Builder b = ProtoMessage.builder();
    inputs.forEach(i -> b.addString(Node.INPUT, i));
    b.addString(Node.OUTPUT, output).addString(Node.NAME, output).addString(Node.OP_TYPE, op);
    for (ProtoMessage a : attributes) {
      b.addMessage(Node.ATTRIBUTE, a);
    }
    return OnnxNode.of(b.build());
  }

  /** A copy of a node with new inputs and output and some attributes replaced, named after the output. */
  OnnxNode copy(OnnxNode node, List<String> inputs, String output, Map<String, ProtoMessage> attributes) {
    OnnxNode n = node.rebuild(inputs, List.of(output), attributes);
    return OnnxNode.of(n.proto().toBuilder().set(ProtoField.string(Node.NAME, output)).build());
  }
}
