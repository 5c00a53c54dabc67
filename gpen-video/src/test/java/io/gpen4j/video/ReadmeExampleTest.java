package io.gpen4j.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.DetectorStage;
import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.GeneratorStage;
import io.gpen4j.RestoreOptions;
import io.gpen4j.testing.SharedData;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples of gpen-video/README.md, line for line, with the model and video paths pointed at
 * the test data (the identity generator, for speed). Keep the two in step.
 */
final class ReadmeExampleTest {
  @TempDir Path tmp;

  @Test
  void readmeFileExample_runs() {
    Path generator = TestRestorers.identityModel();
    Path yunet = SharedData.yunet();
    Path input = tmp.resolve("interview.mp4");
    TestClips.write(input, TestClips.Recipe.of("astronaut.png", 50).withAudio());
    Path output = tmp.resolve("interview-restored.mp4");

    VideoResult result;
    // --- README "Restore a video file" ---
    try (FaceRestorer faces = FaceRestorer.builder()
        .generator(GeneratorStage.of(generator))
        .detector(DetectorStage.of(DetectorType.YUNET, yunet))
        .build()) {
      VideoRestorer video = VideoRestorer.builder(faces).build();
      VideoOptions options = VideoOptions.builder()
          .restoreOptions(RestoreOptions.builder().onlyLargestFace().fidelity(0.9).build())
          .tracking(TrackingOptions.builder().detectEvery(2).build())   // detector on every 2nd frame
          .start(Duration.ofSeconds(1))                                  // restore 1 s from 0:01
          .duration(Duration.ofSeconds(1))
          .quality(0.9)
          .progressListener(p -> System.out.printf("%d/%s frames, %.1f fps, %s left%n", p.framesDone(),
              p.framesTotal().isPresent() ? p.framesTotal().getAsLong() : "?", p.framesPerSecond(),
              p.timeLeft().map(Duration::toSeconds).orElse(0L) + " s"))
          .build();
      result = video.restore(input, output, options);
      System.out.printf("%d frames, %d faces, %.1f fps%n", result.framesWritten(), result.facesRestored(),
          result.framesPerSecond());
    }
    // --- end of the README example ---
    assertEquals(25, result.framesWritten());
    assertEquals(25, result.facesRestored());
    assertTrue(Files.exists(output));
  }

  @Test
  void readmeStreamExample_runs() {
    Path generator = TestRestorers.identityModel();
    Path yunet = SharedData.yunet();
    TestClips.Recipe recipe = TestClips.Recipe.of("astronaut.png", 10);
    List<BufferedImage> camera = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      camera.add(TestClips.sourceFrame(recipe, i));
    }
    List<BufferedImage> shown = new ArrayList<>();

    // --- README "Live frames" ---
    try (FaceRestorer faces = FaceRestorer.builder().generator(GeneratorStage.of(generator)).detector(DetectorStage.of(DetectorType.YUNET, yunet)).build();
        FrameStream stream = VideoRestorer.builder(faces).build()
            .openStream(VideoOptions.builder().maxFramesInFlight(4).build())) {
      long t = 0;
      for (BufferedImage frame : camera) {           // frames from a camera, a decoder, a screen grab
        stream.submit(frame, t);                     // waits while 4 frames are in flight
        t += 40_000;                                 // timestamps in microseconds
        if (stream.pending() == 4) {
          shown.add(stream.next().image());          // restored frames come back in order
        }
      }
      while (stream.pending() > 0) {
        shown.add(stream.next().image());
      }
    }
    // --- end of the README example ---
    assertEquals(10, shown.size());
  }

  @Test
  void readmeLiveExample_runs() throws Exception {
    Path generator = TestRestorers.identityModel();
    Path yunet = SharedData.yunet();
    TestClips.Recipe recipe = TestClips.Recipe.of("astronaut.png", 10);
    List<BufferedImage> camera = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      camera.add(TestClips.sourceFrame(recipe, i));
    }
    List<BufferedImage> shown = new java.util.concurrent.CopyOnWriteArrayList<>();
    LiveStats s;

    // --- README "Live streams: the newest frame wins" ---
    try (FaceRestorer faces = FaceRestorer.builder().generator(GeneratorStage.of(generator)).detector(DetectorStage.of(DetectorType.YUNET, yunet)).build();
        LiveStream live = VideoRestorer.builder(faces).build().openLiveStream(VideoOptions.DEFAULTS,
            LiveOptions.builder()
                .targetFramesPerSecond(15)                  // adapt detect-every and faces to 15 fps
                .listener(f -> shown.add(f.frame().image()))   // each restored frame, as soon as it is done
                .build())) {
      for (BufferedImage frame : camera) {
        live.offer(frame, System.nanoTime());         // never waits; a frame still waiting is dropped
        Thread.sleep(40);                             // the camera's pace
      }
      s = live.stats();
      System.out.printf("%.1f fps, latency p50 %d ms, p95 %d ms, %d of %d dropped, detect every %d%n",
          s.framesPerSecond(), s.latencyP50().toMillis(), s.latencyP95().toMillis(), s.dropped(), s.offered(),
          s.quality().detectEvery());
    }
    // --- end of the README example ---
    assertEquals(10, s.offered());
    assertTrue(shown.size() >= 1 && shown.size() <= 10);
  }
}
