package io.gpen4j.onnxformat.rewrite;

import io.gpen4j.onnxformat.OnnxFields.Attribute;
import io.gpen4j.onnxformat.OnnxFields.DataType;
import io.gpen4j.onnxformat.OnnxFields.Tensor;
import io.gpen4j.onnxformat.OnnxNode;
import io.gpen4j.onnxformat.ProtoMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Matches a StyleGAN2 modulated convolution whose kernel is computed at run time, as the official
 * GPEN code exports it, and rewrites it into the constant-kernel form.
 *
 * <p>Matched (by operators, constant shapes and data flow, never by names): a Conv or
 * ConvTranspose with one group whose weight is {@code layout(W * s [* d])}, where {@code W} is a
 * constant {@code [1, O, I, kh, kw]} kernel, {@code s = Reshape(style, [1, 1, I, 1, 1])}, the
 * optional demodulation {@code d = 1 / sqrt(ReduceSum((W * s)^2, axes [2, 3, 4]) + eps)} reshaped to
 * {@code [1, O, 1, 1, 1]}, and {@code layout} is Reshapes and Transposes that bring the axes to
 * {@code [O, I, kh, kw]} (Conv) or {@code [I, O, kh, kw]} (ConvTranspose).
 *
 * <p>Written instead: {@code y = conv(x * style[:, :, None, None], W)} and, with demodulation,
 * {@code y * rsqrt(style^2 @ E + eps)} where {@code E[i, o]} is the kernel's energy per input and
 * output channel. The kernel stays constant, so ONNX Runtime pre-packs it, and nothing depends on
 * the batch size.
 */
final class ModulatedConvPattern {
  private static final String[] LABELS = {"b", "o", "i", "h", "w"};

  private final GraphConstants graph;
  private final GraphAdditions additions;

  ModulatedConvPattern(GraphConstants graph, GraphAdditions additions) {
    this.graph = graph;
    this.additions = additions;
  }

  /** The parts of a match. */
  private record Match(ProtoMessage kernel, long[] kernelDims, String style, String eps) {}

  Optional<GraphReplacement> match(int convIndex, OnnxNode conv) {
    boolean transposed = conv.opType().equals("ConvTranspose");
    if (!(transposed || conv.opType().equals("Conv")) || conv.inputs().size() != 2
        || conv.attribute("group").map(a -> a.varint(Attribute.I, 1)).orElse(1L) != 1) {
      return Optional.empty();
    }
    List<OnnxNode> layout = new ArrayList<>();
    String weight = conv.inputs().get(1);
    Optional<OnnxNode> p = graph.producer(weight);
    while (p.isPresent() && (p.get().opType().equals("Reshape") || p.get().opType().equals("Transpose"))
        && layout.size() < 8) {
      layout.add(0, p.get());
      p = graph.producer(p.get().inputs().get(0));
    }
    if (p.isEmpty() || !p.get().opType().equals("Mul")) {
      return Optional.empty();
    }
    OnnxNode mul = p.get();
    Optional<Match> m = demodulated(mul).or(() -> modulated(mul.outputs().get(0), null));
    if (m.isEmpty()) {
      return Optional.empty();
    }
    long[] k = m.get().kernelDims();
    long out = k[1];
    long in = k[2];
    if (!layoutGives(layout, k, transposed ? new String[] {"i", "o", "h", "w"} : new String[] {"o", "i", "h", "w"})) {
      return Optional.empty();
    }
    return Optional.of(rewrite(convIndex, conv, m.get(), transposed, in, out));
  }

  /** {@code Mul(A, d)} with A = W * s and d its demodulation, in either order. */
  private Optional<Match> demodulated(OnnxNode mul) {
    for (int side = 0; side < 2; side++) {
      String a = mul.inputs().get(side);
      String d = mul.inputs().get(1 - side);
      Optional<String> eps = demodulation(d, a);
      if (eps.isPresent()) {
        Optional<Match> m = modulated(a, eps.get());
        if (m.isPresent()) {
          return m;
        }
      }
    }
    return Optional.empty();
  }

  /** Returns the epsilon tensor when {@code d = reshape(1 / sqrt(sum((a)^2, [2,3,4]) + eps))}. */
  private Optional<String> demodulation(String d, String a) {
    Optional<OnnxNode> n = graph.producer(d);
    boolean reshaped = n.isPresent() && n.get().opType().equals("Reshape");
    if (reshaped) {
      Optional<long[]> shape = graph.longs(n.get().inputs().get(1));
      if (shape.isEmpty() || shape.get().length != 5 || shape.get()[0] != 1
          || shape.get()[2] != 1 || shape.get()[3] != 1 || shape.get()[4] != 1) {
        return Optional.empty();
      }
      n = graph.producer(n.get().inputs().get(0));
    }
    if (n.isEmpty()) {
      return Optional.empty();
    }
    String sqrt;
    if (n.get().opType().equals("Reciprocal")) {
      sqrt = n.get().inputs().get(0);
    } else if (n.get().opType().equals("Div") && isScalar(n.get().inputs().get(0), 1.0)) {
      sqrt = n.get().inputs().get(1);
    } else {
      return Optional.empty();
    }
    Optional<OnnxNode> s = graph.producer(sqrt).filter(x -> x.opType().equals("Sqrt"));
    Optional<OnnxNode> add = s.flatMap(x -> graph.producer(x.inputs().get(0))).filter(x -> x.opType().equals("Add"));
    if (add.isEmpty()) {
      return Optional.empty();
    }
    for (int side = 0; side < 2; side++) {
      String eps = add.get().inputs().get(side);
      Optional<ConstantTensor> e = graph.value(eps);
      if (e.isEmpty() || e.get().values().length != 1 || e.get().dataType() != DataType.FLOAT) {
        continue;
      }
      Optional<OnnxNode> sum = graph.producer(add.get().inputs().get(1 - side))
          .filter(x -> x.opType().equals("ReduceSum"));
      if (sum.isEmpty() || !sumsOverInputAndKernel(sum.get(), reshaped)) {
        continue;
      }
      Optional<OnnxNode> pow = graph.producer(sum.get().inputs().get(0));
      boolean squares = pow.isPresent() && (pow.get().opType().equals("Pow") && isScalar(pow.get().inputs().get(1), 2.0)
          || pow.get().opType().equals("Mul") && pow.get().inputs().get(0).equals(pow.get().inputs().get(1)));
      if (squares && pow.get().inputs().get(0).equals(a)) {
        return Optional.of(eps);
      }
    }
    return Optional.empty();
  }

  private boolean sumsOverInputAndKernel(OnnxNode sum, boolean reshaped) {
    long[] axes = sum.inputs().size() > 1
        ? graph.longs(sum.inputs().get(1)).orElse(null)
        : sum.attribute("axes").map(a -> a.longs(Attribute.INTS)).orElse(null);
    if (axes == null) {
      return false;
    }
    long[] norm = Arrays.stream(axes).map(x -> x < 0 ? x + 5 : x).sorted().toArray();
    boolean keep = sum.attribute("keepdims").map(a -> a.varint(Attribute.I, 1)).orElse(1L) == 1;
    return Arrays.equals(norm, new long[] {2, 3, 4}) && (keep || reshaped);
  }

  private boolean isScalar(String tensor, double expected) {
    Optional<ConstantTensor> v = graph.value(tensor);
    return v.isPresent() && v.get().values().length == 1 && v.get().values()[0] == expected;
  }

  /** {@code a = W * Reshape(style, [1, 1, I, 1, 1])} with W a constant [1, O, I, kh, kw]. */
  private Optional<Match> modulated(String a, String eps) {
    Optional<OnnxNode> mul = graph.producer(a).filter(x -> x.opType().equals("Mul"));
    if (mul.isEmpty()) {
      return Optional.empty();
    }
    for (int side = 0; side < 2; side++) {
      Optional<ProtoMessage> w = graph.initializer(mul.get().inputs().get(side));
      Optional<OnnxNode> s = graph.producer(mul.get().inputs().get(1 - side)).filter(x -> x.opType().equals("Reshape"));
      if (w.isEmpty() || s.isEmpty() || w.get().varint(Tensor.DATA_TYPE, 0) != DataType.FLOAT) {
        continue;
      }
      long[] dims = w.get().longs(Tensor.DIMS);
      Optional<long[]> shape = graph.longs(s.get().inputs().get(1));
      if (dims.length == 5 && dims[0] == 1 && shape.isPresent()
          && Arrays.equals(shape.get(), new long[] {1, 1, dims[2], 1, 1})) {
        return Optional.of(new Match(w.get(), dims, s.get().inputs().get(0), eps));
      }
    }
    return Optional.empty();
  }

  /**
   * Follows the kernel's axes through the Reshapes and Transposes (batch 1): true when they end
   * as the 4-D layout wanted. A Reshape may only add or drop unit axes; merging axes is not matched.
   */
  private boolean layoutGives(List<OnnxNode> layout, long[] kernelDims, String[] wanted) {
    long[] dims = kernelDims.clone();
    String[] labels = LABELS.clone();
    for (OnnxNode n : layout) {
      if (n.opType().equals("Transpose")) {
        long[] perm = n.attribute("perm").map(a -> a.longs(Attribute.INTS)).orElse(null);
        if (perm == null || perm.length != dims.length) {
          return false;
        }
        long[] d = new long[dims.length];
        String[] l = new String[dims.length];
        for (int i = 0; i < perm.length; i++) {
          d[i] = dims[(int) perm[i]];
          l[i] = labels[(int) perm[i]];
        }
        dims = d;
        labels = l;
      } else {
        Optional<long[]> shape = graph.longs(n.inputs().get(1));
        if (shape.isEmpty()) {
          return false;
        }
        long[] target = GraphConstants.resolveShape(dims, shape.get());
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < dims.length; i++) {
          if (dims[i] != 1) {
            kept.add(labels[i]);
          }
        }
        if (!Arrays.equals(nonUnit(dims), nonUnit(target))) {
          return false;
        }
        String[] l = new String[target.length];
        int k = 0;
        for (int i = 0; i < target.length; i++) {
          l[i] = target[i] == 1 ? "1" : kept.get(k++);
        }
        dims = target;
        labels = l;
      }
    }
    if (dims.length != 4) {
      return false;
    }
    for (int i = 0; i < 4; i++) {
      long size = kernelDims[Arrays.asList(LABELS).indexOf(wanted[i])];
      if (dims[i] != size || (size != 1 && !labels[i].equals(wanted[i]))) {
        return false;
      }
    }
    return true;
  }

  private static long[] nonUnit(long[] dims) {
    return Arrays.stream(dims).filter(d -> d != 1).toArray();
  }

  private GraphReplacement rewrite(int convIndex, OnnxNode conv, Match m, boolean transposed, long in, long out) {
    long kh = m.kernelDims()[3];
    long kw = m.kernelDims()[4];
    Set<Integer> removed = new HashSet<>();
    removed.add(convIndex);
    String x = conv.inputs().get(0);
    Optional<OnnxNode> flatten = graph.producer(x).filter(n -> n.opType().equals("Reshape"));
    if (flatten.isPresent()) {
      // The official code folds the batch into channels ([1, B*I, H, W]); the rewrite needs B.
      Optional<long[]> shape = graph.longs(flatten.get().inputs().get(1));
      if (shape.isPresent() && shape.get().length == 4 && shape.get()[0] == 1 && shape.get()[1] == in) {
        x = flatten.get().inputs().get(0);
      }
    }
    String result = conv.outputs().get(0);
    List<Integer> readers = graph.consumers(result);
    if (readers.size() == 1) {
      int r = readers.get(0);
      OnnxNode unflatten = graph.nodeAt(r);
      Optional<long[]> shape = unflatten.opType().equals("Reshape") ? graph.longs(unflatten.inputs().get(1)) : Optional.empty();
      if (shape.isPresent() && shape.get().length == 4 && (shape.get()[0] == 1 || shape.get()[0] == -1)
          && shape.get()[1] == out) {
        result = unflatten.outputs().get(0);
        removed.add(r);
      }
    }
    String weight;
    if (transposed) {
      ProtoMessage kernel = m.kernel();
      int hw = (int) (kh * kw);
      // Computed when written: the kernels of a large model are then never all in the heap at once.
      weight = additions.deferredFloats("kernel", new long[] {in, out, kh, kw}, () -> {
        float[] w = FloatTensors.floats(kernel);
        float[] t = new float[w.length];
        for (int o = 0; o < out; o++) {
          for (int i = 0; i < in; i++) {
            System.arraycopy(w, (int) ((o * in + i) * hw), t, (int) ((i * out + o) * hw), hw);
          }
        }
        return t;
      });
    } else {
      weight = additions.reshaped("kernel", m.kernel(), new long[] {out, in, kh, kw});
    }
    List<OnnxNode> nodes = new ArrayList<>();
    String style4 = additions.fresh("style_nchw");
    nodes.add(additions.node("Reshape", List.of(m.style(), additions.longs("shape", -1, in, 1, 1)), style4));
    String scaled = additions.fresh("modulated_input");
    nodes.add(additions.node("Mul", List.of(x, style4), scaled));
    String convOut = m.eps() == null ? result : additions.fresh("conv");
    nodes.add(additions.copy(conv, List.of(scaled, weight), convOut, Map.of()));
    if (m.eps() != null) {
      float[] w = FloatTensors.floats(m.kernel());
      float[] energy = new float[(int) (in * out)];
      int hw = (int) (kh * kw);
      for (int o = 0; o < out; o++) {
        for (int i = 0; i < in; i++) {
          double e = 0;
          for (int j = 0; j < hw; j++) {
            double v = w[(int) ((o * in + i) * hw) + j];
            e += v * v;
          }
          energy[(int) (i * out + o)] = (float) e;
        }
      }
      String energies = additions.floats("energy", new long[] {in, out}, energy);
      String style2 = additions.fresh("style");
      nodes.add(additions.node("Reshape", List.of(m.style(), additions.longs("shape", -1, in)), style2));
      String squared = additions.fresh("style_squared");
      nodes.add(additions.node("Mul", List.of(style2, style2), squared));
      String sum = additions.fresh("energy_sum");
      nodes.add(additions.node("MatMul", List.of(squared, energies), sum));
      String plusEps = additions.fresh("energy_eps");
      nodes.add(additions.node("Add", List.of(sum, m.eps()), plusEps));
      String root = additions.fresh("energy_sqrt");
      nodes.add(additions.node("Sqrt", List.of(plusEps), root));
      String demod = additions.fresh("demod");
      nodes.add(additions.node("Reciprocal", List.of(root), demod));
      String demod4 = additions.fresh("demod_nchw");
      nodes.add(additions.node("Reshape", List.of(demod, additions.longs("shape", -1, out, 1, 1)), demod4));
      nodes.add(additions.node("Mul", List.of(convOut, demod4), result));
    }
    return new GraphReplacement(convIndex, removed, nodes, result, out);
  }
}
