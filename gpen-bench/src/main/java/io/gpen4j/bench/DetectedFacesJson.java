package io.gpen4j.bench;

import io.gpen4j.DetectedFace;
import io.gpen4j.DetectorStage;
import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.Point;
import io.gpen4j.RestoreOptions;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import javax.imageio.ImageIO;

/**
 * The faces gpen4j's default detector (YuNet) finds in a photo, as JSON on standard output (box
 * x0, y0, x1, y1, score, and the five landmarks in the order left eye, right eye, nose, left and
 * right mouth corner), so a script can run another pipeline on exactly these faces: the official
 * GPEN pipeline in {@code gpen-bench/pytorch/official_pipeline.py}, whose own detector cannot be
 * given its weights here.
 *
 * <pre>{@code
 * java -cp gpen-bench/target/gpen-bench.jar io.gpen4j.bench.DetectedFacesJson \
 *     ../shared/images/solvay_conference_1927.png > /tmp/solvay-faces.json
 * }</pre>
 */
public final class DetectedFacesJson {
  private DetectedFacesJson() {}

  /**
   * Prints the faces.
   *
   * @param args the photo
   * @throws IOException if the photo cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: DetectedFacesJson PHOTO");
    }
    BufferedImage photo = ImageIO.read(Path.of(args[0]).toFile());
    DetectorStage yunet = DetectorStage.of(DetectorType.YUNET,
        BenchData.shared("models/detectors/face_detection_yunet_2023mar.onnx"));
    try (FaceRestorer restorer = FaceRestorer.builder().detector(yunet).backend("onnx")
        .generator(BenchData.shared("models/bench/GPEN-BFR-256-randw.onnx")).build()) {
      List<DetectedFace> faces = restorer.detect(photo, RestoreOptions.DEFAULTS);
      StringJoiner all = new StringJoiner(",\n  ", "[\n  ", "\n]");
      for (DetectedFace f : faces) {
        StringJoiner points = new StringJoiner(", ", "[", "]");
        for (Point p : f.landmarks().points()) {
          points.add(String.format(Locale.ROOT, "[%.3f, %.3f]", p.x(), p.y()));
        }
        all.add(String.format(Locale.ROOT, "{\"box\": [%.3f, %.3f, %.3f, %.3f, %.4f], \"landmarks\": %s}",
            f.box().x(), f.box().y(), f.box().maxX(), f.box().maxY(), f.score(), points));
      }
      System.out.println(all);
    }
  }
}
