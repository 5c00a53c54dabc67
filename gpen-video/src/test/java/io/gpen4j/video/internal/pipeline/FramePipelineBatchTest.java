package io.gpen4j.video.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gpen4j.AlignmentTemplate;
import io.gpen4j.BoundingBox;
import io.gpen4j.DetectedFace;
import io.gpen4j.FaceDetector;
import io.gpen4j.FaceRestorer;
import io.gpen4j.Landmarks;
import io.gpen4j.SimilarityTransform;
import io.gpen4j.testing.JavaTestBackend;
import io.gpen4j.video.RestoredFrame;
import io.gpen4j.video.VideoOptions;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faces of consecutive frames sharing generator calls: the frames come out in order and equal to
 * a frame-by-frame restore, with fewer generator calls.
 */
final class FramePipelineBatchTest {
  private static final int FRAMES = 6;
  private static final int WIDTH = 320;
  private static final int HEIGHT = 240;

  @TempDir Path tmp;

  /** One face at the frame's centre, as a tracker would carry it; the first call waits for the gate. */
  private static FaceDetector gatedDetector(CountDownLatch gate) {
    Landmarks unit = AlignmentTemplate.GPEN.landmarks(1000);
    double scale = 60.0 / unit.leftEye().distanceTo(unit.rightEye());
    Landmarks l = unit.transform(SimilarityTransform.of(scale, 0.1, WIDTH / 2.0 - 500 * scale, HEIGHT / 2.0 - 500 * scale));
    DetectedFace face = new DetectedFace(BoundingBox.ofCorners(100, 60, 220, 180), l, 0.9);
    return image -> {
      try {
        if (!gate.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the test never opened the gate");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return List.of(face);
    };
  }

  private static List<BufferedImage> frames() {
    Random rnd = new Random(5);
    List<BufferedImage> frames = new ArrayList<>();
    for (int i = 0; i < FRAMES; i++) {
      BufferedImage f = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < HEIGHT; y++) {
        for (int x = 0; x < WIDTH; x++) {
          f.setRGB(x, y, rnd.nextInt(1 << 24));
        }
      }
      frames.add(f);
    }
    return frames;
  }

  /** Restores the frames, all submitted while the first detection waits, so later frames queue up. */
  private List<RestoredFrame> run(int maxBatchSize, JavaTestBackend backend, List<BufferedImage> frames)
      throws InterruptedException {
    CountDownLatch gate = new CountDownLatch(1);
    try (FaceRestorer restorer = FaceRestorer.builder()
        .backend(backend)
        .generator(JavaTestBackend.writeModel(tmp, "shape -1,3,256,256"))
        .faceDetector(gatedDetector(gate))
        .maxBatchSize(maxBatchSize)
        .build();
        FramePipeline pipeline = new FramePipeline(restorer,
            VideoOptions.builder().maxFramesInFlight(FRAMES).build(), "batch-test")) {
      for (int i = 0; i < FRAMES; i++) {
        pipeline.submit(frames.get(i), i * 40_000L, Duration.ZERO);
      }
      pipeline.end();
      gate.countDown();
      List<RestoredFrame> out = new ArrayList<>();
      for (int i = 0; i < FRAMES; i++) {
        out.add(pipeline.take());
      }
      assertNull(pipeline.take());
      return out;
    }
  }

  @Test
  void frames_withOneFaceEach_shareGeneratorCallsAndEqualFrameByFrame() throws InterruptedException {
    List<BufferedImage> frames = frames();
    JavaTestBackend single = new JavaTestBackend();
    JavaTestBackend batched = new JavaTestBackend();

    List<RestoredFrame> one = run(1, single, frames);
    List<RestoredFrame> many = run(4, batched, frames);

    assertEquals(FRAMES, single.runs());
    // Frames 0-3 fill one batch of 4; frames 4 and 5, the last ones waiting, go together.
    assertEquals(2, batched.runs());
    for (int i = 0; i < FRAMES; i++) {
      assertEquals(i * 40_000L, many.get(i).timestampMicros());
      assertEquals(1, many.get(i).faces().size());
      assertEquals(one.get(i).faces().get(0).alignment(), many.get(i).faces().get(0).alignment());
      BufferedImage a = one.get(i).image();
      BufferedImage b = many.get(i).image();
      for (int y = 0; y < HEIGHT; y++) {
        for (int x = 0; x < WIDTH; x++) {
          assertEquals(a.getRGB(x, y), b.getRGB(x, y), "frame " + i + " pixel " + x + "," + y);
        }
      }
    }
  }
}
