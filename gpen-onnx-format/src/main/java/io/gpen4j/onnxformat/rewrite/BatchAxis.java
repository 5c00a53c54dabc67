package io.gpen4j.onnxformat.rewrite;

import io.gpen4j.onnxformat.OnnxFields.Attribute;
import io.gpen4j.onnxformat.OnnxFields.Graph;
import io.gpen4j.onnxformat.OnnxFields.Shape;
import io.gpen4j.onnxformat.OnnxFields.Type;
import io.gpen4j.onnxformat.OnnxFields.ValueInfo;
import io.gpen4j.onnxformat.OnnxNode;
import io.gpen4j.onnxformat.ProtoField;
import io.gpen4j.onnxformat.ProtoMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first (batch) axis of a generator exported for one face: whether every node treats the
 * samples of that axis apart, and the graph with the axis freed so one call can take several
 * faces. The official GPEN exports declare a batch of 1, yet once their kernels are constant
 * ({@link ConstantKernelRewrite}) nothing in them mixes samples: freed, a group photo's faces run
 * in batches (the enhance stage's {@code FaceBatcher}), as they do with the converter's exports.
 *
 * <p>The check is structural and conservative: each node that reads a tensor computed from the
 * graph input must be an operator known to work sample by sample (element-wise, convolutions,
 * matrix products with a constant right side), or one whose axis, axes, shape or repeats leave
 * the first axis alone (a constant reshape to {@code [-1, ...]} or {@code [0, ...]}, a concat on
 * axis 1); a constant reshape to {@code [1, ...]}, how a flatten traced for one face is exported,
 * is released to {@code [0, ...]}. Tensors computed from {@code Shape} are shapes, not samples,
 * and are not checked. Any other operator, a negative axis, or a shape that pins the first axis
 * keeps the batch fixed: the model then runs one face per call, as before. Stateless.
 */
final class BatchAxis {
  private static final Logger LOG = LoggerFactory.getLogger(BatchAxis.class);

  /** The name given to the freed axis. */
  static final String NAME = "batch";

  /** Operators that compute each output sample from the same sample of their inputs. */
  private static final Set<String> PER_SAMPLE = Set.of("Add", "Sub", "Mul", "Div", "Pow", "Sqrt", "Reciprocal",
      "Neg", "Abs", "Exp", "Log", "Tanh", "Sigmoid", "Relu", "LeakyRelu", "PRelu", "Clip", "Erf", "Cast",
      "Identity", "Max", "Min", "Sum", "Where", "Conv", "ConvTranspose", "BatchNormalization",
      "InstanceNormalization", "DepthToSpace", "SpaceToDepth", "AveragePool", "MaxPool", "GlobalAveragePool",
      "GlobalMaxPool", "Shape");

  private BatchAxis() {}

  /**
   * The nodes, when every one treats the samples of the first axis apart and the graph has one
   * input of rank 4 or less with a first axis of 1 (outputs: 1 or not given); else empty. A
   * reshape to a constant shape that starts with 1 (a flatten traced for one sample) is returned
   * reading {@code [0, ...]} instead, which copies the first axis: the same at a batch of 1.
   *
   * @param graph the graph (its inputs, outputs and initializers are read)
   * @param nodes its nodes in order
   * @param longs the value of a constant integer tensor (shapes, axes), empty when not constant
   * @param additions where a released reshape's new shape goes
   */
  static Optional<List<OnnxNode>> release(ProtoMessage graph, List<OnnxNode> nodes,
      Function<String, Optional<long[]>> longs, GraphAdditions additions) {
    Set<String> initializers = DeclaredShape.initializerNames(graph);
    List<ProtoMessage> inputs = graph.messages(Graph.INPUT).stream()
        .filter(i -> !initializers.contains(i.string(ValueInfo.NAME))).toList();
    if (inputs.size() != 1 || !firstAxisIsOne(inputs.get(0))
        || !graph.messages(Graph.OUTPUT).stream().allMatch(BatchAxis::firstAxisOneOrUnnamed)) {
      return Optional.empty();
    }
    Set<String> samples = new HashSet<>();
    samples.add(inputs.get(0).string(ValueInfo.NAME));
    List<OnnxNode> released = new ArrayList<>(nodes.size());
    for (OnnxNode n : nodes) {
      if (n.inputs().stream().noneMatch(samples::contains)) {
        released.add(n);
        continue;
      }
      if (!n.domain().isEmpty() || !keepsSamplesApart(n, samples, longs)) {
        LOG.debug("batch of 1 kept: {} '{}' may mix or pin the samples of the first axis", n.opType(), n.name());
        return Optional.empty();
      }
      if (!n.opType().equals("Shape")) {
        samples.addAll(n.outputs());
      }
      released.add(pinnedReshape(n, longs).map(shape -> {
        long[] copied = shape.clone();
        copied[0] = 0;
        String name = additions.longs("batch_shape", copied);
        return n.rebuild(List.of(n.inputs().get(0), name), n.outputs(), Map.of());
      }).orElse(n));
    }
    return Optional.of(released);
  }

  /** The constant shape of a reshape that starts with 1, if {@code n} is one. */
  private static Optional<long[]> pinnedReshape(OnnxNode n, Function<String, Optional<long[]>> longs) {
    if (!n.opType().equals("Reshape")) {
      return Optional.empty();
    }
    return longs.apply(n.inputs().get(1)).filter(s -> s[0] == 1);
  }

  /**
   * The graph with the first axis of its input and outputs named {@link #NAME} and its
   * intermediate shapes dropped (they were inferred for one sample; ONNX Runtime infers them
   * again).
   */
  static ProtoMessage free(ProtoMessage graph) {
    Set<String> initializers = DeclaredShape.initializerNames(graph);
    ProtoMessage.Builder g = ProtoMessage.builder();
    for (ProtoField f : graph.fields()) {
      if (f.number() == Graph.INPUT || f.number() == Graph.OUTPUT) {
        ProtoMessage v = f.asMessage();
        boolean declared = v.message(ValueInfo.TYPE).flatMap(t -> t.message(Type.TENSOR_TYPE))
            .flatMap(t -> t.message(Type.TENSOR_SHAPE)).isPresent();
        g.add(declared && !initializers.contains(v.string(ValueInfo.NAME))
            ? ProtoField.message(f.number(), DeclaredShape.withNamedAxes(v, axis -> axis == 0 ? NAME : null)) : f);
      } else if (f.number() != Graph.VALUE_INFO) {
        g.add(f);
      }
    }
    return g.build();
  }

  private static boolean keepsSamplesApart(OnnxNode n, Set<String> samples, Function<String, Optional<long[]>> longs) {
    String op = n.opType();
    if (PER_SAMPLE.contains(op)) {
      return true;
    }
    return switch (op) {
      // A matrix product over rows: the samples on the left, a constant (or shape) on the right.
      case "MatMul" -> !samples.contains(n.inputs().get(1));
      case "Gemm" -> !samples.contains(n.inputs().get(1)) && intAttribute(n, "transA", 0) == 0;
      // Along a later axis; a concat also needs every part to be a sample (a constant part has one).
      case "Concat" -> intAttribute(n, "axis", 0) > 0 && n.inputs().stream().allMatch(samples::contains);
      case "Split", "Gather" -> intAttribute(n, "axis", 0) > 0;
      case "Flatten" -> intAttribute(n, "axis", 1) > 0;
      case "Unsqueeze", "Squeeze", "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceL2" ->
          axes(n, longs).filter(a -> a.length > 0).map(BatchAxis::allPositive).orElse(false);
      case "Transpose" -> intsAttribute(n, "perm").map(p -> p.length > 0 && p[0] == 0).orElse(false);
      // A constant target shape must keep the first axis: -1 (inferred), 0 (copied) or 1 (the
      // one sample, released to 0); a shape computed from Shape follows the input as traced.
      case "Reshape" -> intAttribute(n, "allowzero", 0) == 0 && samples.contains(n.inputs().get(0))
          && longs.apply(n.inputs().get(1)).map(s -> s.length > 1 && s[0] >= -1 && s[0] <= 1)
              .orElse(!samples.contains(n.inputs().get(1)));
      // A broadcast to ones, or repeats that leave the first axis alone.
      case "Expand" -> longs.apply(n.inputs().get(1)).map(BatchAxis::allOnes).orElse(false);
      case "Tile" -> longs.apply(n.inputs().get(1)).map(r -> r.length > 0 && r[0] == 1).orElse(false);
      case "Pad" -> n.inputs().size() > 1 && longs.apply(n.inputs().get(1))
          .map(p -> p.length % 2 == 0 && p[0] == 0 && p[p.length / 2] == 0).orElse(false);
      default -> false;
    };
  }

  private static Optional<long[]> axes(OnnxNode n, Function<String, Optional<long[]>> longs) {
    Optional<long[]> attribute = intsAttribute(n, "axes");
    if (attribute.isPresent()) {
      return attribute;
    }
    return n.inputs().size() > 1 && !n.inputs().get(1).isEmpty() ? longs.apply(n.inputs().get(1)) : Optional.empty();
  }

  private static boolean allPositive(long[] axes) {
    for (long a : axes) {
      if (a <= 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean allOnes(long[] values) {
    for (long v : values) {
      if (v != 1) {
        return false;
      }
    }
    return values.length > 0;
  }

  private static long intAttribute(OnnxNode n, String name, long absent) {
    return n.attribute(name).map(a -> a.varint(Attribute.I, absent)).orElse(absent);
  }

  private static Optional<long[]> intsAttribute(OnnxNode n, String name) {
    return n.attribute(name).map(a -> a.longs(Attribute.INTS));
  }

  private static boolean firstAxisIsOne(ProtoMessage valueInfo) {
    List<ProtoMessage> dims = DeclaredShape.dims(valueInfo);
    return !dims.isEmpty() && dims.size() <= 4 && dims.get(0).varint(Shape.DIM_VALUE, -1) == 1;
  }

  /** An output's first axis: 1, or left to inference (exporters often name it after its node). */
  private static boolean firstAxisOneOrUnnamed(ProtoMessage valueInfo) {
    List<ProtoMessage> dims = DeclaredShape.dims(valueInfo);
    return dims.isEmpty() || dims.size() <= 4 && dims.get(0).varint(Shape.DIM_VALUE, 1) == 1;
  }
}
