package io.gpen4j.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gpen4j.testing.ImageMetrics;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Video files end to end with the identity generator and YuNet. */
final class VideoRestorerTest {
  @RegisterExtension static final IdentityVideo IDENTITY = new IdentityVideo();

  @TempDir Path tmp;

  @Test
  void restore_clipWithAudio_keepsFramesDurationRateAndAudio() {
    Path in = tmp.resolve("in.mp4");
    TestClips.write(in, TestClips.Recipe.of("astronaut.png", 50).withAudio().pixelAspect(4.0 / 3));
    Path out = tmp.resolve("out.mp4");

    VideoResult r = IDENTITY.video().restore(in, out, VideoOptions.DEFAULTS);

    TestClips.ClipInfo a = TestClips.probe(in);
    TestClips.ClipInfo b = TestClips.probe(out);
    assertEquals(50, r.framesRead());
    assertEquals(50, r.framesWritten());
    assertEquals(a.frames(), b.frames());
    assertEquals(a.frameRate(), b.frameRate(), 0.01);
    assertEquals(a.durationMicros(), b.durationMicros(), 40_000, "duration within one frame");
    assertEquals(1, b.audioChannels());
    assertEquals(a.audioSamples(), b.audioSamples(), 2048 + 1024, "audio as long as the input's");
    assertEquals(a.timestamps(), b.timestamps());
    assertEquals(4.0 / 3, a.pixelAspect(), 1e-6, "the test clip has non-square pixels");
    assertEquals(a.pixelAspect(), b.pixelAspect(), 1e-6, "pixel aspect ratio kept");
    assertEquals(org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_MPEG, b.colorRange(), "tagged TV range");
    assertEquals(TestClips.audioPackets(in), TestClips.audioPackets(out), "AAC copied into MP4, not re-encoded");
    assertTrue(r.facesPerFrame().stream().allMatch(n -> n == 1), "one face in every frame: " + r.facesPerFrame());
    assertTrue(r.framesPerSecond() > 0);
    assertTrue(r.timings().detect().toNanos() > 0 && r.timings().enhance().toNanos() > 0);
    assertOnlyOutputIn(tmp, "in.mp4", "out.mp4");
  }

  @Test
  void restore_identityGenerator_matchesInputWithinCodecLoss() {
    Path in = tmp.resolve("in.mp4");
    TestClips.write(in, TestClips.Recipe.of("astronaut.png", 20));
    Path out = tmp.resolve("out.mp4");

    IDENTITY.video().restore(in, out, VideoOptions.builder().quality(1).build());

    List<BufferedImage> a = TestClips.decode(in);
    List<BufferedImage> b = TestClips.decode(out);
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      double psnr = ImageMetrics.psnr(a.get(i), b.get(i));
      assertTrue(psnr >= 35, "frame " + i + " PSNR " + psnr);
    }
  }

  @Test
  void restore_rotatedPhoneClip_writesUprightFramesWithFaces() {
    Path in = tmp.resolve("phone.mp4");
    TestClips.Recipe recipe = new TestClips.Recipe("astronaut.png", 360, 640, 15, 25, false, 90, false, 1);
    List<BufferedImage> upright = TestClips.write(in, recipe);
    TestClips.ClipInfo stored = TestClips.probe(in);
    assertEquals(640, stored.width(), "stored sideways");
    assertEquals(90, stored.rotation(), 0.01, "display matrix written");
    Path out = tmp.resolve("out.mp4");

    VideoResult r = IDENTITY.video().restore(in, out, VideoOptions.DEFAULTS);

    TestClips.ClipInfo info = TestClips.probe(out);
    assertEquals(360, info.width());
    assertEquals(640, info.height());
    assertEquals(0, info.rotation(), 0.01, "written upright, untagged");
    assertTrue(r.facesPerFrame().stream().allMatch(n -> n == 1), "faces upright for the detector: " + r.facesPerFrame());
    double psnr = ImageMetrics.psnr(upright.get(0), TestClips.decode(out).get(0));
    assertTrue(psnr > 30, "turned the right way: PSNR " + psnr);
  }

  @Test
  void restore_variableFrameRate_keepsEachTimestamp() {
    Path in = tmp.resolve("vfr.mp4");
    TestClips.Recipe recipe = TestClips.Recipe.of("astronaut.png", 30).unevenTimestamps();
    TestClips.write(in, recipe);
    Path out = tmp.resolve("out.mp4");

    IDENTITY.video().restore(in, out, VideoOptions.DEFAULTS);

    List<Long> a = TestClips.probe(in).timestamps();
    List<Long> b = TestClips.probe(out).timestamps();
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i), b.get(i), 1000, "frame " + i);
    }
    long distinctGaps = java.util.stream.IntStream.range(1, a.size()).mapToLong(i -> a.get(i) - a.get(i - 1)).distinct().count();
    assertTrue(distinctGaps > 1, "the clip really is uneven: " + a);
  }

  @Test
  void restore_clipWithoutFaces_writesFramesUnchanged() {
    Path in = tmp.resolve("coffee.mp4");
    TestClips.write(in, TestClips.Recipe.of("no_face_coffee.png", 10));
    Path out = tmp.resolve("out.mp4");

    VideoResult r = IDENTITY.video().restore(in, out, VideoOptions.DEFAULTS);

    assertEquals(10, r.framesWritten());
    assertEquals(0, r.facesRestored());
    List<BufferedImage> a = TestClips.decode(in);
    List<BufferedImage> b = TestClips.decode(out);
    assertEquals(10, b.size());
    assertTrue(ImageMetrics.psnr(a.get(5), b.get(5)) >= 35);
  }

  @ParameterizedTest
  @ValueSource(strings = {"mkv", "mov", "webm", "avi"})
  void restore_otherContainers_writeTheirFormatWithAudio(String ext) {
    Path in = tmp.resolve("in.mp4");
    TestClips.write(in, TestClips.Recipe.of("astronaut.png", 10).withAudio());
    Path out = tmp.resolve("out." + ext);

    IDENTITY.video().restore(in, out, VideoOptions.builder().tracking(TrackingOptions.builder().detectEvery(5).build()).build());

    TestClips.ClipInfo info = TestClips.probe(out);
    assertEquals(10, info.frames());
    assertEquals(1, info.audioChannels());
    assertTrue(info.audioSamples() > 0);
  }

  @Test
  void restore_startAndDuration_restoresOnlyTheWindow() {
    Path in = tmp.resolve("in.mp4");
    TestClips.write(in, TestClips.Recipe.of("astronaut.png", 50).withAudio());
    Path out = tmp.resolve("out.mp4");

    VideoResult r = IDENTITY.video().restore(in, out,
        VideoOptions.builder().start(Duration.ofMillis(800)).duration(Duration.ofMillis(600)).build());

    assertEquals(15, r.framesWritten());
    TestClips.ClipInfo info = TestClips.probe(out);
    assertEquals(15, info.frames());
    assertEquals(0, info.timestamps().get(0));
    assertEquals(0.6 * TestClips.SAMPLE_RATE, info.audioSamples(), 2048 + 1024);
  }

  @Test
  void restore_audioOnlyFile_failsAndWritesNothing() {
    Path in = tmp.resolve("sound.m4a");
    TestClips.writeAudioOnly(in, 1);
    Path out = tmp.resolve("out.mp4");

    VideoException e = assertThrows(VideoException.class, () -> IDENTITY.video().restore(in, out, VideoOptions.DEFAULTS));

    assertTrue(e.getMessage().contains("no video stream"), e.getMessage());
    assertOnlyOutputIn(tmp, "sound.m4a");
  }

  @Test
  void restore_truncatedFile_failsAndWritesNothing() throws IOException {
    Path whole = tmp.resolve("whole.mp4");
    TestClips.write(whole, TestClips.Recipe.of("astronaut.png", 25));
    byte[] bytes = Files.readAllBytes(whole);
    Path in = tmp.resolve("cut.mp4");
    Files.write(in, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    Path out = tmp.resolve("out.mp4");

    VideoException e = assertThrows(VideoException.class, () -> IDENTITY.video().restore(in, out, VideoOptions.DEFAULTS));

    assertTrue(e.getMessage().contains("cut.mp4"), e.getMessage());
    assertOnlyOutputIn(tmp, "whole.mp4", "cut.mp4");
  }

  @Test
  void restore_unknownVideoCodec_failsAndWritesNothing() throws IOException {
    Path source = tmp.resolve("source.mp4");
    TestClips.write(source, TestClips.Recipe.of("astronaut.png", 5));
    Path mkv = tmp.resolve("known.mkv");
    IDENTITY.video().restore(source, mkv, VideoOptions.DEFAULTS);
    // Matroska names its codec in ASCII: rename H.264 to a codec no FFmpeg knows.
    byte[] bytes = Files.readAllBytes(mkv);
    String latin = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = latin.indexOf("V_MPEG4/ISO/AVC");
    assertTrue(at > 0, "codec id found");
    byte[] unknown = "V_GPEN4/ISO/XYZ".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    System.arraycopy(unknown, 0, bytes, at, unknown.length);
    Path in = tmp.resolve("unknown.mkv");
    Files.write(in, bytes);
    Path out = tmp.resolve("out.mp4");

    VideoException e = assertThrows(VideoException.class, () -> IDENTITY.video().restore(in, out, VideoOptions.DEFAULTS));

    assertTrue(e.getMessage().contains("unknown.mkv"), e.getMessage());
    assertOnlyOutputIn(tmp, "source.mp4", "known.mkv", "unknown.mkv");
  }

  /**
   * A full disk: a 64 KB tmpfs the test mounts (as root on Linux, as CI runs), or the folder
   * {@code -Dgpen4j.fullDisk=DIR} names; skipped with the reason elsewhere.
   */
  @Test
  void restore_fullDisk_failsAndLeavesNothing() throws IOException {
    try (io.gpen4j.testing.SmallFileSystem fs = io.gpen4j.testing.SmallFileSystem.mountOrSkip(tmp, 64)) {
      fullDisk(fs.root());
    }
  }

  private void fullDisk(Path small) throws IOException {
    Path in = tmp.resolve("in.mp4");
    TestClips.write(in, TestClips.Recipe.of("astronaut.png", 50).withAudio());
    Path out = small.resolve("out.mp4");

    VideoException e = assertThrows(VideoException.class,
        () -> IDENTITY.video().restore(in, out, VideoOptions.builder().quality(1).build()));

    assertTrue(e.getMessage().contains("out.mp4"), e.getMessage());
    assertOnlyOutputIn(small);
  }

  @Test
  void restore_notAMediaFile_failsAndWritesNothing() throws IOException {
    Path in = tmp.resolve("noise.mp4");
    Files.write(in, new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15});
    Path out = tmp.resolve("out.mp4");

    assertThrows(VideoException.class, () -> IDENTITY.video().restore(in, out, VideoOptions.DEFAULTS));

    assertOnlyOutputIn(tmp, "noise.mp4");
  }

  @Test
  void restore_missingInput_fails() {
    VideoException e = assertThrows(VideoException.class,
        () -> IDENTITY.video().restore(tmp.resolve("nope.mp4"), tmp.resolve("out.mp4"), VideoOptions.DEFAULTS));
    assertTrue(e.getMessage().contains("nope.mp4"), e.getMessage());
    assertOnlyOutputIn(tmp);
  }

  @Test
  void restore_existingOutput_failsUnlessOverwrite() throws IOException {
    Path in = tmp.resolve("in.mp4");
    TestClips.write(in, TestClips.Recipe.of("astronaut.png", 5));
    Path out = tmp.resolve("out.mp4");
    Files.writeString(out, "keep me");

    VideoException e = assertThrows(VideoException.class, () -> IDENTITY.video().restore(in, out, VideoOptions.DEFAULTS));
    assertTrue(e.getMessage().contains("exists"), e.getMessage());
    assertEquals("keep me", Files.readString(out));

    IDENTITY.video().restore(in, out, VideoOptions.builder().overwrite(true).build());
    assertEquals(5, TestClips.probe(out).frames());
    assertOnlyOutputIn(tmp, "in.mp4", "out.mp4");
  }

  @Test
  void restore_unknownOutputExtension_isRejectedBeforeReading() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> IDENTITY.video().restore(tmp.resolve("missing.mp4"), tmp.resolve("out.gif"), VideoOptions.DEFAULTS));
    assertTrue(e.getMessage().contains(".mp4"), e.getMessage());
  }

  @Test
  void restore_interrupted_cancelsAndLeavesNothing() throws Exception {
    Path in = tmp.resolve("in.mp4");
    TestClips.write(in, TestClips.Recipe.of("astronaut.png", 50));
    Path out = tmp.resolve("out.mp4");
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicInteger frames = new AtomicInteger();
    Thread worker = new Thread(() -> {
      try {
        IDENTITY.video().restore(in, out, VideoOptions.builder().progressListener(p -> frames.set((int) p.framesDone())).build());
      } catch (Throwable t) {
        thrown.set(t);
      }
    });
    worker.start();
    while (frames.get() < 3 && worker.isAlive()) {
      Thread.sleep(5);
    }
    worker.interrupt();
    worker.join(30_000);

    assertFalse(worker.isAlive());
    assertTrue(thrown.get() instanceof VideoCancelledException, "got " + thrown.get());
    assertOnlyOutputIn(tmp, "in.mp4");
  }

  @Test
  void restore_listenerThrows_stopsAndLeavesNothing() {
    Path in = tmp.resolve("in.mp4");
    TestClips.write(in, TestClips.Recipe.of("astronaut.png", 20));
    Path out = tmp.resolve("out.mp4");
    VideoOptions options = VideoOptions.builder().progressListener(p -> {
      if (p.framesDone() == 4) {
        throw new IllegalStateException("user pressed stop");
      }
    }).build();

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> IDENTITY.video().restore(in, out, options));

    assertEquals("user pressed stop", e.getMessage());
    assertOnlyOutputIn(tmp, "in.mp4");
  }

  @Test
  void restore_slowWriter_neverHoldsMoreThanKFrames() {
    Path in = tmp.resolve("in.mp4");
    TestClips.write(in, TestClips.Recipe.of("astronaut.png", 30));
    Path out = tmp.resolve("out.mp4");
    VideoOptions options = VideoOptions.builder().maxFramesInFlight(3).restoreThreads(2).progressListener(p -> {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }).build();

    VideoResult r = IDENTITY.video().restore(in, out, options);

    assertEquals(30, r.framesWritten());
    assertEquals(3, r.peakFramesInFlight(), "the pipeline filled up to K and no further");
  }

  @Test
  void restore_progress_reportsEveryFrameWithTotalAndTimeLeft() {
    Path in = tmp.resolve("in.mp4");
    TestClips.write(in, TestClips.Recipe.of("astronaut.png", 12));
    List<VideoProgress> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

    IDENTITY.video().restore(in, tmp.resolve("out.mp4"), VideoOptions.builder().progressListener(seen::add).build());

    assertEquals(12, seen.size());
    assertEquals(12, seen.get(11).framesDone());
    assertEquals(12, seen.get(0).framesTotal().orElseThrow());
    assertTrue(seen.get(0).timeLeft().isPresent());
    assertTrue(seen.get(11).framesPerSecond() > 0);
  }

  static void assertOnlyOutputIn(Path dir, String... names) {
    try (Stream<Path> files = Files.list(dir)) {
      List<String> found = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertEquals(Stream.of(names).sorted().toList(), found, "no temporary or partial files");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
