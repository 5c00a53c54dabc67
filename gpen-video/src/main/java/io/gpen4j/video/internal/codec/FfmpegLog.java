package io.gpen4j.video.internal.codec;

import org.bytedeco.ffmpeg.global.avutil;

/**
 * Keeps FFmpeg's own log to errors: by default it prints stream details and warnings to standard
 * error for every file, which a library must not do. FFmpeg's level is process-wide; setting it
 * again is harmless.
 */
final class FfmpegLog {
  private FfmpegLog() {}

  static void quiet() {
    if (avutil.av_log_get_level() > avutil.AV_LOG_ERROR) {
      avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }
  }
}
