package io.gpen4j.bench;

import io.gpen4j.FaceRestorer;
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
 * How many photos per second does one shared restorer serve to concurrent callers? JMH's
 * threads are the callers ({@code -t N}; the runner sweeps 1..N), all calling {@code restore()}
 * on one {@link FaceRestorer}, as a server would. The score is photos per second over all
 * callers. Intra-op threads stay as for the latency benchmarks, so on a small CPU more callers
 * mostly compete for the same cores; on a GPU they overlap host work with device work.
 *
 * <pre>
 * java -jar gpen-bench/target/gpen-bench.jar ThroughputBenchmark -p backend=onnx -p device=cpu \
 *     -p precision=FP32 -p modelSize=256 -p photoSize=512 -t 2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class ThroughputBenchmark extends PhotoRestoreBenchmark {
  /** The photo's long side: 512, 1024 or 3000. */
  @Param({"512"})
  public int photoSize;

  @Override
  int photoSize() {
    return photoSize;
  }
}
