package io.gpen4j.onnxformat.rewrite;

import io.gpen4j.onnxformat.OnnxFields.Attribute;
import io.gpen4j.onnxformat.OnnxNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Rewrites StyleGAN2's up-sampling, a stride-2 transposed convolution followed by its FIR blur (a
 * depthwise convolution), as a sub-pixel convolution: one stride-1 convolution with four times the
 * output channels (one set per output phase) and a DepthToSpace that interleaves them, with the
 * blur folded into the kernel ({@link Form#FOLDED}) or kept ({@link Form#TRANSPOSED_ONLY}). The
 * idea: a plain convolution runs at ONNX Runtime's full convolution rate, its transposed
 * convolution (a GEMM into a column buffer, then col2im) below it. Measured on GPEN-256 and 512 on
 * the project's CPU, both forms were slower than the graph as exported (the folded kernel does 4x
 * the multiply-adds; see the gpen-bench README, "Generator against the MatMul ceiling"), so the
 * load path does not use this; {@link SubPixelForm} writes it for measurements.
 *
 * <p>Matched on a graph in constant-kernel form (the converter's export, or an official export
 * after {@link ModulatedConvPattern} and {@link ReshapeBlurPattern}): a ConvTranspose with a
 * constant {@code [I, O, kh, kw]} kernel, one group, stride 2, no padding, no bias, read only by
 * either the blur or a {@code Mul} by a value constant over height and width (the demodulation)
 * read only by the blur; the blur a Conv with a constant {@code [O, 1, bh, bw]} kernel, {@code O}
 * groups, stride 1, whose output has an even size. Both are linear, and the scale commutes with
 * the per-channel blur, so in the folded form it moves after the new convolution. Each output is
 * the same sum of products in another order (measured within 1.5e-6 of the exported graph).
 */
final class SubPixelUpsample {
  /** Which sub-pixel form to write. */
  enum Form {
    /**
     * The blur folded into the kernel: one convolution of {@code (k + kb - 1) / 2} taps per axis and
     * phase (3x3 for GPEN's 3x3 kernel and 4x4 blur), four times the transposed convolution's
     * multiply-adds, and no blur.
     */
    FOLDED,
    /**
     * The transposed convolution alone as a sub-pixel convolution (a 2x2 window per phase for a
     * 3x3 kernel, taps a phase lacks are zero: 16/9 of its multiply-adds), then the scale and the
     * blur as they were.
     */
    TRANSPOSED_ONLY,
    /**
     * As {@link #TRANSPOSED_ONLY}, but each output phase its own convolution of only the taps it
     * has (2x2, 2x1, 1x2 and 1x1 for a 3x3 kernel: the transposed convolution's own multiply-adds),
     * the four outputs concatenated, then the DepthToSpace, the scale and the blur.
     */
    FOUR_PHASE
  }

  /**
   * A constant float kernel the rewrite may fold: its dims and, on demand, its values.
   *
   * @param dims the dimensions
   * @param values the elements in row-major order, computed when asked for
   */
  record Weight(long[] dims, Supplier<float[]> values) {}

  private final GraphAdditions additions;
  private final Function<String, Optional<Weight>> weights;
  private final Function<String, Optional<long[]>> longs;
  private final Form form;

  /**
   * @param additions where new tensors and names come from
   * @param weights the constant float tensors of the graph by name (initializers, and the kernels
   *     an earlier rewrite added)
   * @param longs the constant integer tensors (shapes, axes) by name
   */
  SubPixelUpsample(GraphAdditions additions, Function<String, Optional<Weight>> weights,
      Function<String, Optional<long[]>> longs, Form form) {
    this.additions = additions;
    this.weights = weights;
    this.longs = longs;
    this.form = form;
  }

  /** The kernels and shape of one match. */
  private record Match(int transposed, int scale, int blur, Weight kernel, Weight blurKernel, String bias,
      long in, long out, int[] padsH, int[] padsW, long[] blurPads) {}

  /**
   * Rewrites every matched up-sampling.
   *
   * @param nodes the graph's nodes in execution order
   * @param graphOutputs the graph's output names (a tensor the graph returns is never folded away)
   * @return the new node list and the count
   */
  GraphRewriteOutcome rewrite(List<OnnxNode> nodes, Set<String> graphOutputs) {
    Map<String, Integer> producer = new HashMap<>();
    Map<String, List<Integer>> consumers = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      for (String in : nodes.get(i).inputs()) {
        consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(i);
      }
      for (String o : nodes.get(i).outputs()) {
        producer.put(o, i);
      }
    }
    Map<Integer, List<OnnxNode>> replacing = new HashMap<>();
    Set<Integer> removed = new HashSet<>();
    for (int i = 0; i < nodes.size(); i++) {
      Optional<Match> m = match(nodes, i, producer, consumers, graphOutputs);
      if (m.isPresent()) {
        removed.add(m.get().transposed());
        removed.add(m.get().blur());
        if (m.get().scale() >= 0) {
          removed.add(m.get().scale());
        }
        replacing.put(m.get().blur(), replacement(nodes, m.get()));
      }
    }
    if (replacing.isEmpty()) {
      return new GraphRewriteOutcome(nodes, 0);
    }
    List<OnnxNode> out = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      out.addAll(replacing.getOrDefault(i, List.of()));
      if (!removed.contains(i)) {
        out.add(nodes.get(i));
      }
    }
    return new GraphRewriteOutcome(out, replacing.size());
  }

  private Optional<Match> match(List<OnnxNode> nodes, int index, Map<String, Integer> producer,
      Map<String, List<Integer>> consumers, Set<String> graphOutputs) {
    OnnxNode t = nodes.get(index);
    if (!t.opType().equals("ConvTranspose") || !t.domain().isEmpty() || t.inputs().size() != 2
        || longAttr(t, "group", 1) != 1 || !allEqual(t, "strides", 2) || !allEqual(t, "dilations", 1)
        || !allEqual(t, "pads", 0) || !allEqual(t, "output_padding", 0) || t.attribute("output_shape").isPresent()
        || !autoPadNotSet(t)) {
      return Optional.empty();
    }
    Optional<Weight> kernel = weights.apply(t.inputs().get(1)).filter(w -> w.dims().length == 4);
    if (kernel.isEmpty()) {
      return Optional.empty();
    }
    long in = kernel.get().dims()[0];
    long out = kernel.get().dims()[1];
    int scale = -1;
    String y = t.outputs().get(0);
    int next = onlyReader(y, consumers, graphOutputs);
    if (next >= 0 && nodes.get(next).opType().equals("Mul")) {
      OnnxNode mul = nodes.get(next);
      int side = mul.inputs().get(0).equals(y) ? 1 : 0;
      if (mul.inputs().get(side).equals(y) || !perChannel(nodes, producer, mul.inputs().get(side), out)) {
        return Optional.empty();
      }
      scale = next;
      next = onlyReader(mul.outputs().get(0), consumers, graphOutputs);
    }
    if (next < 0) {
      return Optional.empty();
    }
    OnnxNode blur = nodes.get(next);
    if (!blur.opType().equals("Conv") || !blur.domain().isEmpty() || blur.inputs().size() < 2
        || longAttr(blur, "group", 1) != out || !allEqual(blur, "strides", 1) || !allEqual(blur, "dilations", 1)
        || !autoPadNotSet(blur)) {
      return Optional.empty();
    }
    Optional<Weight> blurKernel = weights.apply(blur.inputs().get(1))
        .filter(w -> w.dims().length == 4 && w.dims()[0] == out && w.dims()[1] == 1);
    String bias = blur.inputs().size() > 2 && !blur.inputs().get(2).isEmpty() ? blur.inputs().get(2) : null;
    if (blurKernel.isEmpty() || (bias != null && (scale >= 0 || weights.apply(bias).isEmpty()))) {
      // A bias after the scale cannot move before it.
      return Optional.empty();
    }
    long[] pads = blur.attribute("pads").map(a -> a.longs(Attribute.INTS)).orElse(new long[4]);
    if (pads.length != 4) {
      return Optional.empty();
    }
    long[] k = kernel.get().dims();
    long[] b = blurKernel.get().dims();
    int[] padsH;
    int[] padsW;
    Weight folded = blurKernel.get();
    long[] blurPads = null;
    if (form == Form.FOLDED) {
      padsH = phasePads((int) k[2], (int) b[2], (int) pads[0], (int) pads[2]);
      padsW = phasePads((int) k[3], (int) b[3], (int) pads[1], (int) pads[3]);
    } else {
      // The transposed convolution alone, one leading zero row (column) added where its output is
      // odd-sized; the blur stays, padded one less at the start.
      long shiftH = k[2] % 2;
      long shiftW = k[3] % 2;
      padsH = phasePads((int) k[2], 1, (int) shiftH, 0);
      padsW = phasePads((int) k[3], 1, (int) shiftW, 0);
      blurPads = new long[] {pads[0] - shiftH, pads[1] - shiftW, pads[2], pads[3]};
      if (blurPads[0] < 0 || blurPads[1] < 0) {
        return Optional.empty();
      }
      folded = new Weight(new long[] {out, 1, 1, 1}, () -> {
        float[] ones = new float[(int) out];
        Arrays.fill(ones, 1f);
        return ones;
      });
    }
    if (padsH == null || padsW == null
        || (form == Form.FOUR_PHASE && !(fourPhaseFits(padsH, (int) k[2]) && fourPhaseFits(padsW, (int) k[3])))) {
      return Optional.empty();
    }
    return Optional.of(new Match(index, scale, next, kernel.get(), folded, bias, in, out, padsH, padsW, blurPads));
  }

  /** The node that alone reads a tensor, or -1. */
  private static int onlyReader(String tensor, Map<String, List<Integer>> consumers, Set<String> graphOutputs) {
    List<Integer> readers = consumers.getOrDefault(tensor, List.of());
    return readers.size() == 1 && !graphOutputs.contains(tensor) ? readers.get(0) : -1;
  }

  /**
   * True when the tensor is constant over height and width, so it commutes with the blur: written
   * by a Reshape to a constant {@code [N or -1, channels or 1, 1, 1]} (the rewritten official form)
   * or by an Unsqueeze of axes 2 and 3 (the converter's {@code demod[:, :, None, None]}).
   */
  private boolean perChannel(List<OnnxNode> nodes, Map<String, Integer> producer, String tensor, long channels) {
    Integer p = producer.get(tensor);
    if (p == null) {
      return false;
    }
    OnnxNode n = nodes.get(p);
    if (n.opType().equals("Reshape")) {
      Optional<long[]> shape = longs.apply(n.inputs().get(1));
      return shape.isPresent() && shape.get().length == 4 && shape.get()[0] <= 1
          && (shape.get()[1] == channels || shape.get()[1] == 1) && shape.get()[2] == 1 && shape.get()[3] == 1;
    }
    if (n.opType().equals("Unsqueeze")) {
      Optional<long[]> axes = n.inputs().size() > 1
          ? longs.apply(n.inputs().get(1))
          : n.attribute("axes").map(a -> a.longs(Attribute.INTS));
      // Two new axes at 2 and 3 of a rank-4 result: they are the last two, so the value is constant over H, W.
      return axes.isPresent() && Arrays.equals(Arrays.stream(axes.get()).map(x -> x < 0 ? x + 4 : x).sorted().toArray(),
          new long[] {2, 3});
    }
    return false;
  }

  /**
   * The geometry of one axis: a transposed convolution of kernel {@code k} (stride 2, no padding)
   * then a correlation with a blur of {@code kb} taps padded by {@code q0}, {@code q1} is a
   * transposed convolution of the folded kernel ({@code k + kb - 1} taps) that starts
   * {@code kb - 1 - q0} samples in. Output {@code r = 2j + phase} takes taps
   * {@code t = r + p0 - 2m}. Returns {@code [window, padBegin, padEnd]} of the stride-1 phase
   * convolution over the input (the same window for both phases; taps outside a phase's own are
   * zero), or null when the blur's output is odd-sized or the window would need negative padding.
   * The input size is not known here, so the end padding is given relative to it: the phase
   * convolution's output is {@code H + padBegin + padEnd - window + 1}, and must be half the
   * blur's output, {@code (2(H - 1) + k + q0 + q1 - kb + 1) / 2}.
   */
  static int[] phasePads(int k, int kb, int q0, int q1) {
    int taps = k + kb - 1;
    int p0 = kb - 1 - q0;
    // Blur output 2(H - 1) + k + q0 + q1 - kb + 1 = 2H + extra.
    int extra = k + q0 + q1 - kb - 1;
    if (extra % 2 != 0) {
      return null;
    }
    int lo = Integer.MAX_VALUE;
    int hi = Integer.MIN_VALUE;
    for (int phase = 0; phase < 2; phase++) {
      int c = Math.floorMod(phase + p0, 2);
      int e = (phase + p0 - c) / 2;
      int n = (taps - c + 1) / 2;
      lo = Math.min(lo, e - (n - 1));
      hi = Math.max(hi, e);
    }
    int window = hi - lo + 1;
    int padBegin = -lo;
    // (H + extra / 2) outputs = H + padBegin + padEnd - window + 1.
    int padEnd = extra / 2 + window - 1 - padBegin;
    if (padBegin < 0 || padEnd < 0) {
      return null;
    }
    return new int[] {window, padBegin, padEnd, p0};
  }

  /**
   * The phase kernel along one axis: for output phase {@code phase} and window position {@code s},
   * the index of the folded kernel's tap, or -1 where the phase has none.
   */
  static int tap(int phase, int s, int[] geometry, int taps) {
    int padBegin = geometry[1];
    int p0 = geometry[3];
    // Window position s reads input m = j - padBegin + s; tap t = r + p0 - 2m = phase + p0 + 2 padBegin - 2s.
    int t = phase + p0 + 2 * padBegin - 2 * s;
    return t >= 0 && t < taps ? t : -1;
  }

  private List<OnnxNode> replacement(List<OnnxNode> nodes, Match m) {
    if (form == Form.FOUR_PHASE) {
      return fourPhase(nodes, m);
    }
    long in = m.in();
    long out = m.out();
    long[] kd = m.kernel().dims();
    long[] bd = m.blurKernel().dims();
    int kh = (int) kd[2];
    int kw = (int) kd[3];
    int bh = (int) bd[2];
    int bw = (int) bd[3];
    int th = kh + bh - 1;
    int tw = kw + bw - 1;
    int[] gh = m.padsH();
    int[] gw = m.padsW();
    int sh = gh[0];
    int sw = gw[0];
    Weight kernel = m.kernel();
    Weight blurKernel = m.blurKernel();
    // Computed when written, one kernel at a time (see DeferredTensor).
    String weight = additions.deferredFloats("subpixel_kernel", new long[] {4 * out, in, sh, sw}, () -> {
      float[] w = kernel.values().get();
      float[] k = blurKernel.values().get();
      float[] result = new float[(int) (4 * out * in * sh * sw)];
      double[] folded = new double[th * tw];
      for (int o = 0; o < out; o++) {
        for (int i = 0; i < in; i++) {
          Arrays.fill(folded, 0);
          int wBase = (int) ((i * out + o) * kh * kw);
          int kBase = o * bh * bw;
          // F[t] = sum over a - u = t - (kb - 1) of W[a] K[u], per axis.
          for (int a = 0; a < kh; a++) {
            for (int b = 0; b < kw; b++) {
              double wv = w[wBase + a * kw + b];
              for (int u = 0; u < bh; u++) {
                for (int v = 0; v < bw; v++) {
                  folded[(a - u + bh - 1) * tw + (b - v + bw - 1)] += wv * k[kBase + u * bw + v];
                }
              }
            }
          }
          for (int ph = 0; ph < 2; ph++) {
            for (int pw = 0; pw < 2; pw++) {
              long channel = (ph * 2 + pw) * out + o;
              int base = (int) ((channel * in + i) * sh * sw);
              for (int s = 0; s < sh; s++) {
                int ty = tap(ph, s, gh, th);
                for (int r = 0; r < sw; r++) {
                  int tx = tap(pw, r, gw, tw);
                  if (ty >= 0 && tx >= 0) {
                    result[base + s * sw + r] = (float) folded[ty * tw + tx];
                  }
                }
              }
            }
          }
        }
      }
      return result;
    });
    List<String> convInputs = new ArrayList<>(List.of(nodes.get(m.transposed()).inputs().get(0), weight));
    if (m.blurPads() != null) {
      return unfolded(nodes, m, convInputs);
    }
    if (m.bias() != null) {
      Weight b = weights.apply(m.bias()).orElseThrow();
      float[] v = b.values().get();
      float[] tiled = new float[4 * v.length];
      for (int p = 0; p < 4; p++) {
        System.arraycopy(v, 0, tiled, p * v.length, v.length);
      }
      convInputs.add(additions.floats("subpixel_bias", new long[] {tiled.length}, tiled));
    }
    String result = nodes.get(m.blur()).outputs().get(0);
    String phases = additions.fresh("subpixel_phases");
    String interleaved = m.scale() >= 0 ? additions.fresh("subpixel_upsampled") : result;
    List<OnnxNode> added = new ArrayList<>();
    added.add(additions.node("Conv", convInputs, phases,
        OnnxNode.intsAttribute("kernel_shape", sh, sw),
        OnnxNode.intsAttribute("pads", gh[1], gw[1], gh[2], gw[2])));
    // DCR, DepthToSpace's default in every opset: channel (2 * phaseH + phaseW) * O + o.
    added.add(additions.node("DepthToSpace", List.of(phases), interleaved, OnnxNode.intAttribute("blocksize", 2)));
    if (m.scale() >= 0) {
      OnnxNode mul = nodes.get(m.scale());
      String y = nodes.get(m.transposed()).outputs().get(0);
      String d = mul.inputs().get(0).equals(y) ? mul.inputs().get(1) : mul.inputs().get(0);
      added.add(additions.node("Mul", List.of(interleaved, d), result));
    }
    return added;
  }

  /** The transposed convolution as a sub-pixel convolution, then the scale and the blur as they were. */
  private List<OnnxNode> unfolded(List<OnnxNode> nodes, Match m, List<String> convInputs) {
    int[] gh = m.padsH();
    int[] gw = m.padsW();
    String phases = additions.fresh("subpixel_phases");
    List<OnnxNode> added = new ArrayList<>();
    added.add(additions.node("Conv", convInputs, phases,
        OnnxNode.intsAttribute("kernel_shape", gh[0], gw[0]),
        OnnxNode.intsAttribute("pads", gh[1], gw[1], gh[2], gw[2])));
    return interleavedThenBlur(nodes, m, phases, added);
  }

  /**
   * The transposed convolution as four phase convolutions of only their own taps, concatenated in
   * DepthToSpace's order, then the scale and the blur as they were.
   */
  private List<OnnxNode> fourPhase(List<OnnxNode> nodes, Match m) {
    int[] gh = m.padsH();
    int[] gw = m.padsW();
    int kh = (int) m.kernel().dims()[2];
    int kw = (int) m.kernel().dims()[3];
    long in = m.in();
    long out = m.out();
    Weight kernel = m.kernel();
    String x = nodes.get(m.transposed()).inputs().get(0);
    List<OnnxNode> added = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    for (int ph = 0; ph < 2; ph++) {
      for (int pw = 0; pw < 2; pw++) {
        int[] rows = span(ph, gh, kh);
        int[] cols = span(pw, gw, kw);
        if (rows == null || cols == null) {
          throw new IllegalStateException("a phase without taps was matched");
        }
        int h = rows[1] - rows[0] + 1;
        int w = cols[1] - cols[0] + 1;
        int phaseH = ph;
        int phaseW = pw;
        String weight = additions.deferredFloats("four_phase_kernel", new long[] {out, in, h, w}, () -> {
          float[] all = kernel.values().get();
          float[] result = new float[(int) (out * in * h * w)];
          for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
              int src = (int) ((i * out + o) * kh * kw);
              int dst = (int) ((o * in + i) * h * w);
              for (int s = 0; s < h; s++) {
                int ty = tap(phaseH, rows[0] + s, gh, kh);
                for (int r = 0; r < w; r++) {
                  int tx = tap(phaseW, cols[0] + r, gw, kw);
                  result[dst + s * w + r] = ty >= 0 && tx >= 0 ? all[src + ty * kw + tx] : 0f;
                }
              }
            }
          }
          return result;
        });
        // The window's first position reads input j - padBegin + first; the output count stays
        // that of the full window: H + padBegin + padEnd - window + 1.
        String phase = additions.fresh("four_phase_" + ph + pw);
        added.add(additions.node("Conv", List.of(x, weight), phase,
            OnnxNode.intsAttribute("kernel_shape", h, w),
            OnnxNode.intsAttribute("pads", gh[1] - rows[0], gw[1] - cols[0], endPad(gh, rows), endPad(gw, cols))));
        outputs.add(phase);
      }
    }
    String phases = additions.fresh("four_phase_joined");
    added.add(additions.node("Concat", outputs, phases, OnnxNode.intAttribute("axis", 1)));
    return interleavedThenBlur(nodes, m, phases, added);
  }

  /** The end padding that keeps a phase window's output count that of the full window. */
  private static int endPad(int[] geometry, int[] span) {
    return geometry[2] - geometry[0] + span[1] + 1;
  }

  /** Whether every phase of an axis has a tap and non-negative paddings in the four-phase form. */
  private static boolean fourPhaseFits(int[] geometry, int taps) {
    for (int phase = 0; phase < 2; phase++) {
      int[] span = span(phase, geometry, taps);
      if (span == null || geometry[1] - span[0] < 0 || endPad(geometry, span) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The first and last window positions that hold a tap of this phase, or null when none do. */
  private static int[] span(int phase, int[] geometry, int taps) {
    int first = -1;
    int last = -1;
    for (int s = 0; s < geometry[0]; s++) {
      if (tap(phase, s, geometry, taps) >= 0) {
        first = first < 0 ? s : first;
        last = s;
      }
    }
    return first < 0 ? null : new int[] {first, last};
  }

  /** DepthToSpace of the phases, then the scale and the blur (its pads the match's). */
  private List<OnnxNode> interleavedThenBlur(List<OnnxNode> nodes, Match m, String phases, List<OnnxNode> added) {
    String interleaved = additions.fresh("subpixel_upsampled");
    added.add(additions.node("DepthToSpace", List.of(phases), interleaved, OnnxNode.intAttribute("blocksize", 2)));
    String blurInput = interleaved;
    if (m.scale() >= 0) {
      OnnxNode mul = nodes.get(m.scale());
      String y = nodes.get(m.transposed()).outputs().get(0);
      String d = mul.inputs().get(0).equals(y) ? mul.inputs().get(1) : mul.inputs().get(0);
      blurInput = additions.fresh("subpixel_scaled");
      added.add(additions.node("Mul", List.of(interleaved, d), blurInput));
    }
    OnnxNode blur = nodes.get(m.blur());
    List<String> blurInputs = new ArrayList<>(blur.inputs());
    blurInputs.set(0, blurInput);
    added.add(additions.copy(blur, blurInputs, blur.outputs().get(0),
        Map.of("pads", OnnxNode.intsAttribute("pads", m.blurPads()))));
    return added;
  }

  private static long longAttr(OnnxNode n, String name, long absent) {
    return n.attribute(name).map(a -> a.varint(Attribute.I, absent)).orElse(absent);
  }

  private static boolean allEqual(OnnxNode n, String name, long value) {
    return n.attribute(name).map(a -> Arrays.stream(a.longs(Attribute.INTS)).allMatch(v -> v == value)).orElse(true);
  }

  private static boolean autoPadNotSet(OnnxNode n) {
    return n.attribute("auto_pad").map(a -> a.string(Attribute.S)).map(s -> s.equals("NOTSET")).orElse(true);
  }
}
