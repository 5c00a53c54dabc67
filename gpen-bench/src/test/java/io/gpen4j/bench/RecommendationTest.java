package io.gpen4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.bench.PlannedRun.Kind;
import io.gpen4j.spi.Device;
import io.gpen4j.spi.Precision;
import java.util.List;
import org.junit.jupiter.api.Test;

final class RecommendationTest {
  private static Measurement restore(String backend, Device device, Precision p, int size, double ms, double memMb) {
    PlannedRun run = new PlannedRun("r", Kind.RESTORE, new BenchConfig(backend, device, p, size), 512, 1, false);
    Double gpu = device.isGpu() ? memMb : null;
    double rss = device.isGpu() ? 9000.0 : memMb;
    return new Measurement(run, Measurement.Status.MEASURED, null, ms, ms, ms, null, rss, rss, gpu, null);
  }

  /** Three quiet rounds at exactly {@code ms}: no spread. */
  private static List<RoundSeries> rounds(Measurement... measurements) {
    List<RoundSeries> out = new java.util.ArrayList<>();
    for (Measurement m : measurements) {
      List<ForkResult> forks = new java.util.ArrayList<>();
      for (int r = 1; r <= (m.measured() ? 3 : 1); r++) {
        forks.add(ForkResult.of(r, m, 1.0, 1.0, 2));
      }
      out.add(new RoundSeries(m.run(), forks));
    }
    return out;
  }

  private static List<String> lines(List<Measurement> m, long budget) {
    return Recommendation.lines(rounds(m.toArray(new Measurement[0])), budget, 2);
  }

  private static Measurement generator(String backend, Precision p, int size, double ms, double rssMb) {
    PlannedRun run = new PlannedRun("g", Kind.GENERATOR, new BenchConfig(backend, Device.cpu(), p, size), 0, 1, false);
    return new Measurement(run, Measurement.Status.MEASURED, null, ms, ms, ms, null, rssMb, rssMb, null, null);
  }

  private static final long GB = 1L << 30;

  @Test
  void lines_fastestOverBudget_picksTheFastestThatFits() {
    List<Measurement> m = List.of(
        restore("onnx", Device.cpu(), Precision.FP32, 256, 200, 700),
        restore("djl-pytorch", Device.cpu(), Precision.FP32, 256, 150, 5000),
        restore("onnx", Device.cpu(), Precision.FP16, 256, 400, 500));
    List<String> lines = lines(m, 4 * GB);
    assertTrue(lines.get(1).contains("fastest within budget: onnx cpu FP32, 200 ms (200-200 over 3 rounds), 700 MB peak RSS; the runner-up, onnx cpu FP16, 400 ms"), lines.toString());
    assertTrue(lines.get(2).contains("least memory: onnx cpu FP16, 400 ms (400-400 over 3 rounds), 500 MB"), lines.toString());
  }

  @Test
  void lines_gpuConfiguration_weighsGpuMemoryNotRss() {
    List<Measurement> m = List.of(
        restore("onnx", Device.cpu(), Precision.FP32, 256, 200, 700),
        restore("onnx", Device.cuda(0), Precision.FP16, 256, 20, 1200));
    List<String> lines = lines(m, 2 * GB);
    assertTrue(lines.get(1).contains("fastest within budget: onnx cuda:0 FP16, 20 ms (20-20 over 3 rounds), 1200 MB GPU"), lines.toString());
  }

  @Test
  void lines_nothingFits_saysWhatTheSmallestNeeds() {
    List<Measurement> m = List.of(restore("onnx", Device.cpu(), Precision.FP32, 512, 2000, 2400));
    List<String> lines = lines(m, 1 * GB);
    assertTrue(lines.get(1).contains("no configuration fits in 1024 MB (the smallest needs 2400 MB)"), lines.toString());
  }

  @Test
  void lines_sizesAreRecommendedSeparately_andGeneratorStandsInWithoutRestore() {
    List<Measurement> m = List.of(
        restore("onnx", Device.cpu(), Precision.FP32, 256, 200, 700),
        generator("onnx", Precision.FP32, 256, 150, 400),
        generator("onnx", Precision.FP32, 512, 1500, 1800));
    List<String> lines = lines(m, 4 * GB);
    assertEquals(5, lines.size(), lines.toString());
    assertTrue(lines.get(1).startsWith("  GPEN-256 (restore() of the 512 px portrait)"), lines.toString());
    assertTrue(lines.get(3).startsWith("  GPEN-512 (generator per face)"), lines.toString());
  }

  @Test
  void lines_nothingMeasured_saysSo() {
    PlannedRun run = new PlannedRun("x", Kind.GENERATOR,
        new BenchConfig("onnx", Device.cuda(0), Precision.FP32, 256), 0, 1, false);
    List<String> lines = lines(List.of(Measurement.skipped(run, "no GPU")), GB);
    assertTrue(lines.get(1).contains("nothing was measured"), lines.toString());
  }

  @Test
  void kernelForms_officialExport_saysBothOnnxRuntimeBackendsRewriteIt() {
    java.util.Map<String, String> forms = new java.util.LinkedHashMap<>();
    forms.put("GPEN-BFR-256.onnx", "official-style export, rewritten at load");
    forms.put("GPEN-BFR-512-randw.onnx", "constant-kernel form");
    List<String> lines = Recommendation.kernelForms(forms);
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("  GPEN-BFR-256.onnx: official-style export, rewritten at load"), lines.get(0));
    assertTrue(lines.get(0).contains("in the onnx and djl-onnxruntime backends"), lines.get(0));
    assertEquals("  GPEN-BFR-512-randw.onnx: constant-kernel form", lines.get(1));
  }
}
