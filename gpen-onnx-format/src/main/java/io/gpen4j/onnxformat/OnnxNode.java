package io.gpen4j.onnxformat;

import io.gpen4j.ModelException;
import io.gpen4j.onnxformat.OnnxFields.Attribute;
import io.gpen4j.onnxformat.OnnxFields.Node;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A NodeProto with its names decoded, for code that rewrites graphs. The original message is kept
 * so that a rebuilt node carries every field it had. Immutable.
 *
 * @param proto the node as read
 * @param opType the operator, such as {@code Conv}
 * @param inputs the input names in order; an empty name is an omitted optional input
 * @param outputs the output names in order
 */
public record OnnxNode(ProtoMessage proto, String opType, List<String> inputs, List<String> outputs) {
  /**
   * Copies the name lists.
   *
   * @throws NullPointerException if a component is null
   */
  public OnnxNode {
    Objects.requireNonNull(proto, "proto");
    Objects.requireNonNull(opType, "opType");
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /**
   * Decodes a NodeProto.
   *
   * @param proto the node
   * @return the node with its operator and names decoded
   * @throws ModelException if a name field is malformed
   */
  public static OnnxNode of(ProtoMessage proto) {
    return new OnnxNode(
        proto, proto.string(Node.OP_TYPE), proto.strings(Node.INPUT), proto.strings(Node.OUTPUT));
  }

  /**
   * Builds an INTS attribute.
   *
   * @param name the attribute's name
   * @param values its values
   * @return the AttributeProto
   */
  public static ProtoMessage intsAttribute(String name, long... values) {
    ProtoMessage.Builder b = ProtoMessage.builder().addString(Attribute.NAME, name);
    for (long v : values) {
      b.addVarint(Attribute.INTS, v);
    }
    return b.addVarint(Attribute.TYPE, Attribute.TYPE_INTS).build();
  }

  /**
   * Builds an INT attribute.
   *
   * @param name the attribute's name
   * @param value its value
   * @return the AttributeProto
   */
  public static ProtoMessage intAttribute(String name, long value) {
    return ProtoMessage.builder().addString(Attribute.NAME, name).addVarint(Attribute.I, value)
        .addVarint(Attribute.TYPE, Attribute.TYPE_INT).build();
  }

  /**
   * Returns a new Cast node, named after its output.
   *
   * @param input the tensor to cast
   * @param output the cast tensor's name
   * @param to the TensorProto.DataType to cast to ({@link OnnxFields.DataType})
   * @return the node
   */
  public static OnnxNode cast(String input, String output, int to) {
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

  /** Returns the node's name. @return the name; empty if the node has none */
  public String name() {
    return proto.string(Node.NAME);
  }

  /** Returns the operator's domain. @return the domain; empty for the default ONNX domain */
  public String domain() {
    return proto.string(Node.DOMAIN);
  }

  /**
   * Returns an attribute by name.
   *
   * @param name the attribute's name, such as {@code to}
   * @return the AttributeProto, or empty if the node has none of that name
   */
  public Optional<ProtoMessage> attribute(String name) {
    for (ProtoMessage a : proto.messages(Node.ATTRIBUTE)) {
      if (a.string(Attribute.NAME).equals(name)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** Returns every attribute in wire order. @return the AttributeProtos */
  public List<ProtoMessage> attributes() {
    return proto.messages(Node.ATTRIBUTE);
  }

  /**
   * Rebuilds the node with other input and output names and some attributes replaced or added,
   * keeping every other field and the order of fields.
   *
   * @param newInputs the inputs, as many as before
   * @param newOutputs the outputs, as many as before
   * @param newAttributes attributes by name; an existing one is replaced, a new one appended
   * @return the new node
   * @throws IllegalArgumentException if the number of inputs or outputs changes
   */
  public OnnxNode rebuild(List<String> newInputs, List<String> newOutputs,
      Map<String, ProtoMessage> newAttributes) {
    if (newInputs.size() != inputs.size() || newOutputs.size() != outputs.size()) {
      throw new IllegalArgumentException("node '" + name() + "' has " + inputs.size() + " inputs and "
          + outputs.size() + " outputs, not " + newInputs.size() + " and " + newOutputs.size());
    }
    Iterator<String> in = newInputs.iterator();
    Iterator<String> out = newOutputs.iterator();
    ProtoMessage.Builder b = ProtoMessage.builder();
    Set<String> replaced = new HashSet<>();
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
