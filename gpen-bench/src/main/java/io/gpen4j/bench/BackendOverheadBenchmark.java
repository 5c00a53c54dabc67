package io.gpen4j.bench;

import io.gpen4j.DetectorStage;
import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.GeneratorStage;
import io.gpen4j.RestoreResult;
import io.gpen4j.djl.DjlOnnxRuntimeBackend;
import io.gpen4j.djl.DjlPyTorchBackend;
import io.gpen4j.onnx.OnnxBackend;
import io.gpen4j.spi.InferenceBackend;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.spi.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What does DJL cost on top of ONNX Runtime? Runs the same model on the same input through the
 * {@code onnx} backend (ONNX Runtime's Java API directly) and through DJL: {@code restore()} of a
 * one-face photo (astronaut.png, random-weight GPEN-BFR-256, YuNet) and one raw generator run on a
 * prepared tensor. The target is {@code djl-onnxruntime <= 1.10 x onnx}. Every backend gets the
 * same CPU settings (two intra-op threads; PyTorch uses its process-wide pool).
 *
 * <p>{@code djl-pytorch} needs a TorchScript GPEN-BFR-256 (from {@code models/convert}), given
 * with {@code -Dgpen4j.bench.torchscript=FILE}; its {@code restore()} runs YuNet on DJL's
 * OnnxRuntime engine (the PyTorch backend hands .onnx files to it). Each backend runs in its own
 * fork, so the {@code onnx} backend and DJL never share an ONNX Runtime environment. PyTorch's
 * TorchScript executor optimises the graph over its first runs: give it more warm-up
 * ({@code -wi 12}).
 *
 * <pre>
 * mvn -q -B package -DskipTests -pl gpen-bench -am
 * java -jar gpen-bench/target/gpen-bench.jar BackendOverheadBenchmark -f 1 -wi 3 -i 5
 * java -jar gpen-bench/target/gpen-bench.jar BackendOverheadBenchmark -p backend=DJL_PYTORCH \
 *     -jvmArgsAppend -Dgpen4j.bench.torchscript=/path/GPEN-BFR-256.pt
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class BackendOverheadBenchmark {
  /** The backends compared. */
  public enum BackendType {
    /** {@code onnx}: ONNX Runtime's Java API. */
    ONNX,
    /** {@code djl-onnxruntime}: the same .onnx files through DJL's OnnxRuntime engine. */
    DJL_ONNXRUNTIME,
    /** {@code djl-pytorch}: a TorchScript GPEN through DJL's PyTorch engine. */
    DJL_PYTORCH;

    InferenceBackend create() {
      switch (this) {
        case ONNX:
          return new OnnxBackend();
        case DJL_ONNXRUNTIME:
          return new DjlOnnxRuntimeBackend();
        default:
          return new DjlPyTorchBackend();
      }
    }
  }

  /** The backend under test; DJL_PYTORCH only on request (it needs a TorchScript GPEN). */
  @Param({"ONNX", "DJL_ONNXRUNTIME"})
  public BackendType backend;

  private FaceRestorer restorer;
  private ModelSession generator;
  private BufferedImage photo;
  private Map<String, Tensor> generatorInput;

  /** Loads the models and the photo, and prepares the raw generator input. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    BackendType type = backend;
    SessionSettings settings = SessionSettings.builder().intraOpThreads(2).concurrency(1).build();
    Path yunet = BenchData.shared("models/detectors/face_detection_yunet_2023mar.onnx");
    Path model = type == BackendType.DJL_PYTORCH ? torchScriptGpen() : BenchData.shared("models/bench/GPEN-BFR-256-randw.onnx");
    restorer = FaceRestorer.builder()
        .backend(type.create())
        .sessionSettings(settings)
        .generator(GeneratorStage.of(model))
        .detector(DetectorStage.of(DetectorType.YUNET, yunet))
        .build();
    generator = type.create().open(ModelSource.of(model), settings);
    photo = ImageIO.read(BenchData.shared("images/astronaut.png").toFile());
    Random rnd = new Random(1);
    float[] pixels = new float[3 * 256 * 256];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = rnd.nextFloat() * 2 - 1;
    }
    generatorInput = Map.of(generator.inputs().get(0).name(), Tensor.wrap(pixels, 1, 3, 256, 256));
    if (restorer.restore(photo).faces().size() != 1) {
      throw new IllegalStateException("expected exactly one face in astronaut.png");
    }
  }

  private static Path torchScriptGpen() {
    String file = System.getProperty("gpen4j.bench.torchscript");
    if (file == null || !Files.isRegularFile(Paths.get(file))) {
      throw new IllegalStateException("djl-pytorch needs a TorchScript GPEN-BFR-256: pass "
          + "-jvmArgsAppend -Dgpen4j.bench.torchscript=FILE (got " + file + ")");
    }
    return Paths.get(file);
  }

  /** Releases the sessions. */
  @TearDown(Level.Trial)
  public void tearDown() {
    restorer.close();
    generator.close();
  }

  /** @return the restored result */
  @Benchmark
  public RestoreResult restore() {
    return restorer.restore(photo);
  }

  /** @return the generator's outputs */
  @Benchmark
  public Map<String, Tensor> generator() {
    return generator.run(generatorInput);
  }
}
