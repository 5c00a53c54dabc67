package io.gpen4j.video.internal.codec;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The containers gpen4j writes, chosen by the output's extension, each with encoders that the
 * bundled FFmpeg 7.1.1 build (JavaCV 1.5.12, LGPL) has. That build has no libx264 or libx265:
 * H.264 comes from Cisco's libopenh264.
 */
public enum VideoContainer {
  /** MP4: H.264 (libopenh264) and AAC. The default. */
  MP4("mp4", "libopenh264", "aac", 0, "mp4", "m4v"),
  /** QuickTime: H.264 (libopenh264) and AAC. */
  MOV("mov", "libopenh264", "aac", 0, "mov"),
  /** Matroska: H.264 (libopenh264) and AAC. */
  MKV("matroska", "libopenh264", "aac", 0, "mkv"),
  /** WebM: VP9 (libvpx-vp9) and Opus at 48 kHz. */
  WEBM("webm", "libvpx-vp9", "libopus", 48_000, "webm"),
  /** AVI: MPEG-4 Part 2 and MP3 (libmp3lame). */
  AVI("avi", "mpeg4", "libmp3lame", 0, "avi");

  private final String muxer;
  private final String videoEncoder;
  private final String audioEncoder;
  private final int audioSampleRate;
  private final String[] extensions;

  VideoContainer(String muxer, String videoEncoder, String audioEncoder, int audioSampleRate, String... extensions) {
    this.muxer = muxer;
    this.videoEncoder = videoEncoder;
    this.audioEncoder = audioEncoder;
    this.audioSampleRate = audioSampleRate;
    this.extensions = extensions;
  }

  /**
   * Chooses the format for an output file by its extension.
   *
   * @param output the output file
   * @return the format
   * @throws IllegalArgumentException if the extension is missing or not one of the formats'
   */
  public static VideoContainer forFile(Path output) {
    String name = output.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    for (VideoContainer f : values()) {
      if (Arrays.asList(f.extensions).contains(ext)) {
        return f;
      }
    }
    throw new IllegalArgumentException("cannot write a video named " + name + ": use one of "
        + Arrays.stream(values()).flatMap(f -> Arrays.stream(f.extensions)).map(e -> "." + e)
            .collect(Collectors.joining(", ")));
  }

  /**
   * Checks that the bundled FFmpeg has a video encoder of this name and that this container can
   * hold what it writes.
   *
   * @param encoder an FFmpeg encoder name, e.g. {@code libvpx-vp9}
   * @throws IllegalArgumentException naming {@code videoCodec} if the encoder is missing, is not a
   *     video encoder, or does not fit the container
   */
  public void checkVideoEncoder(String encoder) {
    FfmpegLog.quiet();
    AVCodec codec = avcodec.avcodec_find_encoder_by_name(encoder);
    if (codec == null || codec.isNull() || codec.type() != avutil.AVMEDIA_TYPE_VIDEO) {
      throw new IllegalArgumentException("videoCodec " + encoder + " is not a video encoder of the bundled"
          + " FFmpeg (an LGPL build: no libx264 or libx265); it has libopenh264, libvpx-vp9, libvpx,"
          + " libaom-av1, mpeg4, mjpeg, among others");
    }
    AVOutputFormat container = avformat.av_guess_format(muxer, null, null);
    if (container != null && !container.isNull()
        && avformat.avformat_query_codec(container, codec.id(), avcodec.FF_COMPLIANCE_NORMAL) == 0) {
      throw new IllegalArgumentException("videoCodec " + encoder + " cannot be written into a ." + extension()
          + " file (its default is " + videoEncoder + ")");
    }
  }

  String muxer() {
    return muxer;
  }

  String videoEncoder() {
    return videoEncoder;
  }

  String audioEncoder() {
    return audioEncoder;
  }

  /** The sample rate the audio encoder needs, or 0 to keep the input's. */
  int audioSampleRate() {
    return audioSampleRate;
  }

  /** Returns the file extension used for this format's temporary files. @return e.g. {@code mp4} */
  public String extension() {
    return extensions[0];
  }
}
