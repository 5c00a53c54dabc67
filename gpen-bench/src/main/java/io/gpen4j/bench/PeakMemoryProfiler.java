package io.gpen4j.bench;

import io.gpen4j.spi.Device;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.results.TextResult;

/**
 * A JMH profiler that reports the peak memory of the benchmark's process during each iteration:
 * host resident memory and, when the benchmark runs on a GPU, GPU memory.
 *
 * <pre>
 * java -jar gpen-bench/target/gpen-bench.jar GeneratorLatencyBenchmark -prof io.gpen4j.bench.PeakMemoryProfiler
 * </pre>
 *
 * <p>Results (MB, the maximum over iterations):
 * <ul>
 *   <li>{@value #RSS_PEAK}: the largest {@code VmRSS} sampled every {@value #SAMPLE_MILLIS} ms during
 *       the iteration (models loaded in setup included, since they stay resident);
 *   <li>{@value #RSS_HWM}: {@code VmHWM}, the fork's peak since it started (setup included; it
 *       cannot be reset, so run one configuration per fork, as JMH does for each parameter set);
 *   <li>{@value #GPU_PEAK}: the GPU memory held by this process, sampled as often, from NVML's
 *       per-process accounting; where the driver does not list this process (containers, or
 *       the {@code cudaMemGetInfo} fallback), the whole device's use, which includes other
 *       processes. Only for benchmarks whose {@code device} parameter is a GPU, or that have none;
 *   <li>{@value #GPU_TEXT}: how the GPU was read ({@code "per process"} or {@code "device-wide"}),
 *       or {@code "no GPU (...)"} with the reason when none can be read.
 * </ul>
 *
 * <p>The sampler is one daemon thread that wakes every {@value #SAMPLE_MILLIS} ms; reading
 * {@code /proc/self/status} and NVML costs microseconds, so it does not disturb the measurement.
 */
public final class PeakMemoryProfiler implements InternalProfiler {
  static final String RSS_PEAK = "mem.rss.peak";
  static final String RSS_HWM = "mem.rss.hwm";
  static final String GPU_PEAK = "mem.gpu.peak";
  static final String GPU_TEXT = "mem.gpu";
  static final long SAMPLE_MILLIS = 20;
  private static final double MB = 1024.0 * 1024.0;

  private final long pid = ProcessHandle.current().pid();
  private GpuMemory gpu;
  private boolean gpuChecked;
  private Sampler sampler;

  /** Creates the profiler; JMH calls this in the benchmark's fork. */
  public PeakMemoryProfiler() {}

  @Override
  public String getDescription() {
    return "peak host RSS and GPU memory (NVML / cudaMemGetInfo) of the benchmark process";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    if (!gpuChecked) {
      gpuChecked = true;
      OptionalLong index = gpuIndex(benchmarkParams);
      if (index.isPresent()) {
        gpu = GpuMemory.probe((int) index.getAsLong());
      }
    }
    sampler = new Sampler();
    sampler.start();
  }

  /** Returns the GPU to watch: the {@code device} parameter's, 0 without one, none for the CPU. */
  private static OptionalLong gpuIndex(BenchmarkParams params) {
    String device = params.getParam("device");
    if (device == null) {
      return OptionalLong.of(0);
    }
    Device d = Device.parse(device);
    return d.isGpu() ? OptionalLong.of(d.index()) : OptionalLong.empty();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    sampler.finish();
    List<Result> results = new ArrayList<>();
    if (sampler.rssPeak.get() >= 0) {
      results.add(new ScalarResult(RSS_PEAK, sampler.rssPeak.get() / MB, "MB", AggregationPolicy.MAX));
    }
    HostMemory.peakResidentBytes().ifPresent(
        hwm -> results.add(new ScalarResult(RSS_HWM, hwm / MB, "MB", AggregationPolicy.MAX)));
    if (gpu != null) {
      if (!gpu.available()) {
        results.add(new TextResult(gpu.description(), GPU_TEXT));
      } else if (sampler.gpuPeak.get() >= 0) {
        results.add(new ScalarResult(GPU_PEAK, sampler.gpuPeak.get() / MB, "MB", AggregationPolicy.MAX));
        results.add(new TextResult(gpu.description() + (sampler.perProcess ? ", per process" : ", device-wide"),
            GPU_TEXT));
      } else {
        results.add(new TextResult(gpu.description() + ": no reading", GPU_TEXT));
      }
    }
    return results;
  }

  /** Samples until finished; keeps the maxima. */
  private final class Sampler extends Thread {
    final AtomicLong rssPeak = new AtomicLong(-1);
    final AtomicLong gpuPeak = new AtomicLong(-1);
    volatile boolean perProcess = true;
    private volatile boolean running = true;

    Sampler() {
      super("gpen4j-peak-memory");
      setDaemon(true);
      sample();
    }

    void finish() {
      running = false;
      interrupt();
      try {
        join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      sample();
    }

    @Override
    public void run() {
      while (running) {
        sample();
        try {
          Thread.sleep(SAMPLE_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    private void sample() {
      HostMemory.residentBytes().ifPresent(rss -> rssPeak.accumulateAndGet(rss, Math::max));
      if (gpu != null && gpu.available()) {
        OptionalLong own = gpu.processUsedBytes(pid);
        if (own.isPresent()) {
          gpuPeak.accumulateAndGet(own.getAsLong(), Math::max);
        } else {
          perProcess = false;
          gpu.deviceUsedBytes().ifPresent(used -> gpuPeak.accumulateAndGet(used, Math::max));
        }
      }
    }
  }
}
