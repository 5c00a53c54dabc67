package io.gpen4j.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.gpen4j.DetectorStage;
import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.GeneratorStage;
import io.gpen4j.onnx.OnnxBackend;
import io.gpen4j.spi.SessionSettings;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * The child process of {@link MemoryFootprintReport}: opens one generator, runs it, and prints one
 * line {@code RESULT peakRssMb=.. meanMs=..} with the process's peak resident memory
 * ({@code VmHWM}, model load included) and the mean time of the runs after the first. A fresh
 * JVM per configuration, because the peak cannot be reset.
 *
 * <p>Configurations: {@code restore-default} and {@code restore-lowmemory} restore the one-face
 * portrait (astronaut.png) through {@link FaceRestorer} with the {@code onnx} backend and default
 * or {@link SessionSettings#lowMemory()} settings; {@code ort-pattern-on} and
 * {@code ort-pattern-off} run the generator alone through ONNX Runtime's Java API on a random
 * crop with the memory pattern on (ONNX Runtime's default, what the backend used before) or off
 * (what it uses now), the other options as the backend sets them.
 */
final class MemoryFootprintProbe {
  private MemoryFootprintProbe() {}

  /**
   * Runs one configuration.
   *
   * @param args the generator file, the configuration and the number of timed runs
   * @throws Exception if anything fails; the parent reports it
   */
  public static void main(String[] args) throws Exception {
    Path model = Paths.get(args[0]);
    String config = args[1];
    int runs = Integer.parseInt(args[2]);
    double meanMs = config.startsWith("ort-") ? runOrt(model, config.equals("ort-pattern-on"), runs)
        : runRestore(model, config.equals("restore-lowmemory"), runs);
    long peak = HostMemory.peakResidentBytes().orElse(-1) >> 20;
    System.out.printf(Locale.ROOT, "RESULT peakRssMb=%d meanMs=%.0f%n", peak, meanMs);
    System.exit(0);
  }

  private static double runRestore(Path model, boolean lowMemory, int runs) throws IOException {
    BufferedImage photo = ImageIO.read(BenchData.shared("images/astronaut.png").toFile());
    SessionSettings settings = SessionSettings.builder().lowMemory(lowMemory).build();
    try (FaceRestorer restorer = FaceRestorer.builder()
        .backend(new OnnxBackend())
        .sessionSettings(settings)
        .generator(GeneratorStage.of(model))
        .detector(DetectorStage.of(DetectorType.YUNET,
            BenchData.shared("models/detectors/face_detection_yunet_2023mar.onnx")))
        .build()) {
      restorer.restore(photo);
      long total = 0;
      for (int i = 0; i < runs; i++) {
        long t0 = System.nanoTime();
        if (restorer.restore(photo).faces().size() != 1) {
          throw new IllegalStateException("expected one face in astronaut.png");
        }
        total += System.nanoTime() - t0;
      }
      return total / 1e6 / runs;
    }
  }

  private static double runOrt(Path model, boolean pattern, int runs) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(SessionSettings.DEFAULTS.resolvedIntraOpThreads());
      options.setMemoryPatternOptimization(pattern);
      try (OrtSession session = env.createSession(model.toString(), options)) {
        String input = session.getInputNames().iterator().next();
        long[] shape = ((ai.onnxruntime.TensorInfo) session.getInputInfo().get(input).getInfo()).getShape();
        float[] data = new float[Math.toIntExact(3 * shape[2] * shape[3])];
        Random rnd = new Random(1);
        for (int i = 0; i < data.length; i++) {
          data[i] = 2 * rnd.nextFloat() - 1;
        }
        long total = 0;
        for (int i = 0; i <= runs; i++) {
          try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape)) {
            long t0 = System.nanoTime();
            try (OrtSession.Result r = session.run(Map.of(input, t))) {
              r.get(0).getValue();
            }
            if (i > 0) {
              total += System.nanoTime() - t0;
            }
          }
        }
        return total / 1e6 / runs;
      }
    }
  }
}
