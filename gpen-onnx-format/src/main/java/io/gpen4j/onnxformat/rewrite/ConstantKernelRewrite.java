package io.gpen4j.onnxformat.rewrite;

import io.gpen4j.ModelException;
import io.gpen4j.onnxformat.OnnxFields.DataType;
import io.gpen4j.onnxformat.OnnxFields.Graph;
import io.gpen4j.onnxformat.OnnxFields.Model;
import io.gpen4j.onnxformat.OnnxFields.Tensor;
import io.gpen4j.onnxformat.OnnxFields.ValueInfo;
import io.gpen4j.onnxformat.OnnxNode;
import io.gpen4j.onnxformat.ProtoField;
import io.gpen4j.onnxformat.ProtoMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Rewrites a generator exported from the official GPEN code (kernels modulated at run time, blur
 * as reshape / pad / single-channel convolutions) into the constant-kernel form our converter
 * writes ({@code models/convert/gpen_arch.py}): same values, but every convolution kernel is a
 * constant ONNX Runtime can pre-pack, and each blur is one depthwise convolution. See
 * {@link ModulatedConvPattern} and {@link ReshapeBlurPattern} for what is matched; convolutions
 * with a computed kernel that match neither are left alone and listed in the result. On request
 * (measurements only), each StyleGAN2 up-sampling of that constant-kernel form is then rewritten
 * as a sub-pixel convolution ({@link SubPixelUpsample}). Nodes and initializers that only fed replaced nodes are removed. A graph with nothing to
 * rewrite is returned unchanged (the same object).
 */
final class ConstantKernelRewrite {
  /** Prefix of every tensor and node the rewrite adds. */
  static final String PREFIX = "gpen4j_constant_kernel/";

  /**
   * The outcome of a rewrite. The rewritten graph and the initializers the rewrite adds are kept
   * apart from the input model, so writing the result ({@link #writeTo}) streams it: weights stay
   * slices of the input's (mapped) bytes, a kernel that is a reshaped weight is copied nowhere, a
   * computed kernel is computed while it is written, and neither the graph nor the model is ever
   * encoded into one array.
   *
   * @param input the model that was rewritten
   * @param graph the rewritten graph without the added initializers, or null when nothing matched
   * @param added the small initializers the rewrite adds, written after the graph's own fields
   * @param deferred the large ones, computed when written, after {@code added}
   * @param convolutions modulated convolutions rewritten
   * @param blurs blurs rewritten
   * @param upsamplings transposed convolutions and their blurs folded into sub-pixel convolutions
   *     ({@link SubPixelUpsample})
   * @param gains constant scalar gains folded into the kernels after them ({@link GainFold})
   * @param scaleBias styled convolutions whose scales and bias became one BatchNormalization
   *     ({@link ScaleBiasFusion})
   * @param leftAlone convolutions with a computed kernel that matched no pattern, described
   * @param batchFreed whether the input's batch of 1 was freed ({@link BatchAxis})
   */
  record Result(ProtoMessage input, ProtoMessage graph, List<ProtoMessage> added, List<DeferredTensor> deferred,
      int convolutions, int blurs, int upsamplings, int gains, int scaleBias, List<String> leftAlone,
      boolean batchFreed) {
    Result {
      Objects.requireNonNull(input, "input");
      added = List.copyOf(added);
      deferred = List.copyOf(deferred);
      leftAlone = List.copyOf(leftAlone);
    }

    /** A result with nothing rewritten. */
    static Result unchanged(ProtoMessage input, List<String> leftAlone) {
      return new Result(input, null, List.of(), List.of(), 0, 0, 0, 0, 0, leftAlone, false);
    }

    boolean changed() {
      return graph != null;
    }


    /**
     * The rewritten model as one message, or the input (the same object) when nothing matched.
     * Encodes the whole graph into an array: for small models and tests; {@link #writeTo} streams.
     */
    ProtoMessage model() {
      if (graph == null) {
        return input;
      }
      ProtoMessage.Builder g = graph.toBuilder();
      added.forEach(t -> g.addMessage(Graph.INITIALIZER, t));
      deferred.forEach(t -> g.addMessage(Graph.INITIALIZER, t.build()));
      return input.toBuilder().set(ProtoField.message(Model.GRAPH, g.build())).build();
    }

    /** Writes the rewritten model: the bytes of {@code model().toByteArray()}, streamed. */
    void writeTo(OutputStream out) throws IOException {
      if (graph == null) {
        input.writeTo(out);
        return;
      }
      boolean graphWritten = false;
      for (ProtoField f : input.fields()) {
        if (f.number() != Model.GRAPH) {
          ProtoMessage.builder().add(f).build().writeTo(out);
        } else if (!graphWritten) {
          // Where the first graph field was, as ProtoMessage.Builder.set puts it.
          writeGraph(out);
          graphWritten = true;
        }
      }
    }

    private void writeGraph(OutputStream out) throws IOException {
      long size = graph.encodedSize();
      for (ProtoMessage t : added) {
        size += ProtoMessage.lengthDelimitedFieldSize(Graph.INITIALIZER, t.encodedSize());
      }
      for (DeferredTensor t : deferred) {
        size += t.encodedSizeAsField(Graph.INITIALIZER);
      }
      ProtoMessage.writeLengthDelimitedHeader(Model.GRAPH, size, out);
      graph.writeTo(out);
      for (ProtoMessage t : added) {
        t.writeAsField(Graph.INITIALIZER, out);
      }
      for (DeferredTensor t : deferred) {
        t.writeAsField(Graph.INITIALIZER, out);
      }
    }
  }

  private ConstantKernelRewrite() {}

  /**
   * Rewrites a model.
   *
   * @param model a parsed ModelProto
   * @return the result
   * @throws ModelException if the model has no graph
   */
  static Result rewrite(ProtoMessage model) {
    return rewrite(model, null);
  }

  /**
   * Rewrites a model and, when {@code subPixel} is given, folds its up-samplings into sub-pixel
   * convolutions of that form ({@link SubPixelUpsample}; not part of the load path, which keeps
   * ONNX Runtime's transposed convolution: the sub-pixel forms measured slower on the CPU, see the
   * gpen-bench README).
   *
   * @param model a parsed ModelProto
   * @param subPixel the sub-pixel form, or null for none
   * @return the result
   * @throws ModelException if the model has no graph
   */
  static Result rewrite(ProtoMessage model, SubPixelUpsample.Form subPixel) {
    return rewrite(model, subPixel, false);
  }

  /**
   * Rewrites a model as {@link #rewrite(ProtoMessage, SubPixelUpsample.Form)} and, when
   * {@code foldGains}, folds constant scalar gains into the kernels of the convolutions they feed
   * ({@link GainFold}; measured 1.02-1.05x faster, see the gpen-bench README; the load path does not
   * ask for it yet, as {@link ConstantKernelForm} says).
   *
   * @param model a parsed ModelProto
   * @param subPixel the sub-pixel form, or null for none
   * @param foldGains whether to fold constant scalar gains
   * @return the result
   * @throws ModelException if the model has no graph
   */
  static Result rewrite(ProtoMessage model, SubPixelUpsample.Form subPixel, boolean foldGains) {
    return rewrite(model, subPixel, foldGains, false);
  }

  /**
   * Rewrites a model as {@link #rewrite(ProtoMessage, SubPixelUpsample.Form, boolean)} and, when
   * {@code scaleBias}, turns each styled convolution's demodulation and noise-weight Muls, Concat and
   * bias Add into a Concat and one BatchNormalization ({@link ScaleBiasFusion}: for runs of one face
   * only; measured for the gpen-bench README, not asked for by the load path).
   *
   * @param model a parsed ModelProto
   * @param subPixel the sub-pixel form, or null for none
   * @param foldGains whether to fold constant scalar gains
   * @param scaleBias whether to fuse the scales and the bias (the caller runs one face per run)
   * @return the result
   * @throws ModelException if the model has no graph
   */
  static Result rewrite(ProtoMessage model, SubPixelUpsample.Form subPixel, boolean foldGains, boolean scaleBias) {
    ProtoMessage graph = model.message(Model.GRAPH)
        .orElseThrow(() -> new ModelException("the file holds no ONNX graph"));
    List<OnnxNode> nodes = new ArrayList<>();
    // The wire field of each node read: a node kept as it was is written back from it, so a
    // Constant node's weights stay a slice of the input instead of being encoded again.
    Map<OnnxNode, ProtoField> asRead = new IdentityHashMap<>();
    for (ProtoField f : graph.fields(Graph.NODE)) {
      OnnxNode n = OnnxNode.of(f.asMessage());
      nodes.add(n);
      asRead.put(n, f);
    }
    GraphConstants constants = new GraphConstants(graph, nodes);
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      OnnxNode n = nodes.get(i);
      boolean conv = n.opType().equals("Conv") || n.opType().equals("ConvTranspose");
      if (conv && n.domain().isEmpty() && n.inputs().size() >= 2
          && constants.initializer(n.inputs().get(1)).isEmpty()) {
        candidates.add(i);
      }
    }
    if (candidates.isEmpty() && subPixel == null && !foldGains && !scaleBias) {
      return Result.unchanged(model, List.of());
    }
    GraphAdditions additions = new GraphAdditions(usedNames(graph, nodes), PREFIX);
    ChannelCount channels = new ChannelCount(constants);
    ModulatedConvPattern modulated = new ModulatedConvPattern(constants, additions);
    ReshapeBlurPattern blur = new ReshapeBlurPattern(constants, additions, channels);
    Map<Integer, GraphReplacement> replacements = new HashMap<>();
    Set<Integer> removed = new HashSet<>();
    int convolutions = 0;
    int blurs = 0;
    // Modulated convolutions first: the blurs that follow them learn their channel count from them.
    List<Integer> rest = new ArrayList<>();
    for (int i : candidates) {
      if (accept(modulated.match(i, nodes.get(i)), replacements, removed, channels)) {
        convolutions++;
      } else {
        rest.add(i);
      }
    }
    List<String> leftAlone = new ArrayList<>();
    for (int i : rest) {
      if (accept(blur.match(i, nodes.get(i)), replacements, removed, channels)) {
        blurs++;
      } else {
        OnnxNode n = nodes.get(i);
        String from = constants.producer(n.inputs().get(1)).map(OnnxNode::opType).orElse("a graph input");
        leftAlone.add(n.opType() + " '" + n.name() + "' (kernel written by " + from + ")");
      }
    }
    List<OnnxNode> rewritten = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      GraphReplacement r = replacements.get(i);
      if (r != null) {
        rewritten.addAll(r.added());
      }
      if (!removed.contains(i)) {
        rewritten.add(nodes.get(i));
      }
    }
    GraphRewriteOutcome upsampled = new GraphRewriteOutcome(rewritten, 0);
    if (subPixel != null) {
      // On the constant-kernel form, whether it was exported so or rewritten above.
      upsampled = new SubPixelUpsample(additions, name -> weight(name, additions, constants),
          name -> constantLongs(name, additions, constants), subPixel).rewrite(liveNodes(graph, rewritten),
          outputNames(graph));
    }
    GraphRewriteOutcome folded = new GraphRewriteOutcome(upsampled.nodes(), 0);
    if (foldGains) {
      folded = new GainFold(additions, name -> weight(name, additions, constants))
          .rewrite(liveNodes(graph, upsampled.nodes()), outputNames(graph));
    }
    GraphRewriteOutcome fused = new GraphRewriteOutcome(folded.nodes(), 0);
    if (scaleBias) {
      fused = new ScaleBiasFusion(additions, name -> weight(name, additions, constants))
          .rewrite(liveNodes(graph, folded.nodes()), outputNames(graph));
    }
    if (replacements.isEmpty() && upsampled.count() == 0 && folded.count() == 0 && fused.count() == 0) {
      return Result.unchanged(model, leftAlone);
    }
    List<OnnxNode> rewrittenLive = liveNodes(graph, fused.nodes());
    // Once no kernel is computed from a sample, an official export's batch of 1 is only declared.
    Optional<List<OnnxNode>> released = convolutions > 0 && leftAlone.isEmpty()
        ? BatchAxis.release(graph, rewrittenLive, name -> constantLongs(name, additions, constants), additions)
        : Optional.empty();
    List<OnnxNode> live = released.orElse(rewrittenLive);
    Set<String> read = readTensors(graph, live);
    List<ProtoMessage> added = additions.initializers().stream().filter(t -> read.contains(t.string(Tensor.NAME))).toList();
    List<DeferredTensor> deferred = additions.deferred().stream().filter(t -> read.contains(t.name())).toList();
    ProtoMessage assembled = assemble(graph, live, read, asRead);
    return new Result(model, released.isPresent() ? BatchAxis.free(assembled) : assembled, added, deferred,
        convolutions, blurs, upsampled.count(), folded.count(), fused.count(), leftAlone, released.isPresent());
  }

  /** A constant float32 tensor: one the rewrite added, or an initializer or Constant of the graph. */
  private static Optional<SubPixelUpsample.Weight> weight(String name, GraphAdditions additions,
      GraphConstants constants) {
    Optional<DeferredTensor> d = additions.deferred(name);
    if (d.isPresent()) {
      return Optional.of(new SubPixelUpsample.Weight(d.get().dims(), d.get().values()));
    }
    return additions.initializer(name).or(() -> constants.initializer(name))
        .filter(t -> t.varint(Tensor.DATA_TYPE, 0) == DataType.FLOAT
            && t.varint(Tensor.DATA_LOCATION, 0) != Tensor.LOCATION_EXTERNAL)
        .map(t -> new SubPixelUpsample.Weight(t.longs(Tensor.DIMS), () -> FloatTensors.floats(t)));
  }

  /** A constant integer tensor (a shape, axes): one the rewrite added, or one the graph computes. */
  private static Optional<long[]> constantLongs(String name, GraphAdditions additions, GraphConstants constants) {
    Optional<ProtoMessage> t = additions.initializer(name);
    if (t.isPresent()) {
      return ConstantTensor.of(t.get()).filter(ConstantTensor::isInteger).map(ConstantTensor::longs);
    }
    return constants.longs(name);
  }

  private static Set<String> outputNames(ProtoMessage graph) {
    Set<String> names = new HashSet<>();
    for (ProtoMessage o : graph.messages(Graph.OUTPUT)) {
      names.add(o.string(ValueInfo.NAME));
    }
    return names;
  }

  /** Takes a match unless it overlaps one taken before; true when taken. */
  private static boolean accept(Optional<GraphReplacement> match, Map<Integer, GraphReplacement> replacements,
      Set<Integer> removed, ChannelCount channels) {
    if (match.isEmpty() || !Collections.disjoint(removed, match.get().removed())) {
      return false;
    }
    replacements.put(match.get().anchor(), match.get());
    removed.addAll(match.get().removed());
    channels.record(match.get().output(), match.get().channels());
    return true;
  }

  private static Set<String> usedNames(ProtoMessage graph, List<OnnxNode> nodes) {
    Set<String> used = new HashSet<>();
    for (ProtoMessage t : graph.messages(Graph.INITIALIZER)) {
      used.add(t.string(Tensor.NAME));
    }
    for (int field : new int[] {Graph.INPUT, Graph.OUTPUT, Graph.VALUE_INFO}) {
      for (ProtoMessage v : graph.messages(field)) {
        used.add(v.string(ValueInfo.NAME));
      }
    }
    for (OnnxNode n : nodes) {
      used.add(n.name());
      used.addAll(n.inputs());
      used.addAll(n.outputs());
    }
    return used;
  }

  /** Drops nodes whose outputs nothing reads (walking back from the graph outputs). */
  private static List<OnnxNode> liveNodes(ProtoMessage graph, List<OnnxNode> nodes) {
    Set<String> needed = new HashSet<>();
    for (ProtoMessage o : graph.messages(Graph.OUTPUT)) {
      needed.add(o.string(ValueInfo.NAME));
    }
    boolean[] live = new boolean[nodes.size()];
    for (int i = nodes.size() - 1; i >= 0; i--) {
      OnnxNode n = nodes.get(i);
      if (n.outputs().stream().anyMatch(needed::contains)) {
        live[i] = true;
        needed.addAll(n.inputs());
      }
    }
    List<OnnxNode> kept = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      if (live[i]) {
        kept.add(nodes.get(i));
      }
    }
    return kept;
  }

  /** The tensors the nodes and the graph outputs read. */
  private static Set<String> readTensors(ProtoMessage graph, List<OnnxNode> nodes) {
    Set<String> read = new HashSet<>();
    for (OnnxNode n : nodes) {
      read.addAll(n.inputs());
    }
    for (ProtoMessage o : graph.messages(Graph.OUTPUT)) {
      read.add(o.string(ValueInfo.NAME));
    }
    return read;
  }

  /**
   * The graph with the new node list and unread initializers dropped; the added initializers are
   * not in it (they are written after it, see {@link Result#writeTo}).
   */
  private static ProtoMessage assemble(ProtoMessage graph, List<OnnxNode> nodes, Set<String> read,
      Map<OnnxNode, ProtoField> asRead) {
    Set<String> written = new HashSet<>();
    for (OnnxNode n : nodes) {
      written.addAll(n.outputs());
    }
    ProtoMessage.Builder g = ProtoMessage.builder();
    boolean nodesWritten = false;
    for (ProtoField f : graph.fields()) {
      if (f.number() == Graph.NODE) {
        if (!nodesWritten) {
          for (OnnxNode n : nodes) {
            ProtoField original = asRead.get(n);
            g.add(original != null ? original : ProtoField.message(Graph.NODE, n.proto()));
          }
          nodesWritten = true;
        }
      } else if (f.number() == Graph.INITIALIZER) {
        if (read.contains(f.asMessage().string(Tensor.NAME))) {
          g.add(f);
        }
      } else if (f.number() == Graph.VALUE_INFO) {
        if (written.contains(f.asMessage().string(ValueInfo.NAME))) {
          g.add(f);
        }
      } else {
        g.add(f);
      }
    }
    return g.build();
  }
}
