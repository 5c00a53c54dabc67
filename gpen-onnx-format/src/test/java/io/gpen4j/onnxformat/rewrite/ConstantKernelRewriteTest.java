package io.gpen4j.onnxformat.rewrite;

import io.gpen4j.onnxformat.testing.OfficialStyleGraphs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.gpen4j.onnxformat.OnnxFields.Graph;
import io.gpen4j.onnxformat.OnnxFields.Model;
import io.gpen4j.onnxformat.OnnxFields.Tensor;
import io.gpen4j.onnxformat.OnnxNode;
import io.gpen4j.onnxformat.ProtoMessage;
import io.gpen4j.testing.CheckedInModels;
import io.gpen4j.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class ConstantKernelRewriteTest {
  static final String OFFICIAL_256 = "models/bench/GPEN-BFR-256-official-export-randw.onnx";

  static Map<String, Integer> opHistogram(ProtoMessage model) {
    Map<String, Integer> h = new TreeMap<>();
    for (OnnxNode n : nodes(model)) {
      h.merge(n.opType(), 1, Integer::sum);
    }
    return h;
  }

  static List<OnnxNode> nodes(ProtoMessage model) {
    return model.message(Model.GRAPH).orElseThrow().messages(Graph.NODE).stream().map(OnnxNode::of).toList();
  }

  /** Runs a model through ONNX Runtime (2 threads) and returns its first output. */
  static float[] run(byte[] model, Map<String, float[]> inputs, Map<String, long[]> shapes) throws OrtException {
    return run(model, inputs, shapes, null);
  }

  /** Runs a model through ONNX Runtime (2 threads) and returns the named output (null: the first). */
  static float[] run(byte[] model, Map<String, float[]> inputs, Map<String, long[]> shapes, String output)
      throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    Map<String, OnnxTensor> feed = new HashMap<>();
    try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
      o.setIntraOpNumThreads(2);
      for (Map.Entry<String, float[]> e : inputs.entrySet()) {
        feed.put(e.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(e.getValue()), shapes.get(e.getKey())));
      }
      try (OrtSession s = env.createSession(model, o); OrtSession.Result r = s.run(feed)) {
        OnnxTensor t = (OnnxTensor) (output == null ? r.get(0) : r.get(output).orElseThrow());
        FloatBuffer fb = t.getFloatBuffer();
        float[] out = new float[fb.remaining()];
        fb.get(out);
        return out;
      }
    } finally {
      feed.values().forEach(OnnxTensor::close);
    }
  }

  static double maxAbsDiff(float[] a, float[] b) {
    assertEquals(a.length, b.length);
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  private static void assertConstantKernels(ProtoMessage model) {
    Set<String> initializers = model.message(Model.GRAPH).orElseThrow().messages(Graph.INITIALIZER).stream()
        .map(t -> t.string(Tensor.NAME)).collect(Collectors.toSet());
    for (OnnxNode n : nodes(model)) {
      if (n.opType().startsWith("Conv")) {
        assertTrue(initializers.contains(n.inputs().get(1)), n.opType() + " " + n.name() + " kernel is computed");
      }
    }
  }

  /**
   * Both shared 256 files compute their kernels at run time: the official export (opset 11) and
   * an earlier run-time-kernel export (opset 13, the blur without the zero-insert reshapes).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({OFFICIAL_256 + ", 1", "models/bench/GPEN-BFR-256-randw.onnx, 3"})
  void rewrite_runTimeKernelExport256_matchesOriginalOutputWithConstantKernels(String file, long firstSeed)
      throws IOException, OrtException {
    byte[] original = Files.readAllBytes(SharedData.require(file));
    ConstantKernelRewrite.Result r = ConstantKernelRewrite.rewrite(ProtoMessage.parse(original));
    assertEquals(20, r.convolutions(), r.leftAlone().toString());
    assertEquals(18, r.blurs(), r.leftAlone().toString());
    assertEquals(List.of(), r.leftAlone());
    assertConstantKernels(r.model());
    Map<String, Integer> ops = opHistogram(r.model());
    assertFalse(ops.containsKey("Transpose") || ops.containsKey("Pad"), ops.toString());
    byte[] rewritten = r.model().toByteArray();
    // What the backend writes to its cache: streamed, with the large kernels computed as written.
    ByteArrayOutputStream streamed = new ByteArrayOutputStream(rewritten.length);
    r.writeTo(streamed);
    assertArrayEquals(rewritten, streamed.toByteArray(), "streamed rewrite differs from the encoded model");
    // The per-channel kernel energies (in x out floats per demodulated convolution) are all it adds.
    assertTrue(rewritten.length < original.length * 1.06, "rewritten file grew to " + rewritten.length);
    ProtoMessage once = r.model();
    assertSame(once, ConstantKernelRewrite.rewrite(once).model(), "a second rewrite changed the model");
    // Declared for one face, the rewrite takes a batch: two faces in one run, each against the
    // exported graph run on it alone.
    assertTrue(r.batchFreed(), "batch axis kept at 1");
    int per = 3 * 256 * 256;
    float[] both = new float[2 * per];
    for (int k = 0; k < 2; k++) {
      System.arraycopy(OfficialStyleGraphs.randomInput(firstSeed + k, per), 0, both, k * per, per);
    }
    float[] together = run(rewritten, Map.of("input", both), Map.of("input", new long[] {2, 3, 256, 256}));
    for (int k = 0; k < 2; k++) {
      Map<String, float[]> in = Map.of("input", Arrays.copyOfRange(both, k * per, (k + 1) * per));
      float[] alone = run(original, in, Map.of("input", new long[] {1, 3, 256, 256}));
      double diff = maxAbsDiff(alone, Arrays.copyOfRange(together, k * per, (k + 1) * per));
      assertTrue(diff <= 1e-4, "seed " + (firstSeed + k) + ": max abs difference " + diff);
    }
  }

  @ParameterizedTest
  @CsvSource({"conv-small.onnx", "resize-conv.onnx", "codeformer-echo-512.onnx"})
  void rewrite_constantKernelModel_returnsTheSameModel(String file) throws IOException {
    ProtoMessage model = ProtoMessage.parse(Files.readAllBytes(CheckedInModels.path(file)));
    ConstantKernelRewrite.Result r = ConstantKernelRewrite.rewrite(model);
    assertFalse(r.changed());
    assertSame(model, r.model());
    assertEquals(List.of(), r.leftAlone());
  }

  @Test
  void rewrite_detector_returnsTheSameModel() throws IOException {
    ProtoMessage model = ProtoMessage.parse(Files.readAllBytes(SharedData.yunet()));
    ConstantKernelRewrite.Result r = ConstantKernelRewrite.rewrite(model);
    assertFalse(r.changed());
    assertSame(model, r.model());
  }

  @ParameterizedTest(name = "seed {0}, demodulate {1}, transposed {2}, {3}->{4} channels, k={5}")
  @CsvSource({
      "11, true, false, 6, 5, 3",
      "12, false, false, 6, 3, 1",
      "13, true, true, 4, 7, 3",
      "14, false, true, 5, 5, 3",
      "15, true, false, 8, 8, 1"})
  void rewrite_modulatedConv_matchesOriginalOnRandomInputs(long seed, boolean demodulate, boolean transposed,
      int in, int out, int k) throws OrtException, IOException {
    int size = 9;
    byte[] original = OfficialStyleGraphs.modulatedConv(seed, demodulate, transposed, in, out, k, size, 2, 3, 4);
    ConstantKernelRewrite.Result r = ConstantKernelRewrite.rewrite(ProtoMessage.parse(original));
    assertEquals(1, r.convolutions());
    assertConstantKernels(r.model());
    ByteArrayOutputStream streamed = new ByteArrayOutputStream();
    r.writeTo(streamed);
    assertArrayEquals(r.model().toByteArray(), streamed.toByteArray(), "streamed rewrite differs");
    assertEquals(transposed ? 1 : 0, opHistogram(r.model()).getOrDefault("ConvTranspose", 0));
    assertFalse(opHistogram(r.model()).containsKey("ReduceSum"), "demodulation of the kernel left in the graph");
    ProtoMessage once = r.model();
    assertSame(once, ConstantKernelRewrite.rewrite(once).model(), "the constant-kernel form was rewritten");
    Map<String, long[]> shapes = Map.of("input", new long[] {1, in, size, size}, "style", new long[] {1, in});
    for (long s = seed * 100; s < seed * 100 + 3; s++) {
      Map<String, float[]> feed = new LinkedHashMap<>();
      feed.put("input", OfficialStyleGraphs.randomInput(s, in * size * size));
      feed.put("style", OfficialStyleGraphs.randomInput(s + 7, in));
      float[] a = run(original, feed, shapes);
      double diff = maxAbsDiff(a, run(r.model().toByteArray(), feed, shapes));
      assertTrue(diff <= 1e-5 * Math.max(1, maxAbs(a)), "input seed " + s + ": max abs difference " + diff);
    }
  }

  private static double maxAbs(float[] a) {
    double m = 0;
    for (float v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  @ParameterizedTest(name = "seed {0}, {1} channels, up {3}, pads {4},{5}")
  @CsvSource({
      "21, 3, 8, 1, 2, 1",
      "22, 5, 7, 1, 1, 1",
      "23, 3, 6, 2, 2, 1",
      "24, 4, 5, 2, 3, 2"})
  void rewrite_blur_isOneDepthwiseConvolutionWithTheSameOutput(long seed, int channels, int size, int up,
      int pad0, int pad1) throws OrtException {
    byte[] original = OfficialStyleGraphs.blur(seed, channels, size, up, pad0, pad1);
    ConstantKernelRewrite.Result r = ConstantKernelRewrite.rewrite(ProtoMessage.parse(original));
    assertEquals(1, r.blurs(), r.leftAlone().toString());
    Map<String, Integer> ops = opHistogram(r.model());
    assertEquals(Map.of("Mul", 1, up == 1 ? "Conv" : "ConvTranspose", 1), ops);
    Map<String, long[]> shapes = Map.of("input", new long[] {1, channels, size, size});
    for (long s = seed * 100; s < seed * 100 + 3; s++) {
      Map<String, float[]> feed = Map.of("input", OfficialStyleGraphs.randomInput(s, channels * size * size));
      double diff = maxAbsDiff(run(original, feed, shapes), run(r.model().toByteArray(), feed, shapes));
      assertTrue(diff <= 1e-5, "input seed " + s + ": max abs difference " + diff);
    }
  }

  @Test
  void rewrite_demodulationOverOtherAxes_isLeftAloneAndListed() {
    // Summing over the kernel only ([3, 4]) is not StyleGAN2's demodulation: no rewrite may claim it.
    byte[] original = OfficialStyleGraphs.modulatedConv(31, true, false, 4, 4, 3, 6, 3, 4);
    ProtoMessage model = ProtoMessage.parse(original);
    ConstantKernelRewrite.Result r = ConstantKernelRewrite.rewrite(model);
    assertFalse(r.changed());
    assertSame(model, r.model());
    assertEquals(1, r.leftAlone().size(), r.leftAlone().toString());
    assertTrue(r.leftAlone().get(0).contains("Conv"), r.leftAlone().get(0));
  }

  @Test
  void rewrite_blurOfUnknownChannelCount_isLeftAlone() {
    // Without the constant bias the channel count of the blurred tensor cannot be read from the graph.
    ProtoMessage blur = ProtoMessage.parse(OfficialStyleGraphs.blur(41, 3, 6, 1, 2, 1));
    ProtoMessage graph = blur.message(Model.GRAPH).orElseThrow();
    ProtoMessage.Builder g = ProtoMessage.builder();
    graph.fields().stream().filter(f -> f.number() != Graph.NODE
        || !OnnxNode.of(f.asMessage()).opType().equals("Mul")).forEach(g::add);
    ProtoMessage rewired = g.build();
    // Transpose now reads the graph input directly.
    List<ProtoMessage> fixedNodes = rewired.messages(Graph.NODE).stream().map(n -> {
      OnnxNode node = OnnxNode.of(n);
      return node.inputs().equals(List.of("x")) ? node.rebuild(List.of("input"), node.outputs(), Map.of()).proto() : n;
    }).toList();
    ProtoMessage.Builder g2 = ProtoMessage.builder();
    rewired.fields().stream().filter(f -> f.number() != Graph.NODE).forEach(g2::add);
    fixedNodes.forEach(n -> g2.addMessage(Graph.NODE, n));
    ProtoMessage model = blur.toBuilder().set(io.gpen4j.onnxformat.ProtoField.message(Model.GRAPH, g2.build())).build();
    ConstantKernelRewrite.Result r = ConstantKernelRewrite.rewrite(model);
    assertFalse(r.changed());
    assertEquals(1, r.leftAlone().size());
  }
}
