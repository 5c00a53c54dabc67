package io.gpen4j.video.internal.codec;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_NOFILE;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_format;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_query_codec;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import io.gpen4j.video.VideoException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Copies every audio stream of the input, packet for packet, beside the restored video: the
 * second half of writing a video whose audio the output container can hold as it is. JavaCV's
 * recorder cannot do this itself (its packet copy, {@code recordPacket}, needs every stream
 * copied, and it carries one audio stream), so this uses FFmpeg's muxing API directly: the
 * restored video-only file and the input are read packet by packet, merged in timestamp order
 * ({@code av_interleaved_write_frame} interleaves), and the audio cut to the restored window.
 */
public final class AudioRemuxer {
  private static final AVRational MICROS = new AVRational().num(1).den(1_000_000);

  private AudioRemuxer() {}

  /**
   * Tells whether the input has audio and the container can hold every audio stream unchanged.
   *
   * @param input the input video
   * @param format the output container
   * @return true when the audio can be copied; false without audio or when a codec does not fit
   */
  public static boolean canCopyAudio(Path input, VideoContainer format) {
    AVOutputFormat muxer = av_guess_format(format.muxer(), null, null);
    if (muxer == null || muxer.isNull()) {
      return false;
    }
    AVFormatContext in = open(input);
    try {
      int audio = 0;
      for (int i = 0; i < in.nb_streams(); i++) {
        AVStream s = in.streams(i);
        if (s.codecpar().codec_type() == AVMEDIA_TYPE_AUDIO) {
          audio++;
          if (avformat_query_codec(muxer, s.codecpar().codec_id(), 0) != 1) {
            return false;
          }
        }
      }
      return audio > 0;
    } finally {
      avformat_close_input(in);
    }
  }

  /**
   * Writes the restored video with the input's audio streams.
   *
   * @param video the restored video-only file
   * @param input the original input, whose audio streams are copied
   * @param startMicros where the restored window starts in the input
   * @param endMicros where it ends, or {@link Long#MAX_VALUE}
   * @param format the output container
   * @param output where to write
   * @throws VideoException if a file cannot be read or written
   */
  public static void remux(Path video, Path input, long startMicros, long endMicros, VideoContainer format,
      Path output) {
    AVFormatContext vin = open(video);
    AVFormatContext ain = null;
    AVFormatContext out = null;
    AVPacket vpkt = av_packet_alloc();
    AVPacket apkt = av_packet_alloc();
    try {
      ain = open(input);
      out = new AVFormatContext(null);
      check(avformat_alloc_output_context2(out, null, format.muxer(), output.toString()), "open the muxer", output);
      int videoIn = -1;
      for (int i = 0; i < vin.nb_streams(); i++) {
        if (vin.streams(i).codecpar().codec_type() == AVMEDIA_TYPE_VIDEO) {
          videoIn = i;
        }
      }
      if (videoIn < 0) {
        throw new VideoException("no video stream in the restored video " + video);
      }
      AVStream videoOut = copyStream(out, vin.streams(videoIn));
      int[] audioMap = new int[ain.nb_streams()];
      List<AVStream> audioOut = new ArrayList<>();
      for (int i = 0; i < ain.nb_streams(); i++) {
        audioMap[i] = -1;
        AVStream s = ain.streams(i);
        if (s.codecpar().codec_type() == AVMEDIA_TYPE_AUDIO) {
          AVStream o = copyStream(out, s);
          if (s.metadata() != null && !s.metadata().isNull()) {
            // Language and title tags; the stream holds the dictionary, freed with the context.
            AVDictionary tags = new AVDictionary(null);
            av_dict_copy(tags, s.metadata(), 0);
            o.metadata(tags);
          }
          o.disposition(s.disposition());
          audioMap[i] = o.index();
          audioOut.add(o);
        }
      }
      if ((out.oformat().flags() & AVFMT_NOFILE) == 0) {
        AVIOContext pb = new AVIOContext(null);
        check(avio_open(pb, output.toString(), AVIO_FLAG_WRITE), "create", output);
        out.pb(pb);
      }
      check(avformat_write_header(out, (AVDictionary) null), "write the header of", output);
      long inputStart = ain.start_time() == AV_NOPTS_VALUE ? 0 : ain.start_time();
      if (startMicros > 0) {
        // Best effort: if seeking fails, reading from the start and dropping is still right.
        av_seek_frame(ain, -1, inputStart + startMicros, AVSEEK_FLAG_BACKWARD);
      }
      long offset = inputStart + startMicros;
      long window = endMicros == Long.MAX_VALUE ? Long.MAX_VALUE : endMicros - startMicros;
      boolean videoLeft = readVideo(vin, videoIn, vpkt);
      boolean audioLeft = readAudio(ain, audioMap, apkt, offset, window, startMicros > 0);
      while (videoLeft || audioLeft) {
        boolean takeVideo = videoLeft && (!audioLeft || micros(vpkt, vin.streams(videoIn))
            <= micros(apkt, ain.streams(apkt.stream_index())) - offset);
        if (takeVideo) {
          AVRational tb = vin.streams(videoIn).time_base();
          vpkt.stream_index(videoOut.index());
          av_packet_rescale_ts(vpkt, tb, videoOut.time_base());
          vpkt.pos(-1);
          check(av_interleaved_write_frame(out, vpkt), "write", output);
          videoLeft = readVideo(vin, videoIn, vpkt);
        } else {
          AVStream in = ain.streams(apkt.stream_index());
          AVStream o = out.streams(audioMap[apkt.stream_index()]);
          long shift = av_rescale_q(offset, MICROS, in.time_base());
          if (apkt.pts() != AV_NOPTS_VALUE) {
            apkt.pts(apkt.pts() - shift);
          }
          if (apkt.dts() != AV_NOPTS_VALUE) {
            apkt.dts(apkt.dts() - shift);
          }
          apkt.stream_index(o.index());
          av_packet_rescale_ts(apkt, in.time_base(), o.time_base());
          apkt.pos(-1);
          check(av_interleaved_write_frame(out, apkt), "write", output);
          audioLeft = readAudio(ain, audioMap, apkt, offset, window, startMicros > 0);
        }
      }
      check(av_write_trailer(out), "finish", output);
    } finally {
      av_packet_free(vpkt);
      av_packet_free(apkt);
      if (out != null) {
        if ((out.oformat() != null && !out.oformat().isNull()) && (out.oformat().flags() & AVFMT_NOFILE) == 0
            && out.pb() != null && !out.pb().isNull()) {
          avio_closep(out.pb());
        }
        avformat_free_context(out);
      }
      if (ain != null) {
        avformat_close_input(ain);
      }
      avformat_close_input(vin);
    }
  }

  private static AVStream copyStream(AVFormatContext out, AVStream in) {
    AVStream o = avformat_new_stream(out, null);
    if (o == null || o.isNull()) {
      throw new VideoException("cannot add a stream to the output");
    }
    check(avcodec_parameters_copy(o.codecpar(), in.codecpar()), "copy the stream parameters of", null);
    o.codecpar().codec_tag(0);
    o.time_base(in.time_base());
    o.sample_aspect_ratio(in.sample_aspect_ratio());
    return o;
  }

  private static boolean readVideo(AVFormatContext in, int stream, AVPacket pkt) {
    while (true) {
      av_packet_unref(pkt);
      if (av_read_frame(in, pkt) < 0) {
        return false;
      }
      if (pkt.stream_index() == stream) {
        return true;
      }
    }
  }

  /** Reads the next audio packet inside the window; false at the end of the input or window. */
  private static boolean readAudio(AVFormatContext in, int[] audioMap, AVPacket pkt, long offset, long windowMicros,
      boolean cutStart) {
    while (true) {
      av_packet_unref(pkt);
      if (av_read_frame(in, pkt) < 0) {
        return false;
      }
      int s = pkt.stream_index();
      if (s < 0 || s >= audioMap.length || audioMap[s] < 0) {
        continue;
      }
      long t = micros(pkt, in.streams(s)) - offset;
      long end = t + av_rescale_q(pkt.duration(), in.streams(s).time_base(), MICROS);
      // From the very start, keep everything: AAC's priming packet has a negative timestamp.
      if (cutStart && end <= 0) {
        continue;
      }
      if (t >= windowMicros) {
        continue;
      }
      return true;
    }
  }

  private static long micros(AVPacket pkt, AVStream s) {
    long ts = pkt.dts() != AV_NOPTS_VALUE ? pkt.dts() : pkt.pts();
    return ts == AV_NOPTS_VALUE ? 0 : av_rescale_q(ts, s.time_base(), MICROS);
  }

  private static AVFormatContext open(Path file) {
    AVFormatContext ctx = new AVFormatContext(null);
    int ret = avformat_open_input(ctx, file.toString(), null, null);
    if (ret < 0) {
      throw new VideoException("cannot read " + file + ": " + error(ret));
    }
    ret = avformat_find_stream_info(ctx, (PointerPointer<?>) null);
    if (ret < 0) {
      avformat_close_input(ctx);
      throw new VideoException("cannot read the streams of " + file + ": " + error(ret));
    }
    return ctx;
  }

  private static void check(int ret, String what, Path file) {
    if (ret < 0) {
      throw new VideoException("cannot " + what + (file == null ? "" : " " + file) + ": " + error(ret));
    }
  }

  private static String error(int code) {
    byte[] buf = new byte[256];
    av_strerror(code, buf, buf.length);
    int n = 0;
    while (n < buf.length && buf[n] != 0) {
      n++;
    }
    return new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8) + " (" + code + ")";
  }
}
