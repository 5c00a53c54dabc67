package io.gpen4j.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import io.gpen4j.onnxformat.rewrite.ConstantKernelForm;
import io.gpen4j.onnxformat.rewrite.ModelCache;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import io.gpen4j.onnxformat.OnnxFields.Attribute;
import io.gpen4j.onnxformat.OnnxFields.Graph;
import io.gpen4j.onnxformat.OnnxFields.Model;
import io.gpen4j.onnxformat.OnnxFields.Tensor;
import io.gpen4j.onnxformat.OnnxNode;
import io.gpen4j.onnxformat.ProtoMessage;
import io.gpen4j.onnxformat.rewrite.ElementwiseForm;
import io.gpen4j.onnxformat.rewrite.SubPixelForm;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * ONNX Runtime's per-operator profile of a generator, as the {@code onnx} backend loads it: the file
 * prepared by {@link ConstantKernelForm} (load-time rewrites on, or off with {@code --as-is}),
 * optimisation level ALL, memory pattern off, the given intra-op threads. Prints the table of
 * {@link OperatorProfile}: time per operator type, its share, and the convolutions' GMAC/s.
 *
 * <pre>
 * java -cp gpen-bench/target/gpen-bench.jar io.gpen4j.bench.OperatorProfileReport \
 *     MODEL.onnx [runs] [threads]
 *     [--as-is | --sub-pixel-folded | --sub-pixel-transposed | --scale-bias | --four-phase]
 * </pre>
 *
 * <p>{@code --sub-pixel-folded} and {@code --sub-pixel-transposed} profile the model's sub-pixel
 * forms and {@code --four-phase} its four-phase form ({@link SubPixelForm}), {@code --scale-bias}
 * its form with each styled convolution's scales and bias as one BatchNormalization ({@link
 * ElementwiseForm}), instead of the form the backend loads.
 *
 * <p>Two warm-up runs are profiled but not counted. The profile's own bookkeeping adds a little to
 * each kernel; compare the shares, and take per-face times from {@link GeneratorCeilingReport}.
 */
public final class OperatorProfileReport {
  /** Where to keep the raw profiles ({@code -Dgpen4j.bench.keepProfiles=DIR}), or null. */
  private static final Path KEEP = System.getProperty("gpen4j.bench.keepProfiles") == null ? null
      : Paths.get(System.getProperty("gpen4j.bench.keepProfiles"));

  /** The optimisation level ({@code -Dgpen4j.bench.optLevel=EXTENDED_OPT}; default ALL_OPT, the backend's). */
  private static final OptLevel LEVEL = OptLevel.valueOf(System.getProperty("gpen4j.bench.optLevel", "ALL_OPT"));

  private OperatorProfileReport() {}

  /**
   * Runs the report.
   *
   * @param args the model file, optional runs (default 5), threads (default 2), {@code --as-is}
   * @throws Exception if the model cannot be prepared or run
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: OperatorProfileReport MODEL.onnx [runs] [threads] "
          + "[--as-is | --sub-pixel-folded | --sub-pixel-transposed | --scale-bias | --four-phase]");
      System.exit(2);
    }
    Path model = Paths.get(args[0]);
    int runs = args.length > 1 && !args[1].startsWith("--") ? Integer.parseInt(args[1]) : 5;
    int threads = args.length > 2 && !args[2].startsWith("--") ? Integer.parseInt(args[2]) : 2;
    List<String> flags = Arrays.asList(args);
    boolean rewrite = !flags.contains("--as-is");
    boolean folded = flags.contains("--sub-pixel-folded");
    boolean subPixel = folded || flags.contains("--sub-pixel-transposed");
    boolean scaleBias = flags.contains("--scale-bias");
    boolean fourPhase = flags.contains("--four-phase");
    System.out.printf("load average at start: %.2f%n", LoadAverage.oneMinute());
    Path dir = Files.createTempDirectory("gpen4j-sub-pixel");
    try {
      Path file = model;
      String form = rewrite ? "as the onnx backend loads it" : "as exported";
      if (subPixel) {
        file = dir.resolve(model.getFileName());
        int n = SubPixelForm.write(model, file, folded);
        form = n + " up-samplings as sub-pixel convolutions, " + (folded ? "blur folded" : "transposed convolution only");
      } else if (fourPhase) {
        file = dir.resolve(model.getFileName());
        int n = SubPixelForm.writeFourPhase(model, file);
        form = n + " up-samplings as four phase convolutions";
      } else if (scaleBias) {
        file = dir.resolve(model.getFileName());
        int n = ElementwiseForm.write(model, file, false, true);
        form = n + " styled convolutions' scales and bias as BatchNormalization";
      }
      OperatorProfile p = profile(file, rewrite, runs, threads);
      System.out.printf("%s (%s), %d intra-op threads, %d runs after 2 warm-ups:%n%n", model.getFileName(), form,
          threads, p.runs());
      System.out.println(p.markdown());
    } finally {
      KernelFormReport.deleteTree(dir);
    }
    System.out.printf("load average at end: %.2f%n", LoadAverage.oneMinute());
  }

  /**
   * Profiles a generator as the {@code onnx} backend prepares it.
   *
   * @param model the generator file
   * @param rewrite whether the load-time rewrites run ({@code SessionSettings.rewriteOfficialExports})
   * @param runs runs counted, after two warm-ups
   * @param threads intra-op threads
   * @return the summary
   * @throws OrtException if ONNX Runtime fails
   * @throws IOException if the cache or profile files fail
   */
  static OperatorProfile profile(Path model, boolean rewrite, int runs, int threads) throws OrtException, IOException {
    Path work = Files.createTempDirectory("gpen4j-profile");
    try {
      Path prepared = prepared(model, rewrite, work);
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      String profileFile;
      try (SessionOptions options = new SessionOptions()) {
        options.setOptimizationLevel(LEVEL);
        options.setIntraOpNumThreads(threads);
        options.setMemoryPatternOptimization(false);
        options.enableProfiling(work.resolve("profile").toString());
        try (OrtSession session = env.createSession(prepared.toString(), options)) {
          String input = session.getInputNames().iterator().next();
          long[] shape = ((ai.onnxruntime.TensorInfo) session.getInputInfo().get(input).getInfo()).getShape();
          for (int i = 0; i < shape.length; i++) {
            shape[i] = Math.max(1, shape[i]);
          }
          float[] v = new float[(int) Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
          Random r = new Random(1);
          for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat() * 2 - 1;
          }
          try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(v), shape)) {
            for (int i = 0; i < runs + 2; i++) {
              session.run(Map.of(input, x)).close();
            }
          }
          profileFile = session.endProfiling();
        }
      }
      if (KEEP != null) {
        Files.copy(Paths.get(profileFile), KEEP.resolve(model.getFileName() + (rewrite ? ".rewritten" : ".as-exported")
            + ".profile.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      return OperatorProfile.read(Paths.get(profileFile), 2, kernels(prepared));
    } finally {
      KernelFormReport.deleteTree(work);
    }
  }

  /** The kernel dims of each convolution node whose kernel is a constant, by node name. */
  static Map<String, long[]> kernels(Path model) {
    ProtoMessage graph = ProtoMessage.parse(ModelCache.map(model)).message(Model.GRAPH).orElseThrow();
    Map<String, long[]> dims = new HashMap<>();
    for (ProtoMessage t : graph.messages(Graph.INITIALIZER)) {
      dims.put(t.string(Tensor.NAME), t.longs(Tensor.DIMS));
    }
    List<OnnxNode> nodes = graph.messages(Graph.NODE).stream().map(OnnxNode::of).toList();
    for (OnnxNode node : nodes) {
      // Exporters also write kernels as Constant nodes.
      if (node.opType().equals("Constant")) {
        node.attribute("value").flatMap(a -> a.message(Attribute.T))
            .ifPresent(t -> dims.put(node.outputs().get(0), t.longs(Tensor.DIMS)));
      }
    }
    Map<String, long[]> kernels = new HashMap<>();
    for (OnnxNode node : nodes) {
      if (node.opType().contains("Conv") && node.inputs().size() > 1 && dims.containsKey(node.inputs().get(1))) {
        kernels.put(node.name(), dims.get(node.inputs().get(1)));
      }
    }
    return kernels;
  }

  /** The file the {@code onnx} backend would load. */
  static Path prepared(Path model, boolean rewrite, Path cacheDir) {
    SessionSettings s = SessionSettings.builder().cacheDirectory(cacheDir).rewriteOfficialExports(rewrite).build();
    ConstantKernelForm.Prepared p = new ConstantKernelForm(new ModelCache(), ModelSource.of(model)).prepare(s, false);
    return p.path();
  }
}
