package io.gpen4j.onnx;

import io.gpen4j.onnxformat.rewrite.FloatTensors;
import io.gpen4j.ModelException;
import io.gpen4j.onnxformat.OnnxFields.Attribute;
import io.gpen4j.onnxformat.OnnxFields.DataType;
import io.gpen4j.onnxformat.OnnxFields.Graph;
import io.gpen4j.onnxformat.OnnxFields.Model;
import io.gpen4j.onnxformat.OnnxFields.Tensor;
import io.gpen4j.onnxformat.OnnxFields.Type;
import io.gpen4j.onnxformat.OnnxFields.ValueInfo;
import io.gpen4j.onnxformat.OnnxNode;
import io.gpen4j.onnxformat.OnnxValueInfo;
import io.gpen4j.onnxformat.ProtoField;
import io.gpen4j.onnxformat.ProtoMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Converts a float32 ONNX model to one that stores its weights and computes in float16 while its
 * graph inputs and outputs stay float32, so callers feed and read the same tensors as before.
 *
 * <p>Design: every float tensor gets a precision. Graph inputs stay float32; a Cast to float16
 * follows them. Nodes compute in float16 except (a) shape computations (anything fed only by
 * Shape/Size results and constants), which keep full precision because float16 holds integers
 * exactly only up to 2048, (b) operators in {@link #FP32_OPS} and Casts from float16 to float32
 * (a boundary some earlier conversion placed on purpose), and (c) constant sub-expressions
 * whose every consumer needs float32 (Resize scales, for example). Float initializers and
 * constants become float16 ({@link TensorData#weightToFloat16}) unless only float32 consumers read them. Where a tensor
 * of one precision feeds an input that needs the other, a Cast is inserted once per tensor. A
 * float graph output computed in float16 is renamed, and a final Cast writes the float32 output
 * under the original name. Every field the conversion does not touch is kept byte-for-byte. The
 * approach follows onnxconverter-common's {@code convert_float_to_float16(keep_io_types=True)};
 * the code is independent.
 *
 * <p>Limits: control flow subgraphs (If, Loop, Scan) and external data are rejected with a
 * {@link ModelException}; operator output types come from {@link GraphTypes}' simple rules.
 */
final class Fp16Converter {
  /** Operators that stay float32: index and range arithmetic that float16 would break. */
  private static final Set<String> FP32_OPS =
      Set.of("NonMaxSuppression", "RoiAlign", "Range", "TopK", "CumSum");
  /** Inputs that ONNX defines as float32 whatever the data's type (Resize roi/scales). */
  private static final Map<String, Set<Integer>> FP32_INPUTS =
      Map.of("Resize", Set.of(1, 2), "Upsample", Set.of(1));
  /** Inputs that take any element type, so they never need a Cast. */
  private static final Map<String, Set<Integer>> ANY_INPUTS =
      Map.of("Cast", Set.of(0), "Shape", Set.of(0), "Size", Set.of(0));

  private enum Need { FP32, FP16, ANY }

  /**
   * The outcome of a conversion.
   *
   * @param model the converted model, or the input model when nothing was float32
   * @param convertedTensors initializers and constants rewritten as float16
   * @param insertedCasts Cast nodes added at precision boundaries
   */
  record Result(ProtoMessage model, int convertedTensors, int insertedCasts) {
    Result {
      Objects.requireNonNull(model, "model");
    }

    boolean changed() {
      return convertedTensors > 0 || insertedCasts > 0;
    }
  }

  private final ProtoMessage graph;
  private final List<OnnxNode> nodes;
  private final GraphTypes types;
  private final Set<String> graphInputs;
  private final Set<String> graphOutputs;
  private final Set<String> initializers = new HashSet<>();
  private final Map<String, Integer> producer = new HashMap<>();
  private final Map<String, List<int[]>> consumers = new HashMap<>();
  private final Set<String> usedNames = new HashSet<>();
  private boolean[] fp32Node;

  private Fp16Converter(ProtoMessage graph) {
    this.graph = graph;
    List<OnnxNode> list = new ArrayList<>();
    for (ProtoMessage m : graph.messages(Graph.NODE)) {
      list.add(OnnxNode.of(m));
    }
    this.nodes = List.copyOf(list);
    this.types = GraphTypes.infer(graph, nodes);
    this.graphInputs = names(graph, Graph.INPUT);
    this.graphOutputs = names(graph, Graph.OUTPUT);
  }

  /**
   * Converts a model.
   *
   * @param model a parsed ModelProto
   * @return the result
   * @throws ModelException if the model has no graph, has subgraphs or external data
   */
  static Result convert(ProtoMessage model) {
    ProtoMessage graph = model.message(Model.GRAPH)
        .orElseThrow(() -> new ModelException("the file holds no ONNX graph"));
    return new Fp16Converter(graph).run(model);
  }

  private static Set<String> names(ProtoMessage graph, int field) {
    Set<String> set = new LinkedHashSet<>();
    for (ProtoMessage vi : graph.messages(field)) {
      set.add(vi.string(ValueInfo.NAME));
    }
    return set;
  }

  private Result run(ProtoMessage model) {
    index();
    classifyNodes();

    Map<String, String> rename = new LinkedHashMap<>();
    for (String out : graphOutputs) {
      if (types.isFloat(out) && producer.containsKey(out) && precision(out) == Need.FP16) {
        rename.put(out, fresh(out + "/gpen4j_fp16"));
      }
    }
    List<OnnxNode> rewritten = new ArrayList<>();
    Map<String, String> casts = new HashMap<>();
    int[] counts = new int[2];
    for (int i = 0; i < nodes.size(); i++) {
      OnnxNode node = nodes.get(i);
      List<String> ins = new ArrayList<>();
      for (int slot = 0; slot < node.inputs().size(); slot++) {
        String name = node.inputs().get(slot);
        String actual = rename.getOrDefault(name, name);
        Need want = need(i, slot);
        if (name.isEmpty() || !types.isFloat(name) || want == Need.ANY || want == precision(name)) {
          ins.add(actual);
          continue;
        }
        String key = actual + (want == Need.FP16 ? "/gpen4j_to_fp16" : "/gpen4j_to_fp32");
        String cast = casts.get(key);
        if (cast == null) {
          cast = fresh(key);
          casts.put(key, cast);
          rewritten.add(OnnxNode.cast(actual, cast, want == Need.FP16 ? DataType.FLOAT16 : DataType.FLOAT));
          counts[1]++;
        }
        ins.add(cast);
      }
      List<String> outs = new ArrayList<>();
      for (String o : node.outputs()) {
        outs.add(rename.getOrDefault(o, o));
      }
      Map<String, ProtoMessage> attrs = fp32Node[i] ? Map.of() : float16Attributes(node, counts);
      rewritten.add(node.rebuild(ins, outs, attrs));
    }
    for (Map.Entry<String, String> e : rename.entrySet()) {
      rewritten.add(OnnxNode.cast(e.getValue(), e.getKey(), DataType.FLOAT));
      counts[1]++;
    }

    ProtoMessage.Builder g = ProtoMessage.builder();
    boolean nodesWritten = false;
    for (ProtoField f : graph.fields()) {
      if (f.number() == Graph.NODE) {
        if (!nodesWritten) {
          for (OnnxNode n : rewritten) {
            g.addMessage(Graph.NODE, n.proto());
          }
          nodesWritten = true;
        }
      } else if (f.number() == Graph.INITIALIZER) {
        ProtoMessage t = f.asMessage();
        String name = t.string(Tensor.NAME);
        if (types.isFloat(name) && !graphInputs.contains(name) && precision(name) == Need.FP16) {
          g.addMessage(Graph.INITIALIZER, TensorData.toFloat16(t));
          counts[0]++;
        } else {
          g.add(f);
        }
      } else if (f.number() == Graph.VALUE_INFO) {
        ProtoMessage vi = f.asMessage();
        String name = vi.string(ValueInfo.NAME);
        boolean retype = OnnxValueInfo.of(vi).elemType() == DataType.FLOAT && precision(name) == Need.FP16;
        g.add(retype ? ProtoField.message(Graph.VALUE_INFO, retyped(vi, DataType.FLOAT16)) : f);
      } else {
        g.add(f);
      }
    }
    if (counts[0] == 0 && counts[1] == 0) {
      return new Result(model, 0, 0);
    }
    ProtoMessage converted = model.toBuilder().set(ProtoField.message(Model.GRAPH, g.build())).build();
    return new Result(converted, counts[0], counts[1]);
  }

  private void index() {
    for (ProtoMessage init : graph.messages(Graph.INITIALIZER)) {
      String name = init.string(Tensor.NAME);
      usedNames.add(name);
      if (!graphInputs.contains(name)) {
        initializers.add(name);
      }
    }
    usedNames.addAll(graphInputs);
    for (int i = 0; i < nodes.size(); i++) {
      OnnxNode node = nodes.get(i);
      for (ProtoMessage a : node.attributes()) {
        if (a.has(Attribute.G) || a.has(Attribute.GRAPHS)) {
          throw new ModelException("FP16 conversion does not support subgraphs: node '" + node.name()
              + "' (" + node.opType() + ") has graph attribute '" + a.string(Attribute.NAME) + "'");
        }
      }
      for (int slot = 0; slot < node.inputs().size(); slot++) {
        String in = node.inputs().get(slot);
        if (!in.isEmpty()) {
          consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(new int[] {i, slot});
        }
      }
      for (String out : node.outputs()) {
        producer.put(out, i);
        usedNames.add(out);
      }
    }
  }

  /** Decides which nodes compute in float32; see the class comment. */
  private void classifyNodes() {
    int n = nodes.size();
    fp32Node = new boolean[n];
    boolean[] constantNode = new boolean[n];
    Set<String> constant = new HashSet<>(initializers);
    Set<String> shapeDerived = new HashSet<>();
    for (int i = 0; i < n; i++) {
      OnnxNode node = nodes.get(i);
      List<String> ins = node.inputs().stream().filter(s -> !s.isEmpty()).toList();
      boolean allConstant = ins.stream().allMatch(constant::contains) && !node.opType().startsWith("Random");
      boolean shape = node.opType().equals("Shape") || node.opType().equals("Size")
          || (ins.stream().anyMatch(shapeDerived::contains)
              && ins.stream().allMatch(s -> shapeDerived.contains(s) || constant.contains(s)));
      if (allConstant) {
        constant.addAll(node.outputs());
        constantNode[i] = true;
      }
      if (shape) {
        shapeDerived.addAll(node.outputs());
      }
      fp32Node[i] = shape || FP32_OPS.contains(node.opType()) || castsHalfToFloat(node);
    }
    // Consumers come later in a topologically sorted graph, so walking backwards sees every
    // consumer's decision before the constant that feeds it.
    for (int i = n - 1; i >= 0; i--) {
      if (constantNode[i] && !fp32Node[i]) {
        fp32Node[i] = nodes.get(i).outputs().stream()
            .filter(types::isFloat)
            .allMatch(this::onlyFp32Consumers);
      }
    }
  }

  /** A Cast from float16 to float32 is a deliberate boundary (as this converter writes): kept. */
  private boolean castsHalfToFloat(OnnxNode node) {
    return node.opType().equals("Cast")
        && !node.inputs().isEmpty()
        && types.of(node.inputs().get(0)) == DataType.FLOAT16
        && node.attribute("to").map(a -> a.varint(Attribute.I, 0)).orElse(0L) == DataType.FLOAT;
  }

  private boolean onlyFp32Consumers(String tensor) {
    for (int[] c : consumers.getOrDefault(tensor, List.of())) {
      if (need(c[0], c[1]) == Need.FP16) {
        return false;
      }
    }
    return true;
  }

  private Need need(int nodeIndex, int slot) {
    String op = nodes.get(nodeIndex).opType();
    if (ANY_INPUTS.getOrDefault(op, Set.of()).contains(slot)) {
      return Need.ANY;
    }
    if (FP32_INPUTS.getOrDefault(op, Set.of()).contains(slot) || fp32Node[nodeIndex]) {
      return Need.FP32;
    }
    return Need.FP16;
  }

  /** The precision a float tensor has in the converted graph. */
  private Need precision(String tensor) {
    if (graphInputs.contains(tensor)) {
      return Need.FP32;
    }
    if (initializers.contains(tensor)) {
      return onlyFp32Consumers(tensor) ? Need.FP32 : Need.FP16;
    }
    Integer p = producer.get(tensor);
    return p == null || fp32Node[p] ? Need.FP32 : Need.FP16;
  }

  /** Attributes of a float16 node that name float32 as a type or hold float32 values. */
  private Map<String, ProtoMessage> float16Attributes(OnnxNode node, int[] counts) {
    Map<String, ProtoMessage> swap = new HashMap<>();
    boolean floatOut = !node.outputs().isEmpty() && types.isFloat(node.outputs().get(0));
    if (!floatOut) {
      return swap;
    }
    for (ProtoMessage a : node.attributes()) {
      String name = a.string(Attribute.NAME);
      long type = a.varint(Attribute.TYPE, 0);
      if ((name.equals("to") && node.opType().equals("Cast") || name.equals("dtype"))
          && a.varint(Attribute.I, 0) == DataType.FLOAT) {
        swap.put(name, a.toBuilder().set(ProtoField.varint(Attribute.I, DataType.FLOAT16)).build());
      } else if (name.equals("value") && type == Attribute.TYPE_TENSOR) {
        ProtoMessage t = a.message(Attribute.T).orElseThrow();
        if (t.varint(Tensor.DATA_TYPE, 0) == DataType.FLOAT) {
          swap.put(name, a.toBuilder().set(ProtoField.message(Attribute.T, TensorData.toFloat16(t))).build());
          counts[0]++;
        }
      } else if (node.opType().equals("Constant") && name.equals("value_float")) {
        swap.put(name, tensorAttribute("value", float16Tensor(new long[0], a.floats(Attribute.F))));
        counts[0]++;
      } else if (node.opType().equals("Constant") && name.equals("value_floats")) {
        float[] v = a.floats(Attribute.FLOATS);
        swap.put(name, tensorAttribute("value", float16Tensor(new long[] {v.length}, v)));
        counts[0]++;
      }
    }
    if (node.opType().equals("ConstantOfShape") && node.attribute("value").isEmpty()) {
      swap.put("value", tensorAttribute("value", float16Tensor(new long[] {1}, new float[] {0f})));
    }
    return swap;
  }

  private static ProtoMessage float16Tensor(long[] dims, float[] values) {
    return TensorData.toFloat16(FloatTensors.floatTensor(null, dims, values));
  }

  private static ProtoMessage tensorAttribute(String name, ProtoMessage tensor) {
    return ProtoMessage.builder()
        .addString(Attribute.NAME, name)
        .addMessage(Attribute.T, tensor)
        .addVarint(Attribute.TYPE, Attribute.TYPE_TENSOR)
        .build();
  }

  private static ProtoMessage retyped(ProtoMessage valueInfo, int elemType) {
    ProtoMessage type = valueInfo.message(ValueInfo.TYPE).orElseThrow();
    ProtoMessage tensor = type.message(Type.TENSOR_TYPE).orElseThrow();
    ProtoMessage newTensor = tensor.toBuilder().set(ProtoField.varint(Type.TENSOR_ELEM_TYPE, elemType)).build();
    ProtoMessage newType = type.toBuilder().set(ProtoField.message(Type.TENSOR_TYPE, newTensor)).build();
    return valueInfo.toBuilder().set(ProtoField.message(ValueInfo.TYPE, newType)).build();
  }

  private String fresh(String wanted) {
    String name = wanted;
    for (int k = 1; usedNames.contains(name); k++) {
      name = wanted + "_" + k;
    }
    usedNames.add(name);
    return name;
  }
}
