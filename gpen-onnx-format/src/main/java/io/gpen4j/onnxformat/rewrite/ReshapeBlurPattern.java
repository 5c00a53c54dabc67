package io.gpen4j.onnxformat.rewrite;

import io.gpen4j.onnxformat.OnnxFields.Attribute;
import io.gpen4j.onnxformat.OnnxNode;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Matches the FIR blur as the official GPEN code exports it ({@code upfirdn2d_native}: NCHW to
 * NHWC, zero-insert by padding a 6-D view, pad, crop, back to channels-first, reshape every channel
 * into a single-channel image, one 1-channel convolution, reshape back) and rewrites it as one
 * depthwise convolution, or one depthwise transposed convolution when it upsamples. This removes
 * two Transposes, two Pads and the reshapes per blur.
 *
 * <p>Matched by operators and constant values: a 1-group Conv with a constant {@code [1, 1, kh, kw]}
 * kernel, stride 1 and no padding, reading {@code Reshape(Transpose[0,3,1,2](Slice*(Pad(Reshape(
 * Pad?(Reshape(Transpose[0,2,3,1](x)))))))} (older exports without the zero-insert skip the two
 * Reshapes and the first Pad) where the Slices keep whole axes, the first Pad only
 * appends {@code up - 1} zeros after each pixel of a {@code [N, H, 1, W, 1, C]} view and the second
 * pads H and W by non-negative amounts, and written to one Reshape. The channel count of {@code x}
 * must be known from the graph ({@link ChannelCount}).
 */
final class ReshapeBlurPattern {
  private final GraphConstants graph;
  private final GraphAdditions additions;
  private final ChannelCount channels;

  ReshapeBlurPattern(GraphConstants graph, GraphAdditions additions, ChannelCount channels) {
    this.graph = graph;
    this.additions = additions;
    this.channels = channels;
  }

  Optional<GraphReplacement> match(int convIndex, OnnxNode conv) {
    if (!conv.opType().equals("Conv") || conv.inputs().size() != 2 || intAttr(conv, "group", 1) != 1
        || !allEqual(conv, "strides", 1) || !allEqual(conv, "pads", 0) || !allEqual(conv, "dilations", 1)) {
      return Optional.empty();
    }
    Optional<ConstantTensor> kernel = graph.value(conv.inputs().get(1));
    if (kernel.isEmpty() || kernel.get().isInteger() || kernel.get().rank() != 4
        || kernel.get().dims()[0] != 1 || kernel.get().dims()[1] != 1) {
      return Optional.empty();
    }
    int kh = (int) kernel.get().dims()[2];
    int kw = (int) kernel.get().dims()[3];
    Optional<OnnxNode> n = producer(conv.inputs().get(0), "Reshape")
        .filter(r -> isShape(r.inputs().get(1), 1))
        .flatMap(r -> producer(r.inputs().get(0), "Transpose"))
        .filter(t -> hasPerm(t, 0, 3, 1, 2));
    if (n.isEmpty()) {
      return Optional.empty();
    }
    String t = n.get().inputs().get(0);
    Optional<OnnxNode> p = graph.producer(t);
    while (p.isPresent() && p.get().opType().equals("Slice")) {
      if (!keepsWholeAxes(p.get())) {
        return Optional.empty();
      }
      p = graph.producer(p.get().inputs().get(0));
    }
    Optional<long[]> pads = p.filter(x -> x.opType().equals("Pad")).flatMap(this::zeroPads);
    if (pads.isEmpty() || pads.get().length != 8 || pads.get()[0] != 0 || pads.get()[3] != 0
        || pads.get()[4] != 0 || pads.get()[7] != 0 || Arrays.stream(pads.get()).anyMatch(v -> v < 0)) {
      return Optional.empty();
    }
    long padY0 = pads.get()[1];
    long padX0 = pads.get()[2];
    long padY1 = pads.get()[5];
    long padX1 = pads.get()[6];
    long upY = 1;
    long upX = 1;
    Optional<OnnxNode> q = graph.producer(p.get().inputs().get(0));
    if (q.isPresent() && q.get().opType().equals("Reshape")) {
      // The 6-D zero-insert: Reshape([N, H*up, W*up, C]) of Pad of Reshape([N, H, 1, W, 1, C]).
      q = graph.producer(q.get().inputs().get(0));
      if (q.isPresent() && q.get().opType().equals("Pad")) {
        Optional<long[]> up = zeroPads(q.get());
        if (up.isEmpty() || up.get().length != 12) {
          return Optional.empty();
        }
        long[] u = up.get();
        for (int i = 0; i < 12; i++) {
          if (i != 8 && i != 10 && u[i] != 0) {
            return Optional.empty();
          }
        }
        upY = u[8] + 1;
        upX = u[10] + 1;
        q = graph.producer(q.get().inputs().get(0));
      }
      q = q.filter(x -> x.opType().equals("Reshape")).flatMap(x -> graph.producer(x.inputs().get(0)));
    }
    Optional<OnnxNode> toNhwc = q.filter(x -> x.opType().equals("Transpose") && hasPerm(x, 0, 2, 3, 1));
    if (toNhwc.isEmpty()) {
      return Optional.empty();
    }
    List<Integer> readers = graph.consumers(conv.outputs().get(0));
    if (readers.size() != 1 || !graph.nodeAt(readers.get(0)).opType().equals("Reshape")) {
      return Optional.empty();
    }
    String x = toNhwc.get().inputs().get(0);
    Optional<Long> c = channels.of(x);
    if (c.isEmpty()) {
      return Optional.empty();
    }
    if (!isShape(graph.nodeAt(readers.get(0)).inputs().get(1), c.get())) {
      return Optional.empty();
    }
    String output = graph.nodeAt(readers.get(0)).outputs().get(0);
    float[] k = kernel.get().floats();
    long ch = c.get();
    OnnxNode blur;
    if (upY == 1 && upX == 1) {
      String w = additions.floats("blur_kernel", new long[] {ch, 1, kh, kw}, repeat(k, ch));
      blur = additions.node("Conv", List.of(x, w), output,
          OnnxNode.intAttribute("group", ch),
          OnnxNode.intsAttribute("kernel_shape", kh, kw),
          OnnxNode.intsAttribute("pads", padY0, padX0, padY1, padX1));
    } else {
      // Zero-insert, pad (p0, p1) and correlate with k = a transposed convolution with stride up
      // and the flipped kernel, cropped by (K - 1 - p0) at the start and (K - up - p1) at the end.
      long beginY = kh - 1 - padY0;
      long beginX = kw - 1 - padX0;
      long endY = kh - upY - padY1;
      long endX = kw - upX - padX1;
      if (beginY < 0 || beginX < 0 || endY < 0 || endX < 0) {
        return Optional.empty();
      }
      float[] flipped = new float[k.length];
      for (int i = 0; i < k.length; i++) {
        flipped[i] = k[k.length - 1 - i];
      }
      String w = additions.floats("upsample_kernel", new long[] {ch, 1, kh, kw}, repeat(flipped, ch));
      blur = additions.node("ConvTranspose", List.of(x, w), output,
          OnnxNode.intAttribute("group", ch),
          OnnxNode.intsAttribute("kernel_shape", kh, kw),
          OnnxNode.intsAttribute("strides", upY, upX),
          OnnxNode.intsAttribute("pads", beginY, beginX, endY, endX));
    }
    return Optional.of(new GraphReplacement(convIndex, Set.of(convIndex, readers.get(0)), List.of(blur), output, ch));
  }

  /**
   * True when a Reshape target is {@code [-1, channels, h, w]}: a constant, or (sizes read at run
   * time) a Concat of four parts whose first is -1 and second, when constant, is {@code channels}.
   */
  private boolean isShape(String target, long channels) {
    Optional<long[]> v = graph.longs(target);
    if (v.isPresent()) {
      return v.get().length == 4 && v.get()[1] == channels;
    }
    Optional<OnnxNode> concat = producer(target, "Concat");
    if (concat.isEmpty() || concat.get().inputs().size() != 4) {
      return false;
    }
    Optional<long[]> first = graph.longs(concat.get().inputs().get(0));
    Optional<long[]> second = graph.longs(concat.get().inputs().get(1));
    return first.isPresent() && Arrays.equals(first.get(), new long[] {-1})
        && second.map(s -> Arrays.equals(s, new long[] {channels})).orElse(true);
  }

  private Optional<OnnxNode> producer(String tensor, String op) {
    return graph.producer(tensor).filter(n -> n.opType().equals(op));
  }

  /** The pads of a constant-mode Pad that pads with zeros, if known. */
  private Optional<long[]> zeroPads(OnnxNode pad) {
    String mode = pad.attribute("mode").map(a -> a.string(Attribute.S)).orElse("constant");
    if (!mode.equals("constant")) {
      return Optional.empty();
    }
    if (pad.inputs().size() > 2 && !pad.inputs().get(2).isEmpty()) {
      Optional<ConstantTensor> v = graph.value(pad.inputs().get(2));
      if (v.isEmpty() || v.get().values().length != 1 || v.get().values()[0] != 0) {
        return Optional.empty();
      }
    }
    if (pad.inputs().size() > 1) {
      return graph.longs(pad.inputs().get(1));
    }
    return pad.attribute("pads").map(a -> a.longs(Attribute.INTS));
  }

  /**
   * A Slice that starts at 0 with step 1 and ends at the axis's end: a constant past it, or the
   * axis's size read by Shape from a tensor of the same chain.
   */
  private boolean keepsWholeAxes(OnnxNode slice) {
    List<String> in = slice.inputs();
    Optional<long[]> starts = graph.longs(in.get(1));
    Optional<long[]> axes = in.size() > 3 && !in.get(3).isEmpty() ? graph.longs(in.get(3)) : Optional.empty();
    Optional<long[]> steps = in.size() > 4 && !in.get(4).isEmpty() ? graph.longs(in.get(4)) : Optional.of(new long[] {1});
    if (starts.isEmpty() || axes.isEmpty() || steps.isEmpty() || starts.get().length != 1
        || starts.get()[0] != 0 || Arrays.stream(steps.get()).anyMatch(s -> s != 1)) {
      return false;
    }
    Optional<long[]> end = graph.longs(in.get(2));
    if (end.isPresent()) {
      return end.get().length == 1 && end.get()[0] >= Integer.MAX_VALUE;
    }
    Optional<OnnxNode> gather = producer(in.get(2), "Unsqueeze")
        .flatMap(u -> producer(u.inputs().get(0), "Gather"));
    if (gather.isEmpty()) {
      return false;
    }
    Optional<long[]> index = graph.longs(gather.get().inputs().get(1));
    Optional<OnnxNode> shape = producer(gather.get().inputs().get(0), "Shape");
    return index.isPresent() && index.get().length == 1 && index.get()[0] == axes.get()[0]
        && shape.isPresent() && sameChain(shape.get().inputs().get(0), in.get(0));
  }

  /** True when {@code source} is {@code tensor} or reaches it through whole-axis Slices. */
  private boolean sameChain(String source, String tensor) {
    String t = tensor;
    for (int hops = 0; hops < 4; hops++) {
      if (t.equals(source)) {
        return true;
      }
      Optional<OnnxNode> p = producer(t, "Slice");
      if (p.isEmpty()) {
        return false;
      }
      t = p.get().inputs().get(0);
    }
    return false;
  }

  private static boolean hasPerm(OnnxNode transpose, long... perm) {
    return transpose.attribute("perm").map(a -> Arrays.equals(a.longs(Attribute.INTS), perm)).orElse(false);
  }

  private static long intAttr(OnnxNode n, String name, long absent) {
    return n.attribute(name).map(a -> a.varint(Attribute.I, absent)).orElse(absent);
  }

  private static boolean allEqual(OnnxNode n, String name, long value) {
    return n.attribute(name).map(a -> Arrays.stream(a.longs(Attribute.INTS)).allMatch(v -> v == value)).orElse(true);
  }

  private static float[] repeat(float[] k, long times) {
    float[] out = new float[(int) (k.length * times)];
    for (int c = 0; c < times; c++) {
      System.arraycopy(k, 0, out, c * k.length, k.length);
    }
    return out;
  }
}
