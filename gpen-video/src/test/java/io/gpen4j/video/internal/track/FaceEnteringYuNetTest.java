package io.gpen4j.video.internal.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.DetectedFace;
import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.RestoreOptions;
import io.gpen4j.testing.SharedData;
import io.gpen4j.video.TrackingOptions;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A face that walks in at the frame's left edge, on the real YuNet detector: astronaut.png (its
 * face about 65 px) slides in from outside the frame at 4 px a frame, 30 fps, with sensor noise.
 * While it is cut by the edge the detector's box and landmarks jump as more of the face shows.
 */
final class FaceEnteringYuNetTest {
  private static final Logger LOG = LoggerFactory.getLogger(FaceEnteringYuNetTest.class);
  private static final int FRAMES = 45;
  private static final int START_X = -230;
  private static final int PX_PER_FRAME = 4;

  private static List<List<DetectedFace>> detections;

  @BeforeAll
  static void detectClip() throws IOException {
    BufferedImage astronaut = ImageIO.read(SharedData.image("astronaut.png").toFile());
    Path identity = Paths.get(System.getProperty("gpen4j.repo", ".."), "models", "test", "identity-256.onnx");
    try (FaceRestorer restorer = FaceRestorer.builder()
        .generator(identity)
        .detector(DetectorType.YUNET, SharedData.yunet())
        .build()) {
      SyntheticClip clip = new SyntheticClip(astronaut, 2.5, 4000);
      detections = new ArrayList<>();
      for (int i = 0; i < FRAMES; i++) {
        detections.add(restorer.detect(clip.frame(i, START_X + PX_PER_FRAME * i), RestoreOptions.DEFAULTS));
      }
    }
  }

  @Test
  void faceEnteringAtTheEdge_getsOneTrack() {
    FaceTracker tracker = new FaceTracker(TrackingOptions.DEFAULTS);
    Set<Integer> ids = new TreeSet<>();
    StringBuilder log = new StringBuilder();
    int firstSeen = -1;
    for (int i = 0; i < FRAMES; i++) {
      List<TrackedFace> faces = tracker.update(detections.get(i), Math.round(i * 1e6 / 30));
      if (!detections.get(i).isEmpty() && firstSeen < 0) {
        firstSeen = i;
      }
      log.append(i).append(": ").append(detections.get(i).size()).append(" detected, tracks ");
      faces.forEach(f -> log.append(f.id()).append(f.detection() == null ? "(held) " : " "));
      log.append('\n');
      assertTrue(faces.size() <= 1, "one face, never two tracks; frame " + i + "\n" + log);
      faces.forEach(f -> ids.add(f.id()));
    }
    LOG.info("face first detected in frame {}; ids {}", firstSeen, ids);
    assertTrue(firstSeen >= 0 && firstSeen < FRAMES - 10, "the detector finds the face as it enters\n" + log);
    assertEquals(Set.of(1), ids, "one id for the one face\n" + log);
  }
}
