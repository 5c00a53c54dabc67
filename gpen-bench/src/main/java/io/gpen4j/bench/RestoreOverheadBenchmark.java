package io.gpen4j.bench;

import io.gpen4j.DetectorStage;
import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.GeneratorStage;
import io.gpen4j.RestoreResult;
import io.gpen4j.onnx.OnnxBackend;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.spi.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What does the pipeline cost on top of the models? Compares {@code restore()} on a one-face photo
 * (astronaut.png, random-weight GPEN-BFR-256, YuNet, ONNX Runtime CPU) with one raw detector run
 * plus one raw generator run on prepared tensors, in the same process, both with the default
 * settings (one intra-op thread per core). The target is
 * {@code restore <= 1.05 x (raw detector + raw generator)}; {@link #main} runs both benchmarks in
 * alternating forks and prints that ratio per round with the load average.
 *
 * <pre>
 * mvn -q -B package -DskipTests -pl gpen-bench -am
 * java -cp gpen-bench/target/gpen-bench.jar io.gpen4j.bench.RestoreOverheadBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class RestoreOverheadBenchmark {
  private FaceRestorer restorer;
  private ModelSession detector;
  private ModelSession generator;
  private BufferedImage photo;
  private Map<String, Tensor> detectorInput;
  private Map<String, Tensor> generatorInput;

  /**
   * Runs the two benchmarks in alternating forks (restore, raw, restore, raw), so that a change in
   * the machine's load shows as a difference between rounds instead of skewing the ratio, and
   * prints {@code restore / (raw detector + raw generator)} per round with the load average.
   *
   * @param args the rounds (default 2)
   * @throws RunnerException if JMH fails
   * @throws IOException if the load average cannot be read
   */
  public static void main(String[] args) throws RunnerException, IOException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    List<String> lines = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      String load = Files.readString(Paths.get("/proc/loadavg")).trim();
      double restore = score("restore");
      double raw = score("rawDetectorPlusGenerator");
      lines.add(String.format(Locale.ROOT, "round %d: restore %.1f ms, raw detector + generator %.1f ms, "
          + "ratio %.3f (load average before: %s; %d intra-op threads)", round, restore, raw, restore / raw,
          load, SessionSettings.DEFAULTS.resolvedIntraOpThreads()));
    }
    lines.forEach(System.out::println);
  }

  private static double score(String benchmark) throws RunnerException {
    String name = Pattern.quote(RestoreOverheadBenchmark.class.getName() + "." + benchmark);
    Collection<RunResult> results = new Runner(new OptionsBuilder().include("^" + name + "$").build()).run();
    return results.iterator().next().getPrimaryResult().getScore();
  }

  /** Loads the models and the photo, and prepares raw input tensors. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    SessionSettings settings = SessionSettings.DEFAULTS;
    restorer = FaceRestorer.builder()
        .backend(new OnnxBackend())
        .sessionSettings(settings)
        .generator(GeneratorStage.of(BenchData.shared("models/bench/GPEN-BFR-256-randw.onnx")))
        .detector(DetectorStage.of(DetectorType.YUNET,
            BenchData.shared("models/detectors/face_detection_yunet_2023mar.onnx")))
        .build();
    OnnxBackend backend = new OnnxBackend();
    detector = backend.open(ModelSource.of(BenchData.shared("models/detectors/face_detection_yunet_2023mar.onnx")), settings);
    generator = backend.open(ModelSource.of(BenchData.shared("models/bench/GPEN-BFR-256-randw.onnx")), settings);
    photo = ImageIO.read(BenchData.shared("images/astronaut.png").toFile());
    Random rnd = new Random(1);
    detectorInput = Map.of("input", Tensor.wrap(randomArray(rnd, 3 * 640 * 640, 0, 255), 1, 3, 640, 640));
    generatorInput = Map.of("input", Tensor.wrap(randomArray(rnd, 3 * 256 * 256, -1, 1), 1, 3, 256, 256));
    if (restorer.restore(photo).faces().size() != 1) {
      throw new IllegalStateException("expected exactly one face in astronaut.png");
    }
  }

  private static float[] randomArray(Random rnd, int n, float lo, float hi) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = lo + (hi - lo) * rnd.nextFloat();
    }
    return a;
  }

  /** Releases the sessions. */
  @TearDown(Level.Trial)
  public void tearDown() {
    restorer.close();
    detector.close();
    generator.close();
  }

  /** @return the restored result */
  @Benchmark
  public RestoreResult restore() {
    return restorer.restore(photo);
  }

  /** @return the generator's outputs (the detector's are consumed) */
  @Benchmark
  public Object rawDetectorPlusGenerator() {
    Map<String, Tensor> d = detector.run(detectorInput);
    Map<String, Tensor> g = generator.run(generatorInput);
    return new Object[] {d, g};
  }
}
