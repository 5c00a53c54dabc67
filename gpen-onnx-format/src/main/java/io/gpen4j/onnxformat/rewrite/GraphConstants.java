package io.gpen4j.onnxformat.rewrite;

import io.gpen4j.onnxformat.OnnxFields.Attribute;
import io.gpen4j.onnxformat.OnnxFields.DataType;
import io.gpen4j.onnxformat.OnnxFields.Graph;
import io.gpen4j.onnxformat.OnnxFields.Tensor;
import io.gpen4j.onnxformat.OnnxFields.ValueInfo;
import io.gpen4j.onnxformat.OnnxNode;
import io.gpen4j.onnxformat.ProtoMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Indexes a graph (producer and consumers of each tensor, initializers) and evaluates the tensors
 * that do not depend on the graph's inputs, for the few operators exporters use to build shapes,
 * pads and flipped kernels: Constant, Identity, Cast, ConstantOfShape, Concat, Reshape, Slice,
 * Transpose and Unsqueeze. Anything else (Shape, for one) is "not known", so a pattern that needs
 * the value is not matched. Values are computed on demand and remembered. Not thread-safe.
 */
final class GraphConstants {
  /** Tensors larger than this are not remembered: they are weights, read once per match. */
  private static final int MEMO_LIMIT = 4096;

  private final List<OnnxNode> nodes;
  private final Map<String, ProtoMessage> initializers = new HashMap<>();
  private final Map<String, Integer> producer = new HashMap<>();
  private final Map<String, List<Integer>> consumers = new HashMap<>();
  private final Map<String, Optional<ConstantTensor>> memo = new HashMap<>();

  GraphConstants(ProtoMessage graph, List<OnnxNode> nodes) {
    this.nodes = nodes;
    for (ProtoMessage t : graph.messages(Graph.INITIALIZER)) {
      initializers.put(t.string(Tensor.NAME), t);
    }
    for (ProtoMessage in : graph.messages(Graph.INPUT)) {
      // An initializer that is also a graph input can be overridden at run time: not constant.
      initializers.remove(in.string(ValueInfo.NAME));
    }
    for (int i = 0; i < nodes.size(); i++) {
      for (String in : nodes.get(i).inputs()) {
        if (!in.isEmpty()) {
          consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(i);
        }
      }
      for (String out : nodes.get(i).outputs()) {
        producer.put(out, i);
      }
    }
  }

  /** The node that writes a tensor, if a node does. */
  Optional<OnnxNode> producer(String tensor) {
    Integer i = producer.get(tensor);
    return i == null ? Optional.empty() : Optional.of(nodes.get(i));
  }

  /** The node at an index of the graph's node list. */
  OnnxNode nodeAt(int index) {
    return nodes.get(index);
  }

  /** The index of the node that writes a tensor, or -1. */
  int producerIndex(String tensor) {
    return producer.getOrDefault(tensor, -1);
  }

  /** The indices of the nodes that read a tensor. */
  List<Integer> consumers(String tensor) {
    return consumers.getOrDefault(tensor, List.of());
  }

  /**
   * Follows Identity nodes back to an initializer or a Constant node and returns its tensor, so a
   * weight can be reused without copying its bytes.
   */
  Optional<ProtoMessage> initializer(String tensor) {
    String name = tensor;
    for (int hops = 0; hops < 8; hops++) {
      ProtoMessage t = initializers.get(name);
      if (t != null) {
        return Optional.of(t);
      }
      Optional<OnnxNode> p = producer(name);
      if (p.isPresent() && p.get().opType().equals("Constant")) {
        return p.get().attribute("value").flatMap(a -> a.message(Attribute.T));
      }
      if (p.isEmpty() || !p.get().opType().equals("Identity")) {
        return Optional.empty();
      }
      name = p.get().inputs().get(0);
    }
    return Optional.empty();
  }

  /** The tensor's value when it does not depend on the graph's inputs and can be evaluated. */
  Optional<ConstantTensor> value(String tensor) {
    Optional<ConstantTensor> known = memo.get(tensor);
    if (known != null) {
      return known;
    }
    Optional<ConstantTensor> v = compute(tensor);
    if (v.isEmpty() || v.get().values().length <= MEMO_LIMIT) {
      memo.put(tensor, v);
    }
    return v;
  }

  /** The value of a constant integer input, such as a shape, or empty. */
  Optional<long[]> longs(String tensor) {
    return value(tensor).filter(ConstantTensor::isInteger).map(ConstantTensor::longs);
  }

  private Optional<ConstantTensor> compute(String tensor) {
    if (tensor.isEmpty()) {
      return Optional.empty();
    }
    ProtoMessage init = initializers.get(tensor);
    if (init != null) {
      return ConstantTensor.of(init);
    }
    Optional<OnnxNode> p = producer(tensor);
    if (p.isEmpty() || p.get().outputs().size() != 1) {
      return Optional.empty();
    }
    OnnxNode n = p.get();
    try {
      switch (n.opType()) {
        case "Constant":
          return n.attribute("value").flatMap(a -> a.message(Attribute.T)).flatMap(ConstantTensor::of);
        case "Identity":
          return value(n.inputs().get(0));
        case "Cast":
          return value(n.inputs().get(0)).map(v -> cast(v, (int) intAttr(n, "to", DataType.FLOAT)));
        case "ConstantOfShape":
          return longs(n.inputs().get(0)).map(shape -> constantOfShape(n, shape));
        case "Concat":
          return concat(n);
        case "Reshape":
          return value(n.inputs().get(0)).flatMap(v -> longs(n.inputs().get(1)).map(s -> reshape(v, s)));
        case "Unsqueeze":
          return unsqueeze(n);
        case "Transpose":
          return value(n.inputs().get(0)).map(v -> transpose(v, ints(n, "perm")));
        case "Slice":
          return slice(n);
        default:
          return Optional.empty();
      }
    } catch (RuntimeException e) {
      // A malformed constant expression is simply not known; ONNX Runtime will report it.
      return Optional.empty();
    }
  }

  private static long intAttr(OnnxNode n, String name, long absent) {
    return n.attribute(name).map(a -> a.varint(Attribute.I, absent)).orElse(absent);
  }

  private static long[] ints(OnnxNode n, String name) {
    return n.attribute(name).map(a -> a.longs(Attribute.INTS)).orElse(null);
  }

  private static ConstantTensor cast(ConstantTensor v, int to) {
    if (to != DataType.FLOAT && to != DataType.INT64 && to != DataType.INT32) {
      throw new IllegalArgumentException("cast to " + to);
    }
    double[] out = v.values().clone();
    if (to != DataType.FLOAT) {
      for (int i = 0; i < out.length; i++) {
        out[i] = (long) out[i];
      }
    }
    return new ConstantTensor(v.dims(), to, out);
  }

  private static ConstantTensor constantOfShape(OnnxNode n, long[] shape) {
    ConstantTensor fill = n.attribute("value").flatMap(a -> a.message(Attribute.T))
        .flatMap(ConstantTensor::of)
        .orElse(new ConstantTensor(new long[] {1}, DataType.FLOAT, new double[] {0}));
    long count = 1;
    for (long d : shape) {
      count = Math.multiplyExact(count, d);
    }
    double[] v = new double[Math.toIntExact(count)];
    Arrays.fill(v, fill.values()[0]);
    return new ConstantTensor(shape, fill.dataType(), v);
  }

  private Optional<ConstantTensor> concat(OnnxNode n) {
    List<ConstantTensor> parts = new ArrayList<>();
    for (String in : n.inputs()) {
      Optional<ConstantTensor> v = value(in);
      if (v.isEmpty() || v.get().rank() != 1) {
        return Optional.empty();
      }
      parts.add(v.get());
    }
    double[] out = parts.stream().flatMapToDouble(p -> Arrays.stream(p.values())).toArray();
    return Optional.of(new ConstantTensor(new long[] {out.length}, parts.get(0).dataType(), out));
  }

  private Optional<ConstantTensor> unsqueeze(OnnxNode n) {
    long[] axes = n.inputs().size() > 1 ? longs(n.inputs().get(1)).orElse(null) : ints(n, "axes");
    if (axes == null) {
      return Optional.empty();
    }
    return value(n.inputs().get(0)).map(v -> {
      int rank = v.rank() + axes.length;
      long[] dims = new long[rank];
      Arrays.fill(dims, -2);
      for (long a : axes) {
        dims[(int) (a < 0 ? a + rank : a)] = 1;
      }
      int k = 0;
      long[] old = v.dims();
      for (int i = 0; i < rank; i++) {
        if (dims[i] == -2) {
          dims[i] = old[k++];
        }
      }
      return new ConstantTensor(dims, v.dataType(), v.values());
    });
  }

  /** ONNX Reshape: 0 copies the input's dimension, -1 takes what is left. */
  static ConstantTensor reshape(ConstantTensor v, long[] shape) {
    return new ConstantTensor(resolveShape(v.dims(), shape), v.dataType(), v.values());
  }

  /** Resolves a Reshape target against the input's dims. */
  static long[] resolveShape(long[] inputDims, long[] shape) {
    long total = 1;
    for (long d : inputDims) {
      total *= d;
    }
    long[] dims = shape.clone();
    int unknown = -1;
    long known = 1;
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] == 0) {
        dims[i] = inputDims[i];
      }
      if (dims[i] == -1) {
        unknown = i;
      } else {
        known *= dims[i];
      }
    }
    if (unknown >= 0) {
      dims[unknown] = total / known;
    }
    return dims;
  }

  static ConstantTensor transpose(ConstantTensor v, long[] perm) {
    int rank = v.rank();
    long[] p = perm;
    if (p == null) {
      p = new long[rank];
      for (int i = 0; i < rank; i++) {
        p[i] = rank - 1 - i;
      }
    }
    long[] in = v.dims();
    long[] inStrides = v.strides();
    long[] dims = new long[rank];
    long[] strides = new long[rank];
    for (int i = 0; i < rank; i++) {
      dims[i] = in[(int) p[i]];
      strides[i] = inStrides[(int) p[i]];
    }
    double[] out = new double[v.values().length];
    long[] idx = new long[rank];
    for (int o = 0; o < out.length; o++) {
      long src = 0;
      for (int i = 0; i < rank; i++) {
        src += idx[i] * strides[i];
      }
      out[o] = v.values()[(int) src];
      for (int i = rank - 1; i >= 0 && ++idx[i] == dims[i]; i--) {
        idx[i] = 0;
      }
    }
    return new ConstantTensor(dims, v.dataType(), out);
  }

  private Optional<ConstantTensor> slice(OnnxNode n) {
    List<String> in = n.inputs();
    Optional<ConstantTensor> data = value(in.get(0));
    if (data.isEmpty() || in.size() < 3) {
      return Optional.empty();
    }
    Optional<long[]> starts = longs(in.get(1));
    Optional<long[]> ends = longs(in.get(2));
    Optional<long[]> axes = in.size() > 3 && !in.get(3).isEmpty() ? longs(in.get(3)) : Optional.of(new long[0]);
    Optional<long[]> steps = in.size() > 4 && !in.get(4).isEmpty() ? longs(in.get(4)) : Optional.of(new long[0]);
    if (starts.isEmpty() || ends.isEmpty() || axes.isEmpty() || steps.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(slice(data.get(), starts.get(), ends.get(), axes.get(), steps.get()));
  }

  /** ONNX Slice (opset 10+): clamps starts and ends per axis, any non-zero step. */
  static ConstantTensor slice(ConstantTensor v, long[] starts, long[] ends, long[] axes, long[] steps) {
    int rank = v.rank();
    long[] in = v.dims();
    long[] first = new long[rank];
    long[] step = new long[rank];
    long[] dims = in.clone();
    Arrays.fill(step, 1);
    for (int k = 0; k < starts.length; k++) {
      int axis = (int) (axes.length > 0 ? axes[k] : k);
      axis = axis < 0 ? axis + rank : axis;
      long d = in[axis];
      long s = steps.length > 0 ? steps[k] : 1;
      long b = starts[k] < 0 ? starts[k] + d : starts[k];
      long e = ends[k] < 0 && ends[k] > Long.MIN_VALUE / 2 ? ends[k] + d : ends[k];
      if (s > 0) {
        b = Math.max(0, Math.min(b, d));
        e = Math.max(0, Math.min(e, d));
        dims[axis] = Math.max(0, (e - b + s - 1) / s);
      } else {
        b = Math.max(-1, Math.min(b, d - 1));
        e = Math.max(-1, Math.min(e, d - 1));
        dims[axis] = Math.max(0, (b - e - s - 1) / -s);
      }
      first[axis] = b;
      step[axis] = s;
    }
    long[] strides = v.strides();
    long count = 1;
    for (long d : dims) {
      count *= d;
    }
    double[] out = new double[(int) count];
    long[] idx = new long[rank];
    for (int o = 0; o < out.length; o++) {
      long src = 0;
      for (int i = 0; i < rank; i++) {
        src += (first[i] + idx[i] * step[i]) * strides[i];
      }
      out[o] = v.values()[(int) src];
      for (int i = rank - 1; i >= 0 && ++idx[i] == dims[i]; i--) {
        idx[i] = 0;
      }
    }
    return new ConstantTensor(dims, v.dataType(), out);
  }
}
