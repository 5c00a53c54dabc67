package io.gpen4j.onnxformat.rewrite;

import io.gpen4j.onnxformat.OnnxFields.Attribute;
import io.gpen4j.onnxformat.OnnxFields.Tensor;
import io.gpen4j.onnxformat.OnnxNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the channel count (axis 1) of an NCHW tensor from the graph alone, without full shape
 * inference: from the convolution that wrote it, a Reshape to a constant 4-D shape, or through
 * element-wise operators and channel concatenations back to one of those. Tensors written by an
 * earlier rewrite are registered with {@link #record}. Not thread-safe.
 */
final class ChannelCount {
  private static final Set<String> ELEMENTWISE = Set.of(
      "Add", "Sub", "Mul", "Div", "LeakyRelu", "Relu", "PRelu", "Sigmoid", "Tanh", "Identity", "Neg", "Clip");
  private static final int MAX_DEPTH = 32;

  private final GraphConstants graph;
  private final Map<String, Long> known = new HashMap<>();

  ChannelCount(GraphConstants graph) {
    this.graph = graph;
  }

  /** Remembers the channel count of a tensor a rewrite writes. */
  void record(String tensor, long channels) {
    known.put(tensor, channels);
  }

  /** The channel count of an NCHW tensor, if the graph tells it. */
  Optional<Long> of(String tensor) {
    return of(tensor, 0);
  }

  private Optional<Long> of(String tensor, int depth) {
    Long k = known.get(tensor);
    if (k != null) {
      return Optional.of(k);
    }
    Optional<OnnxNode> p = graph.producer(tensor);
    if (p.isEmpty() || depth > MAX_DEPTH) {
      return Optional.empty();
    }
    OnnxNode n = p.get();
    switch (n.opType()) {
      case "Conv":
        return graph.initializer(n.inputs().get(1)).map(w -> w.longs(Tensor.DIMS)[0]);
      case "ConvTranspose":
        long group = n.attribute("group").map(a -> a.varint(Attribute.I, 1)).orElse(1L);
        return graph.initializer(n.inputs().get(1)).map(w -> w.longs(Tensor.DIMS)[1] * group);
      case "Reshape":
        return graph.longs(n.inputs().get(1)).filter(s -> s.length == 4 && s[1] > 0).map(s -> s[1]);
      case "Concat":
        return concat(n, depth);
      default:
        break;
    }
    if (!ELEMENTWISE.contains(n.opType())) {
      return Optional.empty();
    }
    for (String in : n.inputs()) {
      if (in.isEmpty()) {
        continue;
      }
      Optional<ConstantTensor> c = graph.value(in);
      if (c.isPresent()) {
        // A [1, C, 1, 1] constant (a bias) tells C; a scalar or other broadcast says nothing.
        if (c.get().rank() == 4 && c.get().dims()[1] > 1) {
          return Optional.of(c.get().dims()[1]);
        }
        continue;
      }
      Optional<Long> r = of(in, depth + 1);
      if (r.isPresent()) {
        return r;
      }
    }
    return Optional.empty();
  }

  private Optional<Long> concat(OnnxNode n, int depth) {
    long axis = n.attribute("axis").map(a -> a.varint(Attribute.I, 0)).orElse(0L);
    if (axis != 1) {
      return Optional.empty();
    }
    long sum = 0;
    for (String in : n.inputs()) {
      Optional<Long> c = of(in, depth + 1);
      if (c.isEmpty()) {
        return Optional.empty();
      }
      sum += c.get();
    }
    return Optional.of(sum);
  }
}
