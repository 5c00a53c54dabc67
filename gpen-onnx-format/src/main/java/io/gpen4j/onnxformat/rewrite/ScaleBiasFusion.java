package io.gpen4j.onnxformat.rewrite;

import io.gpen4j.onnxformat.OnnxFields.Attribute;
import io.gpen4j.onnxformat.OnnxNode;
import io.gpen4j.onnxformat.ProtoField;
import io.gpen4j.onnxformat.ProtoMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Rewrites the element-wise head of each GPEN styled convolution, {@code Add(Concat(Mul(y, d),
 * Mul(e, n)), b)} (the demodulation {@code d}, computed at run time per output channel; the encoder
 * feature {@code e} times its constant scalar noise weight {@code n}; the constant bias {@code b}),
 * as {@code BatchNormalization(Concat(y, e), scale = [d, n...], B = b, mean = 0, var = 1,
 * epsilon = 0)}: one pass over the activation instead of three (two Muls and the Add). ONNX Runtime's
 * CPU kernel computes {@code x * (scale / sqrt(var + epsilon)) + (B - mean * scale')}, which with
 * these constants is {@code x * scale + B}, the same two roundings as the Mul and the Add.
 *
 * <p>Only for a batch of one: BatchNormalization scales per channel, the demodulation is per
 * sample, so the caller applies it only where every run has one face (a run with more fails in the
 * BatchNormalization, whose scale then has the wrong length, never silently). Matched: a Concat on
 * axis 1 of two tensors, each read only by it, the first a Mul of a convolution's output (constant
 * kernel, so its channel count is known) by a run-time tensor, the second a Mul by a constant
 * scalar; the Concat read only by an Add of a constant {@code [1, C, 1, 1]} or {@code [C, 1, 1]}
 * tensor.
 */
final class ScaleBiasFusion {
  private final GraphAdditions additions;
  private final Function<String, Optional<SubPixelUpsample.Weight>> weights;

  /**
   * @param additions where new tensors and names come from
   * @param weights the constant float tensors of the graph by name
   */
  ScaleBiasFusion(GraphAdditions additions, Function<String, Optional<SubPixelUpsample.Weight>> weights) {
    this.additions = additions;
    this.weights = weights;
  }

  /**
   * Rewrites every matched head.
   *
   * @param nodes the graph's nodes in execution order
   * @param graphOutputs the graph's output names (never removed)
   * @return the new node list and the count
   */
  GraphRewriteOutcome rewrite(List<OnnxNode> nodes, Set<String> graphOutputs) {
    Map<String, Integer> producer = new HashMap<>();
    Map<String, Integer> readers = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      for (String o : nodes.get(i).outputs()) {
        producer.put(o, i);
      }
      for (String in : new HashSet<>(nodes.get(i).inputs())) {
        readers.merge(in, 1, Integer::sum);
      }
    }
    Map<String, Integer> firstReader = new HashMap<>();
    for (int i = nodes.size() - 1; i >= 0; i--) {
      for (String in : nodes.get(i).inputs()) {
        firstReader.put(in, i);
      }
    }
    Set<Integer> removed = new HashSet<>();
    Map<Integer, List<OnnxNode>> insertedAt = new HashMap<>();
    int count = 0;
    for (int i = 0; i < nodes.size(); i++) {
      OnnxNode concat = nodes.get(i);
      if (!concat.opType().equals("Concat") || !concat.domain().isEmpty() || concat.inputs().size() != 2
          || concat.attribute("axis").map(a -> a.varint(Attribute.I, 0)).orElse(-1L) != 1) {
        continue;
      }
      Optional<Head> head = match(nodes, i, producer, readers, firstReader, graphOutputs);
      if (head.isEmpty() || removed.contains(head.get().scaled()) || removed.contains(head.get().noise())
          || removed.contains(head.get().add())) {
        continue;
      }
      Head h = head.get();
      removed.addAll(List.of(h.scaled(), h.noise(), i, h.add()));
      insertedAt.put(h.add(), fused(h));
      count++;
    }
    if (count == 0) {
      return new GraphRewriteOutcome(nodes, 0);
    }
    List<OnnxNode> out = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      out.addAll(insertedAt.getOrDefault(i, List.of()));
      if (!removed.contains(i)) {
        out.add(nodes.get(i));
      }
    }
    return new GraphRewriteOutcome(out, count);
  }

  /**
   * One matched head.
   *
   * @param scaled index of {@code Mul(y, d)}
   * @param noise index of {@code Mul(e, n)}
   * @param add index of the bias Add
   * @param y the convolution's output
   * @param d the run-time scale of {@code y}
   * @param e the encoder feature
   * @param n the noise weight
   * @param yChannels channels of {@code y}
   * @param bias the bias values, one per channel of the Concat
   * @param output the Add's output
   */
  private record Head(int scaled, int noise, int add, String y, String d, String e, float n, int yChannels,
      float[] bias, String output) {}

  private Optional<Head> match(List<OnnxNode> nodes, int concatIndex, Map<String, Integer> producer,
      Map<String, Integer> readers, Map<String, Integer> firstReader, Set<String> graphOutputs) {
    OnnxNode concat = nodes.get(concatIndex);
    String joined = concat.outputs().get(0);
    String first = concat.inputs().get(0);
    String second = concat.inputs().get(1);
    if (first.equals(second) || !onlyReadOnce(first, readers, graphOutputs)
        || !onlyReadOnce(second, readers, graphOutputs) || !onlyReadOnce(joined, readers, graphOutputs)) {
      return Optional.empty();
    }
    Integer addIndex = firstReader.get(joined);
    Integer scaledIndex = producer.get(first);
    Integer noiseIndex = producer.get(second);
    if (addIndex == null || scaledIndex == null || noiseIndex == null) {
      return Optional.empty();
    }
    OnnxNode add = nodes.get(addIndex);
    OnnxNode scaled = nodes.get(scaledIndex);
    OnnxNode noise = nodes.get(noiseIndex);
    if (!isBinary(add, "Add") || !isBinary(scaled, "Mul") || !isBinary(noise, "Mul")) {
      return Optional.empty();
    }
    Optional<float[]> bias = perChannel(other(add, joined));
    Optional<float[]> n = Optional.empty();
    String e = null;
    for (int side = 0; side < 2 && n.isEmpty(); side++) {
      n = scalar(noise.inputs().get(side));
      e = noise.inputs().get(1 - side);
    }
    if (bias.isEmpty() || n.isEmpty()) {
      return Optional.empty();
    }
    for (int side = 0; side < 2; side++) {
      String y = scaled.inputs().get(side);
      String d = scaled.inputs().get(1 - side);
      Optional<Integer> channels = convolutionChannels(y, nodes, producer);
      if (channels.isPresent() && weights.apply(d).isEmpty() && channels.get() < bias.get().length) {
        return Optional.of(new Head(scaledIndex, noiseIndex, addIndex, y, d, e, n.get()[0], channels.get(),
            bias.get(), add.outputs().get(0)));
      }
    }
    return Optional.empty();
  }

  /** The nodes that replace a head, in order, the last writing the Add's output. */
  private List<OnnxNode> fused(Head h) {
    int channels = h.bias().length;
    String joined = additions.fresh("scale_bias_concat");
    String flat = additions.fresh("scale_bias_demodulation");
    String scale = additions.fresh("scale_bias_scale");
    float[] noise = new float[channels - h.yChannels()];
    Arrays.fill(noise, h.n());
    float[] zeros = new float[channels];
    float[] ones = new float[channels];
    Arrays.fill(ones, 1f);
    ProtoMessage epsilon = ProtoMessage.builder().addString(Attribute.NAME, "epsilon")
        .add(ProtoField.fixed32(Attribute.F, Float.floatToRawIntBits(0f)))
        .addVarint(Attribute.TYPE, Attribute.TYPE_FLOAT).build();
    ProtoMessage axis0 = OnnxNode.intAttribute("axis", 0);
    ProtoMessage axis1 = OnnxNode.intAttribute("axis", 1);
    return List.of(
        additions.node("Concat", List.of(h.y(), h.e()), joined, axis1),
        additions.node("Reshape", List.of(h.d(), additions.longs("scale_bias_flat", -1)), flat),
        additions.node("Concat", List.of(flat, additions.floats("scale_bias_noise", new long[] {noise.length}, noise)),
            scale, axis0),
        additions.node("BatchNormalization", List.of(joined, scale,
            additions.floats("scale_bias_bias", new long[] {channels}, h.bias()),
            additions.floats("scale_bias_mean", new long[] {channels}, zeros),
            additions.floats("scale_bias_var", new long[] {channels}, ones)), h.output(), epsilon));
  }

  /** Channels of a convolution's output with a constant kernel; empty for anything else. */
  private Optional<Integer> convolutionChannels(String tensor, List<OnnxNode> nodes, Map<String, Integer> producer) {
    Integer p = producer.get(tensor);
    if (p == null) {
      return Optional.empty();
    }
    OnnxNode n = nodes.get(p);
    if (!n.domain().isEmpty() || n.inputs().size() < 2) {
      return Optional.empty();
    }
    Optional<long[]> dims = weights.apply(n.inputs().get(1)).map(SubPixelUpsample.Weight::dims)
        .filter(d -> d.length == 4);
    if (n.opType().equals("Conv")) {
      return dims.map(d -> (int) d[0]);
    }
    if (n.opType().equals("ConvTranspose")) {
      long group = n.attribute("group").map(a -> a.varint(Attribute.I, 1)).orElse(1L);
      return dims.map(d -> (int) (d[1] * group));
    }
    return Optional.empty();
  }

  /** A constant float tensor of one element (any rank). */
  private Optional<float[]> scalar(String tensor) {
    return weights.apply(tensor).filter(w -> Arrays.stream(w.dims()).allMatch(d -> d == 1))
        .map(w -> w.values().get()).filter(v -> v.length == 1 && Float.isFinite(v[0]));
  }

  /** A constant {@code [1, C, 1, 1]} or {@code [C, 1, 1]} float tensor's values. */
  private Optional<float[]> perChannel(String tensor) {
    return weights.apply(tensor).filter(w -> {
      long[] d = w.dims();
      return (d.length == 4 && d[0] == 1 && d[2] == 1 && d[3] == 1) || (d.length == 3 && d[1] == 1 && d[2] == 1);
    }).map(w -> w.values().get());
  }

  private static boolean onlyReadOnce(String tensor, Map<String, Integer> readers, Set<String> graphOutputs) {
    return readers.getOrDefault(tensor, 0) == 1 && !graphOutputs.contains(tensor);
  }

  private static boolean isBinary(OnnxNode n, String op) {
    return n.opType().equals(op) && n.domain().isEmpty() && n.inputs().size() == 2 && n.outputs().size() == 1
        && !n.inputs().get(0).equals(n.inputs().get(1));
  }

  private static String other(OnnxNode binary, String input) {
    return binary.inputs().get(binary.inputs().get(0).equals(input) ? 1 : 0);
  }
}
