package io.gpen4j.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the encoders keep: a faceless clip (no_face_coffee.png drifting over a gradient, 640x360,
 * 25 fps) re-encoded by a restore that changes no pixel, compared frame by frame with the input as
 * decoded (luma PSNR), and its video bit rate.
 */
final class VideoEncodingTest {
  private static final Logger LOG = LoggerFactory.getLogger(VideoEncodingTest.class);
  private static final int FRAMES = 25;

  @RegisterExtension static final IdentityVideo IDENTITY = new IdentityVideo();

  @TempDir Path tmp;

  /** A re-encode's figures. */
  private record Encoded(double meanLumaPsnr, double kbitPerSecond) {}

  private Encoded reencode(Path in, String extension, VideoOptions options) {
    Path out = tmp.resolve("out-" + Math.abs(options.toString().hashCode()) + "." + extension);
    VideoResult r = IDENTITY.video().restore(in, out, options.toBuilder().keepAudio(false).build());
    assertEquals(0, r.facesRestored(), "a faceless clip");
    List<BufferedImage> a = TestClips.decode(in);
    List<BufferedImage> b = TestClips.decode(out);
    assertEquals(a.size(), b.size());
    double psnr = 0;
    for (int i = 0; i < a.size(); i++) {
      psnr += TestClips.lumaPsnr(a.get(i), b.get(i)) / a.size();
    }
    try {
      return new Encoded(psnr, Files.size(out) * 8 / (FRAMES / 25.0) / 1000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path facelessClip() {
    Path in = tmp.resolve("coffee.mp4");
    TestClips.write(in, TestClips.Recipe.of("no_face_coffee.png", FRAMES));
    return in;
  }

  @ParameterizedTest
  @ValueSource(strings = {"mp4", "webm", "avi"})
  void restore_defaultQuality_keepsAtLeast43DbOnAFacelessClip(String extension) {
    Encoded e = reencode(facelessClip(), extension, VideoOptions.DEFAULTS);
    String figure = String.format("%s at the default quality: luma PSNR %.1f dB, %.0f kbit/s", extension,
        e.meanLumaPsnr(), e.kbitPerSecond());
    LOG.info(figure);
    assertTrue(e.meanLumaPsnr() >= 43, figure);
  }

  @ParameterizedTest
  @ValueSource(strings = {"mp4", "webm", "avi"})
  void restore_higherQuality_spendsMoreBitsAndKeepsMore(String extension) {
    Path in = facelessClip();
    Encoded low = reencode(in, extension, VideoOptions.builder().quality(0.1).build());
    Encoded mid = reencode(in, extension, VideoOptions.builder().quality(0.4).build());
    Encoded high = reencode(in, extension, VideoOptions.builder().quality(0.8).build());
    String figure = String.format("%s quality 0.1 / 0.4 / 0.8: %.0f / %.0f / %.0f kbit/s, %.1f / %.1f / %.1f dB",
        extension, low.kbitPerSecond(), mid.kbitPerSecond(), high.kbitPerSecond(), low.meanLumaPsnr(),
        mid.meanLumaPsnr(), high.meanLumaPsnr());
    LOG.info(figure);
    assertTrue(low.kbitPerSecond() < mid.kbitPerSecond() && mid.kbitPerSecond() < high.kbitPerSecond(), figure);
    assertTrue(low.meanLumaPsnr() < mid.meanLumaPsnr() && mid.meanLumaPsnr() < high.meanLumaPsnr(), figure);
  }

  @Test
  void restore_videoBitrate_setsTheRate() {
    Path in = facelessClip();
    Encoded low = reencode(in, "webm", VideoOptions.builder().videoBitrate(150_000).build());
    Encoded high = reencode(in, "webm", VideoOptions.builder().videoBitrate(600_000).build());
    String figure = String.format("webm at 150 / 600 kbit/s asked: %.0f / %.0f kbit/s written", low.kbitPerSecond(),
        high.kbitPerSecond());
    LOG.info(figure);
    // One second with its keyframe: the rate is held to within 2x, not exactly.
    assertTrue(low.kbitPerSecond() < 150 * 2 && high.kbitPerSecond() > low.kbitPerSecond() * 2, figure);
  }

  @Test
  void restore_videoCodec_writesWithThatEncoder() {
    Path in = facelessClip();
    Path out = tmp.resolve("vp9.mp4");

    IDENTITY.video().restore(in, out, VideoOptions.builder().videoCodec("libvpx-vp9").keepAudio(false).build());

    assertEquals("vp9", TestClips.videoCodecName(out));
    assertEquals(FRAMES, TestClips.probe(out).frames());
  }

  @Test
  void restore_av1WithBitrateAndWithQuality_intoMp4() {
    // libaom's realtime mode with a bit-rate target aborted the JVM; both controls must run.
    Path in = facelessClip();
    Encoded rate = reencode(in, "mp4", VideoOptions.builder().videoCodec("libaom-av1").videoBitrate(400_000).build());
    Encoded quality = reencode(in, "mp4", VideoOptions.builder().videoCodec("libaom-av1").build());
    String figure = String.format("libaom-av1 into mp4: 400 kbit/s asked: %.1f dB, %.0f kbit/s; default quality:"
        + " %.1f dB, %.0f kbit/s", rate.meanLumaPsnr(), rate.kbitPerSecond(), quality.meanLumaPsnr(),
        quality.kbitPerSecond());
    LOG.info(figure);
    assertTrue(rate.kbitPerSecond() < 400 * 2 && quality.meanLumaPsnr() >= 40, figure);
  }

  @Test
  void restore_unknownOrMisfitVideoCodec_failsNamingTheOptionAndWritesNothing() throws IOException {
    Path in = facelessClip();
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> IDENTITY.video().restore(in,
        tmp.resolve("out.mp4"), VideoOptions.builder().videoCodec("libx264").build()));
    assertTrue(missing.getMessage().contains("videoCodec libx264"), missing.getMessage());
    IllegalArgumentException misfit = assertThrows(IllegalArgumentException.class, () -> IDENTITY.video().restore(in,
        tmp.resolve("out.webm"), VideoOptions.builder().videoCodec("mpeg4").build()));
    assertTrue(misfit.getMessage().contains("cannot be written into a .webm"), misfit.getMessage());
    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(List.of("coffee.mp4"), left.map(p -> p.getFileName().toString()).toList());
    }
  }
}
