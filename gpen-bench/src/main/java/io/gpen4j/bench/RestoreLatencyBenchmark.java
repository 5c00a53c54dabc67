package io.gpen4j.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
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
public class RestoreLatencyBenchmark extends PhotoRestoreBenchmark {
  /** The photo's long side: 512, 1024 or 3000. */
  @Param({"512", "1024", "3000"})
  public int photoSize;

  @Override
  int photoSize() {
    return photoSize;
  }
}
