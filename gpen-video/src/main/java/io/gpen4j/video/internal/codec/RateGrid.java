package io.gpen4j.video.internal.codec;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Checks, before decoding, whether every video timestamp of a window lands on its own tick of a
 * frame-rate grid, by reading the packets' timestamps (no decoding). A constant-rate file passes
 * and is written on its rate, as the file had it (whole-frame durations, so players report the
 * same rate and length); any other file is written on its own finer time base, whatever its rate
 * fields claim (a 10-then-30 fps file may declare 10 fps in both).
 */
final class RateGrid {
  /** How far a timestamp may be from its tick: well under a frame, and the tests' 1 ms promise. */
  private static final long TOLERANCE_MICROS = 1000;

  private RateGrid() {}

  /**
   * Returns whether the window's timestamps fit the grid, each on a tick of its own.
   *
   * @param file the video file
   * @param rate the grid, ticks per second
   * @param startMicros the window's start (timestamps are written relative to it)
   * @param endMicros the window's end, exclusive
   * @return true if they all fit; false if one does not or the packets cannot be read
   */
  static boolean fits(Path file, double rate, long startMicros, long endMicros) {
    try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
      g.start();
      int video = g.getVideoStream();
      AVFormatContext oc = g.getFormatContext();
      AVRational tb = oc.streams(video).time_base();
      long origin = oc.start_time() != avutil.AV_NOPTS_VALUE ? oc.start_time() : 0;
      Set<Long> ticks = new HashSet<>();
      AVPacket p;
      while ((p = g.grabPacket()) != null) {
        try {
          if (p.stream_index() != video) {
            continue;
          }
          long pts = p.pts() != avutil.AV_NOPTS_VALUE ? p.pts() : p.dts();
          if (pts == avutil.AV_NOPTS_VALUE) {
            return false;
          }
          // As the grabber times its frames.
          long micros = 1_000_000L * pts * tb.num() / tb.den() - origin;
          if (micros < startMicros || micros >= endMicros) {
            continue;
          }
          double relative = micros - startMicros;
          long tick = Math.round(relative * rate / 1e6);
          if (Math.abs(tick * 1e6 / rate - relative) > TOLERANCE_MICROS || !ticks.add(tick)) {
            return false;
          }
        } finally {
          avcodec.av_packet_unref(p);
        }
      }
      g.stop();
      return !ticks.isEmpty();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      return false;
    }
  }
}
