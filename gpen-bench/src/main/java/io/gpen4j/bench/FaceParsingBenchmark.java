package io.gpen4j.bench;

import io.gpen4j.FaceRegion;
import io.gpen4j.internal.image.FeatherMask;
import io.gpen4j.internal.image.FloatImage;
import io.gpen4j.internal.image.ParsingMask;
import io.gpen4j.internal.pipeline.FaceParser;
import io.gpen4j.internal.pipeline.FaceEnhancer;
import io.gpen4j.models.ParserFamily;
import io.gpen4j.onnx.OnnxBackend;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What does the face-parsing paste mask cost per face, next to the generator it follows?
 *
 * <p>{@code parsingMask}: BiSeNet (ResNet-18, random weights: the real graph and cost) on one
 * restored crop of side {@code crop} (resized to 512 when smaller), the argmax, the mask's resize,
 * blur and product with the square mask: what the pipeline adds per face over the square mask,
 * which is built once. {@code maskFromScores} is the Java part alone (argmax over 19 seeded random
 * 512x512 score maps, resize, blur, product). {@code gpen256} is one GPEN-BFR-256 run (random
 * weights) for scale. ONNX
 * Runtime on the CPU, 2 intra-op threads.
 *
 * <p>Run from the repository root:
 * <pre>
 * /usr/bin/python3 models/convert/convert.py --arch bisenet --random-weights --onnx gpen-bench/target/models/bisenet-randw.onnx
 * mvn -q -B -o -pl gpen-bench -am package -DskipTests -Pbench-jar
 * java -jar gpen-bench/target/gpen-bench.jar FaceParsingBenchmark -f 1 -wi 2 -w 2 -i 5 -r 3
 * </pre>
 * The parser file is {@code -Dgpen4j.bench.bisenet=FILE} (default
 * {@code gpen-bench/target/models/bisenet-randw.onnx}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FaceParsingBenchmark {
  @Param({"256", "512"})
  public int crop;

  private OnnxBackend backend;
  private ModelSession parserSession;
  private ModelSession generatorSession;
  private FaceParser parser;
  private FaceEnhancer generator;
  private FloatImage face;
  private FloatImage face256;
  private FloatImage square;
  private int[] keep;
  private float[] scores;

  @Setup
  public void setUp() {
    Path model = Paths.get(System.getProperty("gpen4j.bench.bisenet", "gpen-bench/target/models/bisenet-randw.onnx"));
    if (!Files.isRegularFile(model)) {
      throw new IllegalStateException("no BiSeNet at " + model.toAbsolutePath() + ": make one with /usr/bin/python3 "
          + "models/convert/convert.py --arch bisenet --random-weights --onnx " + model);
    }
    backend = new OnnxBackend();
    SessionSettings settings = SessionSettings.builder().intraOpThreads(2).concurrency(1).build();
    parserSession = backend.open(ModelSource.of(model), settings);
    parser = new FaceParser(parserSession, model.getFileName().toString(), ParserFamily.BISENET);
    generatorSession = backend.open(ModelSource.of(BenchData.shared("models/bench/GPEN-BFR-256-randw.onnx")), settings);
    generator = new FaceEnhancer(generatorSession, "GPEN-BFR-256-randw");
    Random rnd = new Random(11);
    face = randomCrop(crop, rnd);
    face256 = randomCrop(256, rnd);
    square = FeatherMask.create(crop);
    keep = parser.classes(FaceRegion.DEFAULTS);
    scores = new float[ParserFamily.BISENET.classNames().size() * 512 * 512];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = (float) rnd.nextGaussian();
    }
  }

  private static FloatImage randomCrop(int size, Random rnd) {
    float[] v = new float[3 * size * size];
    for (int i = 0; i < v.length; i++) {
      v[i] = 255 * rnd.nextFloat();
    }
    return FloatImage.wrap(size, size, 3, v);
  }

  @TearDown
  public void tearDown() {
    parserSession.close();
    generatorSession.close();
  }

  @Benchmark
  public FloatImage parsingMask() {
    return parser.mask(face, keep, square);
  }

  @Benchmark
  public FloatImage maskFromScores() {
    return ParsingMask.fromScores(scores, ParserFamily.BISENET.classNames().size(), 512, keep, square);
  }

  @Benchmark
  public FloatImage gpen256() {
    return generator.enhance(face256);
  }
}
