package io.gpen4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.bench.PlannedRun.Kind;
import io.gpen4j.spi.Device;
import io.gpen4j.spi.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The report's rounds and recommendation against a fake backend on a simulated 2-processor
 * machine: seeded per-fork times (a true time per configuration, 2% noise per fork) and a CPU hog
 * during the first half of the forks that pushes the load average above the processors and makes
 * whatever runs meanwhile 40-90% slower, as another job does.
 */
final class InterleavedRoundsTest {
  private static final int PROCESSORS = 2;
  private static final long GB = 1L << 30;

  /** The fake backend and machine: seeded delays, noise and load. */
  private static final class SeededMachine {
    private final Random random;
    private final double slowerBy;
    private final double noise;
    private final int hogForks;
    private final List<String> order = new ArrayList<>();
    private int forks;
    private boolean hogRunning;

    SeededMachine(long seed, double slowerBy, int hogForks) {
      this(seed, slowerBy, 0.02, hogForks);
    }

    SeededMachine(long seed, double slowerBy, double noise, int hogForks) {
      this.random = new Random(seed);
      this.slowerBy = slowerBy;
      this.noise = noise;
      this.hogForks = hogForks;
    }

    double load() {
      return hogRunning || forks < hogForks ? 3.2 + random.nextDouble() : 1.2 + 0.6 * random.nextDouble();
    }

    Measurement fork(PlannedRun run, int round) {
      order.add(run.config().backend());
      boolean hogged = forks < hogForks;
      forks++;
      double truth = "onnx".equals(run.config().backend()) ? 200 : 200 * (1 + slowerBy);
      double ms = truth * (1 + noise * random.nextGaussian()) * (hogged ? 1.4 + 0.5 * random.nextDouble() : 1);
      return new Measurement(run, Measurement.Status.MEASURED, null, ms, ms, ms * 1.1, null, 600.0, 600.0, null, null);
    }
  }

  private static PlannedRun generator(String backend) {
    return new PlannedRun(backend, Kind.GENERATOR, new BenchConfig(backend, Device.cpu(), Precision.FP32, 256), 0, 1, false);
  }

  private static final List<PlannedRun> PLAN = List.of(generator("onnx"), generator("djl-onnxruntime"));

  private static List<RoundSeries> report(SeededMachine m, boolean quietLater) {
    return new InterleavedRounds(m::fork, m::load, () -> quietLater, PROCESSORS, (r, f) -> { })
        .run(PLAN, 3);
  }

  private static String recommendation(List<RoundSeries> series) {
    return Recommendation.lines(series, 4 * GB, PROCESSORS).get(1);
  }

  @ParameterizedTest(name = "hog during the first {0} forks")
  @ValueSource(ints = {0, 3})
  void run_twentyPercentApart_recommendsTheFasterInTenSeededRuns(int hogForks) {
    List<String> lines = IntStream.rangeClosed(1, 10)
        .mapToObj(seed -> recommendation(report(new SeededMachine(seed, 0.20, hogForks), true))).toList();
    for (String line : lines) {
      assertTrue(line.startsWith("  GPEN-256 (generator per face): fastest within budget: onnx cpu FP32, "), line);
      assertTrue(line.contains("the runner-up, djl-onnxruntime cpu FP32") && line.contains("beyond the measured spread"), line);
    }
  }

  @ParameterizedTest(name = "hog during the first {0} forks")
  @ValueSource(ints = {0, 3})
  void run_twoPercentApart_isInconclusiveInTenSeededRuns(int hogForks) {
    for (long seed = 1; seed <= 10; seed++) {
      String line = recommendation(report(new SeededMachine(seed, 0.02, hogForks), true));
      assertTrue(line.contains("inconclusive: ") && line.contains("within the measured spread"), "seed " + seed + ": " + line);
    }
  }

  @Test
  void run_fifteenPercentApart_isRecommendedOnlyWhenTheForksAgree() {
    String steady = recommendation(report(new SeededMachine(1, 0.15, 0.01, 0), true));
    assertTrue(steady.contains("fastest within budget: onnx"), steady);
    // Forks that scatter by 10% (a machine whose other work comes and goes without raising the
    // load average) give ranges wider than the difference.
    String scattered = recommendation(report(new SeededMachine(1, 0.15, 0.10, 0), true));
    assertTrue(scattered.contains("inconclusive: ") && scattered.contains("within the measured spread"), scattered);
  }

  @Test
  void run_rounds_interleaveConfigurations() {
    SeededMachine m = new SeededMachine(1, 0.2, 0);
    List<RoundSeries> series = report(m, true);
    assertEquals("onnx djl-onnxruntime onnx djl-onnxruntime onnx djl-onnxruntime", String.join(" ", m.order));
    assertEquals(List.of(3, 3), series.stream().map(s -> s.forks().size()).toList());
  }

  @Test
  void run_busyForks_areRunAgainOnceQuietAndNotCounted() {
    SeededMachine m = new SeededMachine(4, 0.2, 3);
    List<RoundSeries> series = report(m, true);
    RoundSeries onnx = series.get(0);
    // Forks 1-3 ran with the hog (onnx twice, djl once): onnx is run twice more, djl once more.
    assertEquals(5, onnx.forks().size(), onnx.forks().toString());
    assertEquals(4, series.get(1).forks().size());
    assertEquals(3, onnx.counted().size());
    assertTrue(onnx.counted().stream().noneMatch(ForkResult::busy));
    assertTrue(onnx.max() < 200 * 1.15, "a hogged fork was counted: " + onnx.counted());
  }

  @Test
  void run_machineNeverQuiet_reportsInconclusiveBecauseBusy() {
    SeededMachine m = new SeededMachine(2, 0.2, 100);
    String line = recommendation(report(m, false));
    assertTrue(line.contains("inconclusive: ") && line.contains("measured while the machine was busy"), line);
    assertTrue(line.contains("load average above 2 processors"), line);
  }

  @Test
  void summary_takesTheMedianForkAndTheLargestMemory() {
    SeededMachine m = new SeededMachine(3, 0.2, 0);
    RoundSeries s = report(m, true).get(0);
    double median = s.median();
    assertEquals(median, s.summary().meanMs(), 1e-9);
    assertTrue(s.counted().stream().map(ForkResult::value).collect(Collectors.toList()).contains(median));
  }
}
