package io.gpen4j.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.GeneratorStage;
import io.gpen4j.Point;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.testing.SharedData;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The live stream's contract: results, counters, capture times, closing, failures, adaptive quality. */
final class LiveStreamTest {
  @RegisterExtension static final IdentityVideo IDENTITY = new IdentityVideo();
  private static final TestClips.Recipe RECIPE = TestClips.Recipe.of("astronaut.png", 40);

  @Test
  void poll_afterOneOffer_returnsItRestored_withItsLatencyAndSequence() {
    try (LiveStream live = IDENTITY.video().openLiveStream(VideoOptions.DEFAULTS)) {
      long capture = System.nanoTime();
      live.offer(TestClips.sourceFrame(RECIPE, 0), capture);
      LiveFrame f = live.poll(Duration.ofSeconds(30)).orElseThrow();
      assertEquals(1, f.sequence());
      assertEquals(capture, f.captureNanos());
      assertEquals(Math.floorDiv(capture, 1000), f.frame().timestampMicros());
      assertTrue(f.latency().toNanos() > 0 && f.latency().toNanos() <= System.nanoTime() - capture);
      assertEquals(1, f.frame().faces().size());
      assertEquals(List.of(1), f.frame().trackIds());
      assertTrue(live.poll(Duration.ZERO).isEmpty(), "a frame is returned once");
      LiveStats s = live.stats();
      assertEquals(1, s.offered());
      assertEquals(1, s.restored());
      assertEquals(0, s.dropped());
      assertEquals(f.latency(), s.latencyP50());
      assertEquals(f.latency(), s.latencyP95());
      assertEquals(1, s.windowFrames());
      assertEquals(1, s.quality().detectEvery());
    }
  }

  @Test
  void offer_whileAFrameWaits_replacesIt_andCountsItDropped() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<LiveFrame> seen = new CopyOnWriteArrayList<>();
    LiveOptions options = LiveOptions.builder().listener(f -> {
      seen.add(f);
      // Holds the stream's thread on the first frame, so the offers after it wait.
      awaitQuietly(release);
    }).build();
    try (LiveStream live = IDENTITY.video().openLiveStream(VideoOptions.DEFAULTS, options)) {
      long t = System.nanoTime();
      live.offer(TestClips.sourceFrame(RECIPE, 0), t);
      live.poll(Duration.ofSeconds(30)).orElseThrow();
      for (int i = 1; i <= 5; i++) {
        live.offer(TestClips.sourceFrame(RECIPE, i), t + i);
      }
      assertEquals(4, live.stats().dropped(), "frames 2 to 5 replaced one another; frame 6 waits");
      release.countDown();
      LiveFrame last = live.poll(Duration.ofSeconds(30)).orElseThrow();
      assertEquals(6, last.sequence());
      // A frame can be polled before the listener, on the stream's thread, has been called with it.
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (seen.size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(1);
      }
      assertEquals(List.of(1L, 6L), seen.stream().map(LiveFrame::sequence).toList());
      assertEquals(new LiveStats(6, 2, 4, live.stats().framesPerSecond(), live.stats().inputFramesPerSecond(),
          live.stats().latencyP50(), live.stats().latencyP95(), 2, live.stats().quality()), live.stats());
    }
  }

  @Test
  void frameWithoutFaces_isReturnedAsTheOfferedImage() {
    BufferedImage blank = new BufferedImage(320, 240, BufferedImage.TYPE_3BYTE_BGR);
    try (LiveStream live = IDENTITY.video().openLiveStream(VideoOptions.DEFAULTS)) {
      live.offer(blank, System.nanoTime());
      LiveFrame f = live.poll(Duration.ofSeconds(30)).orElseThrow();
      assertSame(blank, f.frame().image());
      assertTrue(f.frame().faces().isEmpty());
    }
  }

  @Test
  void offer_captureTimeGoingBack_isRefused() {
    try (LiveStream live = IDENTITY.video().openLiveStream(VideoOptions.DEFAULTS)) {
      BufferedImage frame = TestClips.sourceFrame(RECIPE, 0);
      live.offer(frame, 1_000);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> live.offer(frame, 999));
      assertTrue(e.getMessage().contains("captureNanos"), e.getMessage());
      live.offer(frame, 1_000);
    }
  }

  @Test
  void closed_refusesOffersAndPolls_keepsItsStats_andClosesTwice() {
    LiveStream live = IDENTITY.video().openLiveStream(VideoOptions.DEFAULTS);
    live.close();
    live.close();
    BufferedImage frame = TestClips.sourceFrame(RECIPE, 0);
    assertThrows(IllegalStateException.class, () -> live.offer(frame, 0));
    assertThrows(IllegalStateException.class, () -> live.poll(Duration.ZERO));
    assertEquals(0, live.stats().offered());
  }

  @Test
  void restorerFailing_stopsTheStream_andTellsTheListenerAndCallers() throws Exception {
    FaceRestorer faces = TestRestorers.identity();
    CountDownLatch failed = new CountDownLatch(1);
    List<VideoException> told = new CopyOnWriteArrayList<>();
    LiveFrameListener listener = new LiveFrameListener() {
      @Override
      public void onFrame(LiveFrame frame) {}

      @Override
      public void onFailure(VideoException failure) {
        told.add(failure);
        failed.countDown();
      }
    };
    try (LiveStream live = VideoRestorer.builder(faces).build().openLiveStream(VideoOptions.DEFAULTS,
        LiveOptions.builder().listener(listener).build())) {
      faces.close();
      BufferedImage frame = TestClips.sourceFrame(RECIPE, 0);
      live.offer(frame, 0);
      assertTrue(failed.await(30, TimeUnit.SECONDS));
      VideoException polled = assertThrows(VideoException.class, () -> live.poll(Duration.ofSeconds(1)));
      assertSame(told.get(0), polled.getCause());
      VideoException offered = assertThrows(VideoException.class, () -> live.offer(frame, 1));
      assertInstanceOf(IllegalStateException.class, rootCause(offered), "the restorer was closed");
    } finally {
      faces.close();
    }
  }

  @Test
  void listenerThrowing_stopsTheStream_withItsExceptionAsTheCause() throws Exception {
    IllegalStateException thrown = new IllegalStateException("socket closed");
    try (LiveStream live = IDENTITY.video().openLiveStream(VideoOptions.DEFAULTS,
        LiveOptions.builder().listener(f -> {
          throw thrown;
        }).build())) {
      live.offer(TestClips.sourceFrame(RECIPE, 0), 0);
      assertTrue(live.poll(Duration.ofSeconds(30)).isPresent(), "the frame is restored before the listener fails");
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      VideoException stopped = null;
      while (stopped == null && System.nanoTime() < deadline) {
        try {
          live.poll(Duration.ofMillis(100));
        } catch (VideoException e) {
          stopped = e;
        }
      }
      assertSame(thrown, stopped.getCause().getCause());
      assertTrue(stopped.getMessage().contains("listener failed"), stopped.getMessage());
    }
  }

  @Test
  void adaptive_slowDetector_detectsLessOften_andKeepsTheTrack() throws Exception {
    // YuNet made to cost 150 ms a run; the identity generator is fast. At 8 fps (125 ms a frame)
    // detecting every frame cannot fit, so the stream must detect less often.
    try (FaceRestorer faces = FaceRestorer.builder()
        .backend(new SlowedBackend(SharedData.yunet(), Duration.ofMillis(150)))
        .generator(TestRestorers.identityModel())
        .detector(DetectorType.YUNET, SharedData.yunet())
        .build()) {
      List<LiveFrame> restored = new CopyOnWriteArrayList<>();
      LiveOptions options = LiveOptions.builder().targetFramesPerSecond(8).listener(restored::add).build();
      // A still face: whatever the tracker does with long gaps between restored frames of a moving
      // face, here any change of track or box can only come from the changes of quality.
      BufferedImage still = TestClips.sourceFrame(RECIPE, 0);
      List<BufferedImage> frames = List.of(still);
      VideoRestorer video = VideoRestorer.builder(faces).build();
      try (FrameStream warmUp = video.openStream(VideoOptions.DEFAULTS)) {
        warmUp.restore(frames.get(0), 0);
      }
      LiveStats stats;
      try (LiveStream live = video.openLiveStream(VideoOptions.DEFAULTS, options)) {
        // A 25 fps camera until enough frames are restored to measure, choose and settle.
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(30).toNanos();
        for (int i = 0; live.stats().restored() < 16 && System.nanoTime() < deadline; i++) {
          long capture = start + i * 40_000_000L;
          while (System.nanoTime() < capture) {
            Thread.sleep(1);
          }
          live.offer(frames.get(i % frames.size()), capture);
        }
        stats = live.stats();
      }
      LiveQuality q = stats.quality();
      assertTrue(q.adaptive());
      assertTrue(q.detectEvery() >= 2, "detect every frame cannot fit 125 ms: " + stats);
      // 125 ms, or the camera's interval if this machine could not keep the camera at 25 fps.
      assertEquals(Math.max(125, 1000 / stats.inputFramesPerSecond()), q.frameBudget().toNanos() / 1e6, 1, stats.toString());
      assertTrue(q.detectCost().toMillis() >= 150, stats.toString());
      assertTrue(restored.size() >= 10, stats.toString());
      // One face, followed throughout: the changes of detect-every never restarted its track or moved it.
      assertEquals(List.of(1), restored.stream().flatMap(f -> f.frame().trackIds().stream()).distinct().toList(),
          stats.toString());
      for (int i = 1; i < restored.size(); i++) {
        double step = restored.get(i).frame().faces().get(0).box().center()
            .distanceTo(restored.get(i - 1).frame().faces().get(0).box().center());
        assertTrue(step < 1, "the still face's box moved " + step + " px at frame " + restored.get(i).sequence());
      }
    }
  }

  @Test
  void adaptive_slowLargeModel_takesTheSmallModel_andPastesTheFaceInPlace() throws Exception {
    // The identity GPEN-512 made to cost 400 ms a face, with the identity GPEN-256 as the small-face
    // model (threshold 1 px: the size routing alone never picks it). At 4 fps (250 ms a frame) the
    // large model cannot fit at any N; the small one fits.
    Path large = TestRestorers.identityModel().resolveSibling("identity-512.onnx");
    try (FaceRestorer faces = FaceRestorer.builder()
        .backend(new SlowedBackend(large, Duration.ofMillis(400)))
        .generator(GeneratorStage.of(large).withSmallFaceModel(ModelSource.of(TestRestorers.identityModel()), 1))
        .detector(DetectorType.YUNET, SharedData.yunet())
        .build()) {
      List<LiveFrame> restored = new CopyOnWriteArrayList<>();
      LiveOptions options = LiveOptions.builder().targetFramesPerSecond(4).listener(restored::add).build();
      BufferedImage still = TestClips.sourceFrame(RECIPE, 0);
      LiveStats stats;
      try (LiveStream live = VideoRestorer.builder(faces).build().openLiveStream(VideoOptions.DEFAULTS, options)) {
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(30).toNanos();
        for (int i = 0; System.nanoTime() < deadline
            && restored.stream().filter(LiveStreamTest::onSmallModel).count() < 5; i++) {
          long capture = start + i * 40_000_000L;
          while (System.nanoTime() < capture) {
            Thread.sleep(1);
          }
          live.offer(still, capture);
        }
        stats = live.stats();
      }
      LiveQuality q = stats.quality();
      assertTrue(q.smallModelForAll(), stats.toString());
      assertTrue(q.faceCost().toMillis() >= 400, stats.toString());
      assertTrue(q.smallFaceCost().toMillis() < 400, stats.toString());
      LiveFrame first = restored.get(0);
      LiveFrame last = restored.get(restored.size() - 1);
      assertEquals(512, first.frame().faces().get(0).modelSize(), "it starts on the large model");
      assertTrue(onSmallModel(last), "it ends on the small one");
      assertEquals(List.of(1), restored.stream().flatMap(f -> f.frame().trackIds().stream()).distinct().toList());
      // The same face region: the crop centre of either model lands on the same image point.
      Point c512 = first.frame().faces().get(0).alignment().inverse().apply(new Point(256, 256));
      Point c256 = last.frame().faces().get(0).alignment().inverse().apply(new Point(128, 128));
      assertTrue(c512.distanceTo(c256) < 1, "the crop centre moved from " + c512 + " to " + c256);
      double largeScale = first.frame().faces().get(0).alignment().scale();
      assertEquals(largeScale, 2 * last.frame().faces().get(0).alignment().scale(), largeScale * 0.01,
          "the small crop is the same region at half the side");
    }
  }

  private static boolean onSmallModel(LiveFrame f) {
    return !f.frame().faces().isEmpty() && f.frame().faces().stream().allMatch(face -> face.modelSize() == 256);
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
