package io.gpen4j.video.internal.codec;

import java.nio.file.Path;
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
