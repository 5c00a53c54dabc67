package io.gpen4j.bench;

import io.gpen4j.DetectedFace;
import io.gpen4j.DetectorType;
import io.gpen4j.FaceDetector;
import io.gpen4j.internal.detect.FaceDetectors;
import io.gpen4j.onnx.OnnxBackend;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Face detection on a 1024x768 photo (the Solvay group photo resized), per detector, on ONNX
 * Runtime CPU: letterbox, model run and decoding together.
 *
 * <pre>
 * java -jar gpen-bench/target/gpen-bench.jar DetectorBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class DetectorBenchmark {
  /** Which detector. */
  @Param({"YUNET", "SCRFD", "RETINAFACE"})
  public DetectorType type;

  private ModelSession session;
  private FaceDetector detector;
  private BufferedImage photo;

  /** Loads the detector and prepares the 1024x768 photo. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    String file = switch (type) {
      case YUNET -> "face_detection_yunet_2023mar.onnx";
      case SCRFD -> "scrfd_2.5g_bnkps.onnx";
      case RETINAFACE -> "retinaface_mobilenet0.25.onnx";
    };
    session = new OnnxBackend().open(ModelSource.of(BenchData.shared("models/detectors/" + file)),
        SessionSettings.builder().intraOpThreads(2).build());
    detector = FaceDetectors.create(type, session, 0.5);
    BufferedImage src = ImageIO.read(BenchData.shared("images/solvay_conference_1927.png").toFile());
    photo = new BufferedImage(1024, 768, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = photo.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(src, 0, 0, 1024, 768, null);
    g.dispose();
  }

  /** Releases the session. */
  @TearDown(Level.Trial)
  public void tearDown() {
    session.close();
  }

  /** @return the faces found */
  @Benchmark
  public List<DetectedFace> detect() {
    return detector.detect(photo);
  }
}
