package io.gpen4j.bench;

import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.Tensor;
import java.util.Map;
import java.util.Random;
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
 * How long does the generator take per face? One run of the GPEN generator on a prepared
 * {@code [batch,3,S,S]} tensor, sampled (mean, p50, p99). Float32 in and out whatever the precision,
 * so the FP16 conversion at the boundary is included, as a user pays it.
 *
 * <p>{@code batch} faces go in one run (default 1); the time reported is per run, so the time per
 * face is the score divided by {@code batch}. Batches above 1 need a model with a free batch
 * dimension, as {@code models/convert} exports them; a batch-1 model is skipped.
 *
 * <pre>
 * java -jar gpen-bench/target/gpen-bench.jar GeneratorLatencyBenchmark -p backend=onnx -p device=cpu \
 *     -p precision=FP32 -p modelSize=256 -p batch=1,4,8 -prof io.gpen4j.bench.PeakMemoryProfiler
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class GeneratorLatencyBenchmark extends BenchConfigParams {
  /** Faces per generator run. */
  @Param({"1"})
  public int batch;

  private ModelSession session;
  private Map<String, Tensor> input;

  /** Opens the generator and runs it once. */
  @Setup(Level.Trial)
  public void setUp() {
    BenchConfig config = benchConfig();
    session = BenchSessions.open(BenchSessions.backend(config), BenchSessions.generatorFile(config),
        BenchSessions.settings(config, null));
    String name = session.inputs().get(0).name();
    long batchDim = session.inputs().get(0).shape()[0];
    if (batch != 1 && batchDim != -1 && batchDim != batch) {
      session.close();
      throw SkipLog.skip("the generator takes batch " + batchDim + ", not " + batch
          + " (export one with a free batch: models/convert/convert.py --modulation input)", null);
    }
    Random rnd = new Random(7);
    float[] data = new float[batch * 3 * modelSize * modelSize];
    for (int i = 0; i < data.length; i++) {
      data[i] = rnd.nextFloat() * 2 - 1;
    }
    input = Map.of(name, Tensor.wrap(data, batch, 3, modelSize, modelSize));
    BenchSessions.firstRun(config, () -> session.run(input));
  }

  /** @return the generator's outputs */
  @Benchmark
  public Map<String, Tensor> generate() {
    return session.run(input);
  }

  /** Releases the session. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (session != null) {
      session.close();
    }
  }
}
