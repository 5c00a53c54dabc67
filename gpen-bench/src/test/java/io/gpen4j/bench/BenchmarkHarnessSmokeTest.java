package io.gpen4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Proves the harness works: one short iteration of a real benchmark, in this JVM, with the memory
 * profiler; and a combination that cannot run comes back as a recorded skip. No timing is asserted.
 */
final class BenchmarkHarnessSmokeTest {
  @TempDir
  Path dir;

  private static OptionsBuilder oneIteration(String benchmark) {
    OptionsBuilder b = new OptionsBuilder();
    b.include("^io\\.gpen4j\\.bench\\." + benchmark + "$")
        .forks(0)
        .warmupIterations(0)
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(300))
        .shouldFailOnError(false)
        .addProfiler(PeakMemoryProfiler.class);
    return b;
  }

  @Test
  void generatorBenchmark_oneIteration_reportsLatencyAndPeakRss() throws RunnerException {
    System.setProperty("gpen4j.bench.threads", "2");
    Collection<RunResult> results = new Runner(oneIteration("GeneratorLatencyBenchmark\\.generate")
        .param("backend", "onnx").param("device", "cpu").param("precision", "FP32").param("modelSize", "256")
        .build()).run();
    assertEquals(1, results.size());
    RunResult r = results.iterator().next();
    assertTrue(r.getPrimaryResult().getScore() > 0);
    assertNotNull(r.getSecondaryResults().get(PeakMemoryProfiler.RSS_PEAK), r.getSecondaryResults().keySet().toString());
    assertTrue(r.getSecondaryResults().get(PeakMemoryProfiler.RSS_PEAK).getScore() > 50, "RSS in MB");
    // CPU configuration: no GPU result at all.
    assertTrue(!r.getSecondaryResults().containsKey(PeakMemoryProfiler.GPU_PEAK));
  }

  @Test
  void unknownBackend_isSkippedWithItsReasonNotCrashed() throws Exception {
    Path log = dir.resolve("skipped.tsv");
    System.setProperty(SkipLog.PROPERTY, log.toString());
    System.setProperty(SkipLog.RUN_ID_PROPERTY, "smoke-1");
    try {
      Collection<RunResult> results = new Runner(oneIteration("GeneratorLatencyBenchmark\\.generate")
          .param("backend", "no-such-backend").param("device", "cpu").param("precision", "FP32")
          .param("modelSize", "256").build()).run();
      assertTrue(results.isEmpty());
      Optional<String> reason = SkipLog.reasonFor(log, "smoke-1");
      assertTrue(reason.isPresent() && reason.get().startsWith("backend 'no-such-backend' is not on the class path"),
          reason.toString());
    } finally {
      System.clearProperty(SkipLog.PROPERTY);
      System.clearProperty(SkipLog.RUN_ID_PROPERTY);
    }
  }
}
