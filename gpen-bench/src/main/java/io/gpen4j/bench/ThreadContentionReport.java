package io.gpen4j.bench;

import io.gpen4j.internal.image.FloatImage;
import io.gpen4j.internal.pipeline.FaceEnhancer;
import io.gpen4j.onnx.OnnxBackend;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Per-face generator time with 1 and 2 intra-op threads, idle threads asleep (the default) or
 * spinning, measured in one JVM in alternated rounds (each round runs every configuration, the
 * first one rotating), with the load average of each round: the numbers behind
 * {@link SessionSettings.Builder#threadSpinning(boolean)} and the CLI's thread defaults. Make the
 * load with busy loops beside it, and end them by their process ids afterwards:
 *
 * <pre>{@code
 * java -cp gpen-bench/target/gpen-bench.jar io.gpen4j.bench.ThreadContentionReport \
 *     ../shared/models/bench/GPEN-BFR-256-randw.onnx 6 3
 * for i in 1 2 3 4 5 6; do (while :; do :; done) & echo $! >> /tmp/busy.pids; done
 * java -cp gpen-bench/target/gpen-bench.jar io.gpen4j.bench.ThreadContentionReport \
 *     ../shared/models/bench/GPEN-BFR-256-randw.onnx 6 3
 * for p in $(cat /tmp/busy.pids); do kill $p; done
 * }</pre>
 */
public final class ThreadContentionReport {
  private ThreadContentionReport() {}

  /** One session configuration. */
  private record Config(String name, int threads, boolean spinning) {}

  /**
   * Runs the rounds and prints one line per configuration.
   *
   * @param args {@code MODEL [ROUNDS [FACES_PER_ROUND]]}
   */
  public static void main(String[] args) {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: ThreadContentionReport MODEL.onnx [ROUNDS [FACES_PER_ROUND]]");
    }
    Path model = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    int faces = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    List<Config> configs = List.of(new Config("1 thread", 1, false), new Config("2 threads, asleep", 2, false),
        new Config("2 threads, spinning", 2, true));
    List<ModelSession> sessions = new ArrayList<>();
    List<FaceEnhancer> enhancers = new ArrayList<>();
    OnnxBackend backend = new OnnxBackend();
    try {
      for (Config c : configs) {
        ModelSession s = backend.open(ModelSource.of(model), SessionSettings.builder()
            .intraOpThreads(c.threads()).threadSpinning(c.spinning()).build());
        sessions.add(s);
        enhancers.add(new FaceEnhancer(s, model.getFileName().toString()));
      }
      int size = enhancers.get(0).size();
      float[] pixels = new float[3 * size * size];
      Random rnd = new Random(29);
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = rnd.nextFloat() * 255;
      }
      FloatImage crop = FloatImage.wrap(size, size, 3, pixels);
      for (FaceEnhancer e : enhancers) {
        e.enhance(crop); // warm-up: first runs allocate the arena
      }
      double[][] perFace = new double[configs.size()][rounds];
      double[] loads = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        loads[r] = LoadAverage.oneMinute();
        for (int k = 0; k < configs.size(); k++) {
          int c = (r + k) % configs.size();
          long t0 = System.nanoTime();
          for (int f = 0; f < faces; f++) {
            enhancers.get(c).enhance(crop);
          }
          perFace[c][r] = (System.nanoTime() - t0) / 1e6 / faces;
        }
      }
      PrintStream out = System.out;
      double[] sortedLoads = loads.clone();
      Arrays.sort(sortedLoads);
      out.printf(Locale.ROOT, "%s, %d cores, %d rounds of %d faces, load average %.1f-%.1f (median %.1f)%n",
          model.getFileName(), Runtime.getRuntime().availableProcessors(), rounds, faces, sortedLoads[0],
          sortedLoads[rounds - 1], sortedLoads[rounds / 2]);
      double base = median(perFace[0]);
      for (int c = 0; c < configs.size(); c++) {
        out.printf(Locale.ROOT, "  %-20s median %7.1f ms per face  %.2fx the 1-thread time  rounds %s%n",
            configs.get(c).name(), median(perFace[c]), median(perFace[c]) / base, Arrays.toString(
                Arrays.stream(perFace[c]).mapToLong(Math::round).toArray()));
      }
    } finally {
      sessions.forEach(ModelSession::close);
    }
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
