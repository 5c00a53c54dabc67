package io.gpen4j.onnx;

import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.Precision;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.spi.Tensor;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

/**
 * A quick measurement (not a test, not JMH) of a model's load time with and without the cache
 * folder and its median run time. Run each case in a fresh JVM so "start" means a process start:
 *
 * <pre>
 * java -cp ... io.gpen4j.onnx.LoadTimeMeasurement MODEL.onnx fp32|fp16 CACHE_DIR|- [threads]
 * </pre>
 *
 * The numbers in gpen-onnx/README.md came from this class.
 */
final class LoadTimeMeasurement {
  private LoadTimeMeasurement() {}

  public static void main(String[] args) {
    Path model = Paths.get(args[0]);
    SessionSettings.Builder b = SessionSettings.builder()
        .precision(args[1].equals("fp16") ? Precision.FP16 : Precision.FP32)
        .intraOpThreads(args.length > 3 ? Integer.parseInt(args[3]) : 2);
    if (!args[2].equals("-")) {
      b.cacheDirectory(Paths.get(args[2]));
    }
    OnnxBackend backend = new OnnxBackend();
    // Load the native library first so the model load is timed alone.
    backend.open(ModelSource.of(TestModels.path(TestModels.IDENTITY_256)), SessionSettings.DEFAULTS).close();
    long t0 = System.nanoTime();
    try (ModelSession s = backend.open(ModelSource.of(model), b.build())) {
      double loadMs = (System.nanoTime() - t0) / 1e6;
      long[] shape = s.inputs().get(0).shape();
      float[] v = new float[(int) Arrays.stream(shape).reduce(1, (x, y) -> x * y)];
      Random r = new Random(1);
      for (int i = 0; i < v.length; i++) {
        v[i] = r.nextFloat() * 2 - 1;
      }
      Tensor x = Tensor.wrap(v, shape);
      String name = s.inputs().get(0).name();
      double[] runs = new double[9];
      for (int i = 0; i < runs.length; i++) {
        long t = System.nanoTime();
        s.run(Map.of(name, x));
        runs[i] = (System.nanoTime() - t) / 1e6;
      }
      double[] timed = Arrays.copyOfRange(runs, 2, runs.length);
      Arrays.sort(timed);
      System.out.printf("%s %s cache=%s load=%.0f ms median run=%.0f ms (runs %s)%n", model.getFileName(),
          args[1], args[2], loadMs, timed[timed.length / 2], Arrays.toString(timed));
    }
  }
}
