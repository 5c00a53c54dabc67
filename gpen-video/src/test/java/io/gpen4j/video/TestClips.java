package io.gpen4j.video;

import io.gpen4j.testing.SharedData;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

/** Makes small test clips with JavaCV (no ffmpeg binary) and reads clips back for assertions. */
final class TestClips {
  static final int SAMPLE_RATE = 44_100;

  private TestClips() {}

  /** What a clip holds, as read back by FFmpeg. */
  record ClipInfo(int frames, int width, int height, double frameRate, double rotation, long durationMicros,
      int audioChannels, long audioSamples, List<Long> timestamps, double pixelAspect, int colorRange) {}

  /** A recipe for a clip. */
  record Recipe(String image, int width, int height, int frames, double fps, boolean audio, int rotation,
      boolean variableRate, double pixelAspect) {
    static Recipe of(String image, int frames) {
      return new Recipe(image, 640, 360, frames, 25, false, 0, false, 1);
    }

    Recipe pixelAspect(double sar) {
      return new Recipe(image, width, height, frames, fps, audio, rotation, variableRate, sar);
    }

    Recipe withAudio() {
      return new Recipe(image, width, height, frames, fps, true, rotation, variableRate, pixelAspect);
    }

    Recipe rotated(int degrees) {
      return new Recipe(image, width, height, frames, fps, audio, degrees, variableRate, pixelAspect);
    }

    Recipe unevenTimestamps() {
      return new Recipe(image, width, height, frames, fps, audio, rotation, true, pixelAspect);
    }

    Recipe fps(double rate) {
      return new Recipe(image, width, height, frames, rate, audio, rotation, variableRate, pixelAspect);
    }

    /** The timestamp of frame i: even for a constant rate, uneven (but increasing) for a variable one. */
    long timestamp(int i) {
      long even = Math.round(i * 1e6 / fps);
      return variableRate ? even + (i % 3) * Math.round(0.3e6 / fps) : even;
    }
  }

  /** The upright frame i of a recipe: the photo, shrunk, moving slowly over a gradient. */
  static BufferedImage sourceFrame(Recipe r, int i) {
    BufferedImage photo = read(r.image());
    BufferedImage f = new BufferedImage(r.width(), r.height(), BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = f.createGraphics();
    g.setPaint(new GradientPaint(0, 0, new Color(40, 90, 160), r.width(), r.height(), new Color(220, 180, 90)));
    g.fillRect(0, 0, r.width(), r.height());
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    int side = Math.min(r.width(), r.height()) * 5 / 6;
    // A slow back-and-forth drift, no jumps: a tracker should follow one face.
    int x = (r.width() - side) / 2 - 20 + Math.abs(i % 40 - 20) * 2;
    int y = (r.height() - side) / 2;
    g.drawImage(photo, x, y, side, side, null);
    g.dispose();
    return f;
  }

  /** Writes a clip (MP4, H.264, AAC) following the recipe and returns the upright source frames. */
  static List<BufferedImage> write(Path file, Recipe r) {
    List<BufferedImage> frames = new ArrayList<>();
    boolean swap = r.rotation() % 180 != 0;
    int w = swap ? r.height() : r.width();
    int h = swap ? r.width() : r.height();
    try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(file.toFile(), w, h, r.audio() ? 1 : 0);
        Java2DFrameConverter conv = new Java2DFrameConverter()) {
      rec.setFormat("mp4");
      rec.setVideoCodecName("libopenh264");
      rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
      rec.setFrameRate(r.variableRate() ? 1000 : r.fps());
      rec.setVideoBitrate(4_000_000);
      if (r.variableRate()) {
        rec.setVideoOption("rc_mode", "timestamp");
      }
      if (r.rotation() != 0) {
        rec.setDisplayRotation(r.rotation());
      }
      rec.setAspectRatio(r.pixelAspect());
      if (r.audio()) {
        rec.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
        rec.setSampleRate(SAMPLE_RATE);
        rec.setAudioBitrate(128_000);
      }
      rec.start();
      long samples = 0;
      for (int i = 0; i < r.frames(); i++) {
        BufferedImage upright = sourceFrame(r, i);
        frames.add(upright);
        BufferedImage stored = r.rotation() == 0 ? upright : rotateClockwise(upright, r.rotation());
        long ts = r.timestamp(i);
        rec.setFrameNumber((int) Math.round(ts * (r.variableRate() ? 1000 : r.fps()) / 1e6));
        rec.record(conv.convert(stored));
        if (r.audio()) {
          long target = Math.round((i + 1) / r.fps() * SAMPLE_RATE);
          int n = (int) (target - samples);
          short[] s = new short[n];
          for (int k = 0; k < n; k++) {
            s[k] = (short) (8000 * Math.sin(2 * Math.PI * 440 * (samples + k) / SAMPLE_RATE));
          }
          samples += n;
          rec.recordSamples(SAMPLE_RATE, 1, ShortBuffer.wrap(s));
        }
      }
      rec.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot write test clip " + file, e);
    }
    return frames;
  }

  /**
   * Writes a Matroska clip whose rate changes midway: frames 0-9 at 10 fps, then 30 frames at
   * 30 fps (2 s in all), with the stream's rate fields both saying 10 fps (r_frame_rate =
   * avg_frame_rate = 10/1, from the 100 ms DefaultDuration a camera or an editor may write). The
   * video is encoded on a millisecond grid first, then its packets are copied into a file whose
   * stream declares 10 fps (JavaCV cannot set the declared rate apart from its time base).
   *
   * @return the frames' timestamps in microseconds
   */
  static List<Long> writeTenThenThirtyMatroska(Path file, Path scratch) {
    Recipe r = Recipe.of("astronaut.png", 40);
    List<Long> timestamps = new ArrayList<>();
    try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(scratch.toFile(), r.width(), r.height(), 0);
        Java2DFrameConverter conv = new Java2DFrameConverter()) {
      rec.setFormat("matroska");
      rec.setVideoCodecName("libopenh264");
      rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
      rec.setFrameRate(1000);
      rec.setVideoOption("rc_mode", "timestamp");
      rec.setVideoBitrate(4_000_000);
      rec.start();
      for (int i = 0; i < r.frames(); i++) {
        long ms = i < 10 ? i * 100L : 1000 + Math.round((i - 10) * 100 / 3.0);
        timestamps.add(ms * 1000);
        rec.setFrameNumber((int) ms);
        rec.record(conv.convert(sourceFrame(r, i)));
      }
      rec.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot write test clip " + scratch, e);
    }
    remuxDeclaringRate(scratch, file, 10);
    return timestamps;
  }

  /** Copies a one-stream file's packets into a Matroska file whose stream declares {@code fps}. */
  private static void remuxDeclaringRate(Path in, Path out, int fps) {
    AVFormatContext ic = new AVFormatContext(null);
    AVFormatContext oc = new AVFormatContext(null);
    AVPacket p = avcodec.av_packet_alloc();
    try {
      check(avformat.avformat_open_input(ic, in.toString(), null, null), "open " + in);
      check(avformat.avformat_find_stream_info(ic, (PointerPointer<?>) null), "read " + in);
      check(avformat.avformat_alloc_output_context2(oc, null, "matroska", out.toString()), "create " + out);
      AVStream is = ic.streams(0);
      AVStream os = avformat.avformat_new_stream(oc, null);
      check(avcodec.avcodec_parameters_copy(os.codecpar(), is.codecpar()), "copy parameters");
      os.codecpar().codec_tag(0);
      os.time_base(is.time_base());
      os.avg_frame_rate(avutil.av_make_q(fps, 1));
      AVIOContext pb = new AVIOContext(null);
      check(avformat.avio_open(pb, out.toString(), avformat.AVIO_FLAG_WRITE), "open " + out);
      oc.pb(pb);
      check(avformat.avformat_write_header(oc, (AVDictionary) null), "write header");
      while (avformat.av_read_frame(ic, p) >= 0) {
        avcodec.av_packet_rescale_ts(p, is.time_base(), os.time_base());
        p.stream_index(0);
        check(avformat.av_interleaved_write_frame(oc, p), "write packet");
      }
      check(avformat.av_write_trailer(oc), "write trailer");
    } finally {
      avcodec.av_packet_free(p);
      if (!oc.isNull()) {
        avformat.avio_closep(oc.pb());
        avformat.avformat_free_context(oc);
      }
      avformat.avformat_close_input(ic);
    }
  }

  private static void check(int rc, String what) {
    if (rc < 0) {
      throw new IllegalStateException("cannot " + what + ": FFmpeg error " + rc);
    }
  }

  /** Returns the name of a file's video codec, as FFmpeg calls it. @return e.g. {@code h264} */
  static String videoCodecName(Path file) {
    try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
      g.start();
      String name = avcodec.avcodec_get_name(g.getFormatContext().streams(g.getVideoStream()).codecpar().codec_id())
          .getString();
      g.stop();
      return name;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  /** Returns a file's video stream's declared rates. @return {r_frame_rate, avg_frame_rate} */
  static double[] declaredRates(Path file) {
    try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
      g.start();
      AVStream st = g.getFormatContext().streams(g.getVideoStream());
      double[] rates = {avutil.av_q2d(st.r_frame_rate()), avutil.av_q2d(st.avg_frame_rate())};
      g.stop();
      return rates;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  /** Writes an audio-only M4A clip (AAC sine). */
  static void writeAudioOnly(Path file, double seconds) {
    try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(file.toFile(), 1)) {
      rec.setFormat("mp4");
      rec.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
      rec.setSampleRate(SAMPLE_RATE);
      rec.start();
      int n = (int) (seconds * SAMPLE_RATE);
      short[] s = new short[n];
      for (int k = 0; k < n; k++) {
        s[k] = (short) (8000 * Math.sin(2 * Math.PI * 440 * k / SAMPLE_RATE));
      }
      rec.recordSamples(SAMPLE_RATE, 1, ShortBuffer.wrap(s));
      rec.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot write test clip " + file, e);
    }
  }

  /** Rotates clockwise: the stored pixels of a clip whose display rotation turns them back. */
  static BufferedImage rotateClockwise(BufferedImage src, int degrees) {
    BufferedImage out = src;
    for (int k = 0; k < degrees / 90; k++) {
      BufferedImage r = new BufferedImage(out.getHeight(), out.getWidth(), BufferedImage.TYPE_3BYTE_BGR);
      for (int y = 0; y < out.getHeight(); y++) {
        for (int x = 0; x < out.getWidth(); x++) {
          r.setRGB(out.getHeight() - 1 - y, x, out.getRGB(x, y));
        }
      }
      out = r;
    }
    return out;
  }

  /** Reads a clip's streams, frame timestamps and audio sample count. */
  static ClipInfo probe(Path file) {
    try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
      g.start();
      int frames = 0;
      long samples = 0;
      List<Long> ts = new ArrayList<>();
      Frame f;
      while ((f = g.grab()) != null) {
        if (f.image != null) {
          frames++;
          ts.add(f.timestamp);
        } else if (f.samples != null) {
          samples += f.samples[0].limit() / Math.max(1, f.samples.length == 1 ? f.audioChannels : 1);
        }
      }
      ClipInfo info = new ClipInfo(frames, g.getImageWidth(), g.getImageHeight(), g.getFrameRate(),
          g.getDisplayRotation(), g.getLengthInTime(), g.getAudioChannels(), samples, ts, g.getAspectRatio(),
          g.getFormatContext().streams(g.getVideoStream()).codecpar().color_range());
      g.stop();
      return info;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  /** A digest of a clip's compressed audio: equal digests mean the audio was copied, not re-encoded. */
  static String audioPackets(Path file) {
    try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
      g.start();
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      long packets = 0;
      org.bytedeco.ffmpeg.avcodec.AVPacket p;
      while ((p = g.grabPacket()) != null) {
        if (p.stream_index() == g.getAudioStream() && p.size() > 0) {
          byte[] data = new byte[p.size()];
          p.data().get(data);
          crc.update(data);
          packets++;
        }
        org.bytedeco.ffmpeg.global.avcodec.av_packet_unref(p);
      }
      g.stop();
      return packets + " packets, crc " + Long.toHexString(crc.getValue());
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  /** Decodes every video frame of a clip as stored (no rotation applied). */
  static List<BufferedImage> decode(Path file) {
    List<BufferedImage> out = new ArrayList<>();
    try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile());
        Java2DFrameConverter conv = new Java2DFrameConverter()) {
      g.start();
      Frame f;
      while ((f = g.grabImage()) != null) {
        BufferedImage shared = conv.convert(f);
        BufferedImage copy = new BufferedImage(shared.getWidth(), shared.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        copy.createGraphics().drawImage(shared, 0, 0, null);
        out.add(copy);
      }
      g.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
    return out;
  }

  /**
   * Luma PSNR: the BT.601 luma of two same-size images compared, as a codec's PSNR is usually
   * quoted; chroma is left out because the RGB round trip resamples it whatever the encoder does.
   */
  static double lumaPsnr(BufferedImage a, BufferedImage b) {
    double se = 0;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        double d = luma(a.getRGB(x, y)) - luma(b.getRGB(x, y));
        se += d * d;
      }
    }
    double mse = se / ((double) a.getWidth() * a.getHeight());
    return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255.0 * 255.0 / mse);
  }

  private static double luma(int rgb) {
    return 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
  }

  static BufferedImage read(String image) {
    try {
      return ImageIO.read(SharedData.image(image).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
