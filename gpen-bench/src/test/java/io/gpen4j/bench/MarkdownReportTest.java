package io.gpen4j.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.bench.PlannedRun.Kind;
import io.gpen4j.spi.Device;
import io.gpen4j.spi.Precision;
import java.util.List;
import org.junit.jupiter.api.Test;

final class MarkdownReportTest {
  private static Measurement generator(Precision p, double ms, double rss) {
    PlannedRun run = new PlannedRun("g", Kind.GENERATOR, new BenchConfig("onnx", Device.cpu(), p, 256), 0, 1, false);
    return new Measurement(run, Measurement.Status.MEASURED, null, ms, ms - 1, ms + 5, null, rss, rss, null, null);
  }

  @Test
  void render_measuredAndSkipped_writesRowsRatiosAndGroupedReasons() {
    PlannedRun cudaLoad = new PlannedRun("a", Kind.LOAD_COLD,
        new BenchConfig("onnx", Device.cuda(0), Precision.FP32, 256), 0, 1, false);
    PlannedRun cudaGen = new PlannedRun("b", Kind.GENERATOR,
        new BenchConfig("onnx", Device.cuda(0), Precision.FP16, 256), 0, 1, false);
    List<Measurement> all = List.of(
        generator(Precision.FP32, 200, 400),
        generator(Precision.FP16, 400, 300),
        Measurement.skipped(cudaLoad, "no GPU (x)"),
        Measurement.skipped(cudaGen, "no GPU (x)"));
    List<RoundSeries> series = all.stream().map(m -> new RoundSeries(m.run(), List.of(ForkResult.of(1, m, 1.5, 2.5, 2)))).toList();
    String md = MarkdownReport.render("t", List.of("machine"), series, List.of("pick onnx"));
    assertTrue(md.contains("| onnx | cpu | FP32 | 256 | 200.0 | 199.0 | 205.0 | 400 | - |"), md);
    assertTrue(md.contains("| onnx | cpu | 256 | 200.0 | 400.0 | 0.50x | -25% |"), md);
    assertTrue(md.contains("| onnx cuda:0 FP32, onnx cuda:0 FP16 | load cold 256, generator 256 | skipped: no GPU (x) |"), md);
    assertTrue(md.contains("pick onnx"), md);
    assertTrue(md.contains("| generator onnx cpu FP32 256 (busy) | 1 | 200.0 ms | 0.0 | 200.0 @ 1.5->2.5* |"), md);
    assertTrue(md.contains("### Model load") && md.contains("(nothing measured)"), md);
  }
}
