package io.gpen4j.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.AlignmentTemplate;
import io.gpen4j.BoundingBox;
import io.gpen4j.DetectedFace;
import io.gpen4j.Landmarks;
import io.gpen4j.RestoreOptions;
import io.gpen4j.RestoreResult;
import io.gpen4j.SimilarityTransform;
import io.gpen4j.Ticker;
import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import io.gpen4j.testing.JavaTestBackend;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class DetectionViewTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @CsvSource({"1500, 1000, 1.0", "1501, 900, 1.4658", "6000, 4000, 5.8579", "800, 3000, 2.9297"})
  void of_longSideOverThreshold_shrinksToTargetAndReportsScale(int w, int h, double scale) {
    RgbaImage frame = RgbaImage.blank(w, h, false);
    DetectionView view = DetectionView.of(frame, 1500, 1024);
    if (scale == 1.0) {
      assertSame(frame, view.image());
    } else {
      assertEquals(1024, Math.max(view.image().width(), view.image().height()));
    }
    assertEquals(scale, view.scale(), 1e-3);
  }

  @Test
  void restore_largeFrame_detectsOnViewAndCropsFromFullResolution() throws Exception {
    int w = 4000;
    int h = 3000;
    // A face at a known place in the full frame; the detector must see it at 1024/4000 of that.
    Landmarks full = AlignmentTemplate.GPEN.landmarks(1000)
        .transform(new SimilarityTransform(0.4, 0, 1800, 1200));
    List<int[]> seen = new ArrayList<>();
    io.gpen4j.FaceDetector detector = img -> {
      seen.add(new int[] {img.getWidth(), img.getHeight()});
      double s = (double) img.getWidth() / w;
      return List.of(new DetectedFace(new BoundingBox(1800 * s, 1200 * s, 400 * s, 400 * s),
          full.transform(SimilarityTransform.scaling(s)), 0.9));
    };
    JavaTestBackend backend = new JavaTestBackend();
    try (var session = backend.open(ModelSource.of(JavaTestBackend.writeModel(tmp, "identity 256")),
        SessionSettings.DEFAULTS)) {
      RestorePipeline pipeline = new RestorePipeline(RestorePipeline.callerDetector(detector, 1500, 1024),
          new FaceEnhancer(session, "identity"), AlignmentTemplate.GPEN, 1000, 100_000_000L, Ticker.system());
      BufferedImage big = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
      RestoreResult result = pipeline.run(ImageSource.of(big), null, RestoreOptions.DEFAULTS, ImageSink.NONE);
      assertEquals(1024, seen.get(0)[0]);
      assertEquals(768, seen.get(0)[1]);
      Landmarks mapped = result.faces().get(0).landmarks();
      for (int i = 0; i < Landmarks.COUNT; i++) {
        double err = mapped.points().get(i).distanceTo(full.points().get(i));
        assertTrue(err < 0.01, "landmark " + i + " mapped back " + err + " px off");
      }
      // The crop comes from the full frame: the template's eyes sit where the full-size face's eyes map.
      SimilarityTransform toCrop = result.faces().get(0).alignment();
      assertEquals(0.256 / 0.4, toCrop.scale(), 1e-6);
    }
  }
}
