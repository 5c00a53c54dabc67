package io.gpen4j.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The live frame API: order, the bound of K frames, tracking state between frames. */
final class FrameStreamTest {
  @RegisterExtension static final IdentityVideo IDENTITY = new IdentityVideo();
  private static final TestClips.Recipe RECIPE = TestClips.Recipe.of("astronaut.png", 12);

  @Test
  void stream_manyFramesInFlight_returnsThemInSubmissionOrder() throws Exception {
    VideoOptions options = VideoOptions.builder().maxFramesInFlight(4).restoreThreads(3).build();
    List<Long> order = new ArrayList<>();
    try (FrameStream stream = IDENTITY.video().openStream(options)) {
      AtomicReference<Throwable> failed = new AtomicReference<>();
      Thread producer = new Thread(() -> {
        try {
          for (int i = 0; i < 12; i++) {
            stream.submit(TestClips.sourceFrame(RECIPE, i), i * 40_000L);
          }
        } catch (Throwable t) {
          failed.set(t);
        }
      });
      producer.start();
      for (int i = 0; i < 12; i++) {
        RestoredFrame f = stream.next();
        order.add(f.timestampMicros());
        assertEquals(1, f.faces().size());
      }
      producer.join();
      assertEquals(null, failed.get());
      assertTrue(stream.peakPending() <= 4, "peak " + stream.peakPending());
      assertEquals(0, stream.pending());
    }
    List<Long> expected = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      expected.add(i * 40_000L);
    }
    assertEquals(expected, order);
  }

  @Test
  void stream_fullOfKFrames_blocksSubmitUntilOneIsTaken() throws Exception {
    try (FrameStream stream = IDENTITY.video().openStream(VideoOptions.builder().maxFramesInFlight(2).build())) {
      stream.submit(TestClips.sourceFrame(RECIPE, 0), 0);
      stream.submit(TestClips.sourceFrame(RECIPE, 1), 40_000);
      CountDownLatch third = new CountDownLatch(1);
      BufferedImage frame = TestClips.sourceFrame(RECIPE, 2);
      Thread producer = new Thread(() -> {
        stream.submit(frame, 80_000);
        third.countDown();
      });
      producer.start();

      assertFalse(third.await(500, TimeUnit.MILLISECONDS), "a third frame must wait for room");
      assertEquals(2, stream.pending());
      assertEquals(0, stream.next().timestampMicros());
      assertTrue(third.await(10, TimeUnit.SECONDS), "room made, the third frame goes in");
      assertEquals(40_000, stream.next().timestampMicros());
      assertEquals(80_000, stream.next().timestampMicros());
      assertEquals(2, stream.peakPending());
    }
  }

  @Test
  void stream_detectEveryThirdFrame_carriesFacesOverBetweenDetections() {
    VideoOptions options = VideoOptions.builder().tracking(TrackingOptions.builder().detectEvery(3).build()).build();
    try (FrameStream stream = IDENTITY.video().openStream(options)) {
      for (int i = 0; i < 7; i++) {
        RestoredFrame f = stream.restore(TestClips.sourceFrame(RECIPE, i), i * 40_000L);
        assertEquals(1, f.faces().size(), "frame " + i);
        assertEquals(i * 40_000L, f.timestampMicros());
        boolean detected = i % 3 == 0;
        assertEquals(detected, f.timings().detect().toNanos() > 0, "detector ran on frame " + i);
      }
    }
  }

  @Test
  void stream_timestampGoingBack_isRejected() {
    try (FrameStream stream = IDENTITY.video().openStream(VideoOptions.DEFAULTS)) {
      stream.restore(TestClips.sourceFrame(RECIPE, 0), 1000);
      assertThrows(IllegalArgumentException.class, () -> stream.submit(TestClips.sourceFrame(RECIPE, 1), 999));
    }
  }

  @Test
  void stream_afterClose_fails() {
    FrameStream stream = IDENTITY.video().openStream(VideoOptions.DEFAULTS);
    stream.close();
    stream.close();
    assertThrows(IllegalStateException.class, () -> stream.submit(TestClips.sourceFrame(RECIPE, 0), 0));
    assertThrows(IllegalStateException.class, stream::next);
  }
}
