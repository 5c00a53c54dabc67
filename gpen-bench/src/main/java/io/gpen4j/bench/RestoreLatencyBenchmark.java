package io.gpen4j.bench;

import io.gpen4j.FaceRestorer;
import io.gpen4j.RestoreResult;
import java.awt.image.BufferedImage;
import java.util.concurrent.TimeUnit;
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
 * How long does {@code restore()} take on a whole photo? Detection (YuNet, on the same backend),
 * alignment, the generator for every face, and paste-back, sampled (mean, p50, p99). Photos:
 * {@link BenchPhotos} (512 and 1024: one face; 3000: 29 faces).
 *
 * <pre>
 * java -jar gpen-bench/target/gpen-bench.jar RestoreLatencyBenchmark -p backend=onnx -p device=cpu \
 *     -p precision=FP32 -p modelSize=256 -p photoSize=512,1024
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class RestoreLatencyBenchmark {
  /** The backend's ServiceLoader name. */
  @Param({"onnx", "djl-onnxruntime", "djl-pytorch"})
  public String backend;

  /** {@code cpu} or {@code cuda:N}. */
  @Param({"cpu", "cuda:0"})
  public String device;

  /** FP32 or FP16. */
  @Param({"FP32", "FP16"})
  public String precision;

  /** The GPEN resolution. */
  @Param({"256", "512", "1024"})
  public int modelSize;

  /** The photo's long side: 512, 1024 or 3000. */
  @Param({"512", "1024", "3000"})
  public int photoSize;

  private FaceRestorer restorer;
  private BufferedImage photo;

  /** Builds the restorer and restores the photo once, checking that it finds its faces. */
  @Setup(Level.Trial)
  public void setUp() {
    photo = BenchPhotos.photo(photoSize);
    restorer = BenchSessions.warmRestorer(BenchConfig.parse(backend, device, precision, modelSize), photo);
  }

  /** @return the restored photo */
  @Benchmark
  public RestoreResult restore() {
    return restorer.restore(photo);
  }

  /** Releases the restorer. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (restorer != null) {
      restorer.close();
    }
  }
}
