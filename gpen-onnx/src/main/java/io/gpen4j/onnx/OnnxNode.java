package io.gpen4j.onnx;

import io.gpen4j.onnx.OnnxFields.Attribute;
import io.gpen4j.onnx.OnnxFields.Node;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A NodeProto with its names decoded, for code that rewrites graphs. The original message is kept
 * so that a rebuilt node carries every field it had.
 *
 * @param proto the node as read
 * @param opType the operator, such as {@code Conv}
 * @param inputs the input names in order; an empty name is an omitted optional input
 * @param outputs the output names in order
 */
record OnnxNode(ProtoMessage proto, String opType, List<String> inputs, List<String> outputs) {
  OnnxNode {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  static OnnxNode of(ProtoMessage proto) {
    return new OnnxNode(
        proto, proto.string(Node.OP_TYPE), proto.strings(Node.INPUT), proto.strings(Node.OUTPUT));
  }

  /** Returns a new Cast node from {@code input} to {@code output} with the given element type. */
  static OnnxNode cast(String input, String output, int to) {
    ProtoMessage attr = ProtoMessage.builder()
        .addString(Attribute.NAME, "to")
        .addVarint(Attribute.I, to)
        .addVarint(Attribute.TYPE, Attribute.TYPE_INT)
        .build();
    ProtoMessage proto = ProtoMessage.builder()
        .addString(Node.INPUT, input)
        .addString(Node.OUTPUT, output)
        .addString(Node.NAME, output)
        .addString(Node.OP_TYPE, "Cast")
        .addMessage(Node.ATTRIBUTE, attr)
        .build();
    return of(proto);
  }

  String name() {
    return proto.string(Node.NAME);
  }

  String domain() {
    return proto.string(Node.DOMAIN);
  }

  Optional<ProtoMessage> attribute(String name) {
    for (ProtoMessage a : proto.messages(Node.ATTRIBUTE)) {
      if (a.string(Attribute.NAME).equals(name)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  List<ProtoMessage> attributes() {
    return proto.messages(Node.ATTRIBUTE);
  }

  /**
   * Rebuilds the node with other input and output names and some attributes replaced or added,
   * keeping every other field and the order of fields.
   *
   * @param newInputs the inputs, as many as before
   * @param newOutputs the outputs, as many as before
   * @param newAttributes attributes by name; an existing one is replaced, a new one appended
   */
  OnnxNode rebuild(List<String> newInputs, List<String> newOutputs, Map<String, ProtoMessage> newAttributes) {
    Iterator<String> in = newInputs.iterator();
    Iterator<String> out = newOutputs.iterator();
    ProtoMessage.Builder b = ProtoMessage.builder();
    java.util.Set<String> replaced = new java.util.HashSet<>();
    for (ProtoField f : proto.fields()) {
      if (f.number() == Node.INPUT) {
        b.addString(Node.INPUT, in.next());
      } else if (f.number() == Node.OUTPUT) {
        b.addString(Node.OUTPUT, out.next());
      } else if (f.number() == Node.ATTRIBUTE) {
        String name = f.asMessage().string(Attribute.NAME);
        ProtoMessage swap = newAttributes.get(name);
        if (swap != null) {
          replaced.add(name);
          b.addMessage(Node.ATTRIBUTE, swap);
        } else {
          b.add(f);
        }
      } else {
        b.add(f);
      }
    }
    for (Map.Entry<String, ProtoMessage> e : newAttributes.entrySet()) {
      if (!replaced.contains(e.getKey())) {
        b.addMessage(Node.ATTRIBUTE, e.getValue());
      }
    }
    return of(b.build());
  }
}
