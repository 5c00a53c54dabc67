package io.gpen4j.onnxformat.rewrite;

import io.gpen4j.onnxformat.OnnxNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Folds a constant scalar gain into the constant kernels of the convolutions it feeds, removing
 * its Mul: StyleGAN2's {@code sqrt(2)} after each LeakyRelu, read by the next styled convolution
 * and the to-RGB convolution. Matched: {@code g = Mul(a, c)} with {@code c} a constant float
 * scalar, whose every reader is a Conv or ConvTranspose taking it as its data input, a Mul by
 * another constant scalar (GPEN's noise weight on an encoder feature; the two scalars become
 * one), or a Mul (by anything, such as the style) whose every reader is such a convolution; every
 * such convolution has a constant kernel. Because convolution and element-wise multiplication are
 * linear in the data, {@code conv(a * c * s, W) + b = conv(a * s, c * W) + b}: the readers read
 * {@code a} and each kernel is scaled by {@code c} (a new initializer, computed when written). A
 * demodulation computed from the unscaled kernel's energy is a separate constant and stays as it is.
 */
final class GainFold {
  private static final Set<String> CONVOLUTIONS = Set.of("Conv", "ConvTranspose");

  private final GraphAdditions additions;
  private final Function<String, Optional<SubPixelUpsample.Weight>> weights;

  /**
   * @param additions where new tensors and names come from
   * @param weights the constant float tensors of the graph by name (initializers, Constant nodes,
   *     and the kernels an earlier rewrite added)
   */
  GainFold(GraphAdditions additions, Function<String, Optional<SubPixelUpsample.Weight>> weights) {
    this.additions = additions;
    this.weights = weights;
  }

  /**
   * Folds every matched gain.
   *
   * @param nodes the graph's nodes in execution order
   * @param graphOutputs the graph's output names (a tensor the graph returns is never folded away)
   * @return the new node list and the count
   */
  GraphRewriteOutcome rewrite(List<OnnxNode> nodes, Set<String> graphOutputs) {
    Map<String, List<Integer>> consumers = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      for (String in : new HashSet<>(nodes.get(i).inputs())) {
        consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(i);
      }
    }
    Set<Integer> removed = new HashSet<>();
    // Node index -> its replacement (inputs renamed, kernel scaled); a node is touched by one fold.
    Map<Integer, OnnxNode> replaced = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      OnnxNode mul = nodes.get(i);
      if (!mul.opType().equals("Mul") || !mul.domain().isEmpty() || mul.inputs().size() != 2
          || graphOutputs.contains(mul.outputs().get(0))) {
        continue;
      }
      for (int side = 0; side < 2; side++) {
        Optional<Float> gain = scalar(mul.inputs().get(side));
        if (gain.isEmpty() || mul.inputs().get(1 - side).equals(mul.inputs().get(side))) {
          continue;
        }
        Optional<Map<Integer, OnnxNode>> fold =
            fold(nodes, i, mul.inputs().get(1 - side), gain.get(), consumers, graphOutputs);
        if (fold.isPresent() && fold.get().keySet().stream().noneMatch(replaced::containsKey)) {
          removed.add(i);
          replaced.putAll(fold.get());
          break;
        }
      }
    }
    if (removed.isEmpty()) {
      return new GraphRewriteOutcome(nodes, 0);
    }
    List<OnnxNode> out = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      if (!removed.contains(i)) {
        out.add(replaced.getOrDefault(i, nodes.get(i)));
      }
    }
    return new GraphRewriteOutcome(out, removed.size());
  }

  private Optional<Float> scalar(String tensor) {
    return weights.apply(tensor).flatMap(w -> {
      for (long d : w.dims()) {
        if (d != 1) {
          return Optional.empty();
        }
      }
      float[] v = w.values().get();
      return v.length == 1 && Float.isFinite(v[0]) ? Optional.of(v[0]) : Optional.empty();
    });
  }

  /**
   * The nodes that change when the gain Mul at {@code index} goes: its readers renamed to read
   * {@code source}, the convolutions behind them given scaled kernels; empty when not foldable.
   */
  private Optional<Map<Integer, OnnxNode>> fold(List<OnnxNode> nodes, int index, String source, float gain,
      Map<String, List<Integer>> consumers, Set<String> graphOutputs) {
    String gained = nodes.get(index).outputs().get(0);
    List<Integer> readers = consumers.getOrDefault(gained, List.of());
    if (readers.isEmpty()) {
      return Optional.empty();
    }
    Map<Integer, OnnxNode> changed = new HashMap<>();
    List<Integer> convolutions = new ArrayList<>();
    for (int r : readers) {
      OnnxNode n = nodes.get(r);
      if (isConvolution(n) && n.inputs().get(0).equals(gained) && !n.inputs().subList(1, n.inputs().size()).contains(gained)) {
        convolutions.add(r);
      } else if (isMul(n) && scalar(otherInput(n, gained)).isPresent()) {
        // Another constant scale (the encoder feature's noise weight): the two become one.
        float product = gain * scalar(otherInput(n, gained)).get();
        String scale = additions.floats("gain_folded_scale", new long[0], new float[] {product});
        changed.put(r, n.rebuild(List.of(source, scale), n.outputs(), Map.of()));
      } else if (isMul(n) && !graphOutputs.contains(n.outputs().get(0))) {
        List<Integer> next = consumers.getOrDefault(n.outputs().get(0), List.of());
        if (next.isEmpty()) {
          return Optional.empty();
        }
        for (int c : next) {
          OnnxNode conv = nodes.get(c);
          if (!isConvolution(conv) || !conv.inputs().get(0).equals(n.outputs().get(0))
              || conv.inputs().subList(1, conv.inputs().size()).contains(n.outputs().get(0))) {
            return Optional.empty();
          }
          convolutions.add(c);
        }
        changed.put(r, renamed(n, gained, source));
      } else {
        return Optional.empty();
      }
    }
    for (int c : convolutions) {
      OnnxNode conv = nodes.get(c);
      Optional<SubPixelUpsample.Weight> kernel = weights.apply(conv.inputs().get(1));
      if (kernel.isEmpty()) {
        return Optional.empty();
      }
      List<String> inputs = new ArrayList<>(conv.inputs());
      inputs.set(0, inputs.get(0).equals(gained) ? source : inputs.get(0));
      SubPixelUpsample.Weight w = kernel.get();
      inputs.set(1, additions.deferredFloats("gain_folded_kernel", w.dims(), () -> {
        float[] v = w.values().get().clone();
        for (int k = 0; k < v.length; k++) {
          v[k] *= gain;
        }
        return v;
      }));
      changed.put(c, conv.rebuild(inputs, conv.outputs(), Map.of()));
    }
    return Optional.of(changed);
  }

  private static boolean isMul(OnnxNode n) {
    return n.opType().equals("Mul") && n.domain().isEmpty() && n.inputs().size() == 2
        && !n.inputs().get(0).equals(n.inputs().get(1));
  }

  private static String otherInput(OnnxNode mul, String input) {
    return mul.inputs().get(mul.inputs().get(0).equals(input) ? 1 : 0);
  }

  private static boolean isConvolution(OnnxNode n) {
    return CONVOLUTIONS.contains(n.opType()) && n.domain().isEmpty() && n.inputs().size() >= 2;
  }

  private static OnnxNode renamed(OnnxNode n, String from, String to) {
    List<String> inputs = n.inputs().stream().map(x -> x.equals(from) ? to : x).toList();
    return n.rebuild(inputs, n.outputs(), Map.of());
  }
}
