package io.gpen4j.bench;

import io.gpen4j.bench.PlannedRun.Kind;
import io.gpen4j.spi.Device;
import io.gpen4j.spi.Precision;
import java.util.ArrayList;
import java.util.List;

/**
 * Which runs the report makes, in order: everything for the 256 px model first (cheap, and what
 * quick mode must finish), then larger models.
 *
 * <p>Quick mode: model 256, then 512 as optional runs; every backend, device and precision for
 * model load (cold, and cached for {@code onnx}) and generator latency; {@code restore()} in FP32
 * on the 512 and 1024 px photos; throughput with 1 and 2 callers for the first backend listed
 * (FP32). Full mode: models 256, 512 and 1024, both precisions everywhere, photos up to 3000 px,
 * throughput with 1, 2, 4 ... up to the processor count (at least 2) callers.
 */
final class ReportPlan {
  private ReportPlan() {}

  /**
   * Lists the runs.
   *
   * @param options the command line
   * @return the runs, in the order they should run
   */
  static List<PlannedRun> build(ReportOptions options) {
    List<PlannedRun> runs = new ArrayList<>();
    int[] sizes = options.quick() ? new int[] {256, 512} : new int[] {256, 512, 1024};
    int[] photos = options.quick() ? new int[] {512, 1024} : new int[] {512, 1024, 3000};
    List<Integer> callers = new ArrayList<>();
    int maxCallers = options.quick() ? 2 : Math.max(2, Runtime.getRuntime().availableProcessors());
    for (int c = 1; c <= maxCallers; c *= 2) {
      callers.add(c);
    }
    for (int size : sizes) {
      boolean optional = options.quick() && size > 256;
      for (String backend : options.backends()) {
        for (String deviceText : options.devices()) {
          Device device = Device.parse(deviceText);
          for (Precision precision : Precision.values()) {
            BenchConfig c = new BenchConfig(backend, device, precision, size);
            if (optional && precision == Precision.FP16) {
              continue;
            }
            add(runs, Kind.LOAD_COLD, c, 0, 1, optional);
            if (!optional) {
              add(runs, Kind.LOAD_CACHED, c, 0, 1, optional);
            }
            add(runs, Kind.GENERATOR, c, 0, 1, optional);
            boolean endToEnd = !options.quick() || (precision == Precision.FP32 && !optional);
            if (endToEnd) {
              for (int photo : photos) {
                add(runs, Kind.RESTORE, c, photo, 1, optional);
              }
            }
            boolean throughput = precision == Precision.FP32
                && (!options.quick() || (!optional && backend.equals(options.backends().get(0))));
            if (throughput) {
              for (int n : callers) {
                add(runs, Kind.THROUGHPUT, c, 512, n, optional);
              }
            }
          }
        }
      }
      if (optional) {
        // Quick mode's 512 px end-to-end run: the reference deployment's "512x512 portrait".
        for (String backend : options.backends()) {
          for (String deviceText : options.devices()) {
            BenchConfig c = new BenchConfig(backend, Device.parse(deviceText), Precision.FP32, size);
            add(runs, Kind.RESTORE, c, 512, 1, true);
          }
        }
      }
    }
    return runs;
  }

  private static void add(List<PlannedRun> runs, Kind kind, BenchConfig c, int photo, int callers, boolean optional) {
    String id = String.format("%03d-%s-%s-%s-%s-%d%s%s", runs.size() + 1, kind.name().toLowerCase(),
        c.backend(), c.device().toString().replace(':', '_'), c.precision(), c.modelSize(),
        photo > 0 ? "-photo" + photo : "", kind == Kind.THROUGHPUT ? "-x" + callers : "");
    runs.add(new PlannedRun(id, kind, c, photo, callers, optional));
  }
}
