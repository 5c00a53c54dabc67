package io.gpen4j.video.internal.codec;

import java.util.Locale;
import org.bytedeco.javacv.FFmpegFrameRecorder;

/**
 * Turns {@link EncoderSettings} into each encoder's own rate control, so that the quality really
 * moves the output: a constant-quality factor where the encoder has one (VP9 and AV1: {@code crf}
 * with no bit-rate cap; MPEG-4 Part 2: a fixed quantiser), a bit budget where it has not (OpenH264,
 * whose rate control runs on the frames' timestamps so that any time base works). An explicit bit
 * rate replaces the quality's control for every encoder.
 *
 * <p>Defaults (quality 0.8) were chosen to keep texture: at least 43 dB luma PSNR when a faceless
 * clip is re-encoded (measured per container, see the module's README).
 */
final class RateControl {
  /** The bits per pixel the quality maps to for bit-budget encoders: MIN + RANGE x quality^2. */
  private static final double MIN_BITS_PER_PIXEL = 0.02;
  private static final double BITS_PER_PIXEL_RANGE = 0.4;

  private RateControl() {}

  /**
   * Sets the recorder's rate control for an encoder.
   *
   * @param r the recorder, not started
   * @param encoder the FFmpeg encoder name
   * @param spec what is written
   */
  static void configure(FFmpegFrameRecorder r, String encoder, VideoSpec spec) {
    EncoderSettings s = spec.encoder();
    long budget = s.bitrate() > 0 ? s.bitrate() : budget(s.quality(), spec);
    int bitrate = (int) Math.min(Integer.MAX_VALUE, budget);
    boolean fixedRate = s.bitrate() > 0;
    switch (encoder.toLowerCase(Locale.ROOT)) {
      case "libopenh264" -> {
        r.setVideoBitrate(bitrate);
        // openh264 budgets bits per tick of the time base unless told to use the timestamps; the
        // time base is the input's own (often 1/12800 or 1/1000), not one frame.
        r.setVideoOption("rc_mode", "timestamp");
      }
      case "libvpx-vp9", "libaom-av1" -> {
        if (fixedRate) {
          r.setVideoBitrate(bitrate);
        } else {
          // Constant quality: crf with no bit-rate target.
          r.setVideoBitrate(0);
          r.setVideoOption("crf", Integer.toString(crf(s.quality())));
        }
        r.setVideoOption("row-mt", "1");
        r.setVideoOption("cpu-used", "8");
        if (encoder.equals("libvpx-vp9")) {
          r.setVideoOption("deadline", "realtime");
        } else if (!fixedRate) {
          // libaom's realtime mode with a bit-rate target corrupted the native heap (JVM abort,
          // "malloc(): unaligned tcache chunk", FFmpeg 7.1.1 / JavaCV 1.5.12): realtime with crf only.
          r.setVideoOption("usage", "realtime");
        }
      }
      case "libvpx" -> {
        // VP8's crf is a floor under a bit-rate cap: both are set.
        r.setVideoBitrate(bitrate);
        if (!fixedRate) {
          r.setVideoOption("crf", Integer.toString(Math.max(4, crf(s.quality()))));
        }
        r.setVideoOption("deadline", "realtime");
        r.setVideoOption("cpu-used", "8");
      }
      case "mpeg4", "mjpeg", "msmpeg4", "msmpeg4v2", "mpeg2video", "mpeg1video", "h263p", "flv1" -> {
        if (fixedRate) {
          r.setVideoBitrate(bitrate);
        } else {
          r.setVideoQuality(quantiser(s.quality()));
        }
      }
      default -> r.setVideoBitrate(bitrate);
    }
  }

  /**
   * The bit budget of a quality: 0.02 + 0.4 x quality^2 bits per pixel (0.1: 0.024, about
   * 140 kbit/s at 640x360 and 25 fps; 0.8: 0.276, about 1.6 Mbit/s; 1: 0.42). Squared, so the low
   * qualities spread where OpenH264 still obeys: it stops spending more once its quantiser floor
   * is reached (about 650 kbit/s on the test's simple clip, 900 on a detailed one).
   */
  static long budget(double quality, VideoSpec spec) {
    double bitsPerPixel = MIN_BITS_PER_PIXEL + BITS_PER_PIXEL_RANGE * quality * quality;
    return Math.round(bitsPerPixel * spec.width() * spec.height() * spec.frameRate());
  }

  /** VP9's and AV1's constant-quality factor (0 best, 63 worst): 48 at 0.05, 18 at 0.8, 10 at 1. */
  static int crf(double quality) {
    return (int) Math.round(Math.max(0, Math.min(63, 50 - 40 * quality)));
  }

  /**
   * A fixed quantiser for the MPEG-style encoders (1 best, 31 worst): 2 at 0.8, where MPEG-4 Part 2
   * is near transparent; 7 at 0.5; 27 at 0.05.
   */
  static int quantiser(double quality) {
    double q = 1 - quality;
    return (int) Math.round(Math.max(1, Math.min(31, 1 + 5 * q + 25 * q * q * q)));
  }
}
