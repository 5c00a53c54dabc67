package io.gpen4j.video.internal.codec;

import io.gpen4j.video.VideoException;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Encodes a live stream's restored frames into a file or a stream URL FFmpeg writes (RTMP with
 * {@code flv}, UDP or SRT with {@code mpegts}, RTSP with {@code rtsp}). Frames are placed on the
 * input's frame-rate grid at their capture times, so a dropped frame leaves a gap (the frame
 * before is shown longer), and the output's duration is the input's. Video only. Not thread-safe:
 * one writing thread.
 */
public final class LiveSink implements AutoCloseable {
  private final String output;
  private final FFmpegFrameRecorder recorder;
  private final Frame frame;
  private final double frameRate;
  private long lastTick = -1;
  private long written;
  private boolean closed;

  private LiveSink(String output, FFmpegFrameRecorder recorder, int width, int height, double frameRate) {
    this.output = output;
    this.recorder = recorder;
    this.frameRate = frameRate;
    this.frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
  }

  /**
   * Opens the output. A file's container and encoder follow its extension as for a restored video
   * file; a URL or a name without a known extension needs {@code format}, and gets H.264 (OpenH264)
   * unless {@code encoder} says otherwise.
   *
   * @param output a file or URL
   * @param format FFmpeg's muxer ({@code mp4}, {@code flv}, {@code mpegts} ...), or null for the
   *     file extension's
   * @param encoder settings for the video encoder and its rate
   * @param width frame width
   * @param height frame height
   * @param frameRate the input's frame rate: the grid frames are placed on
   * @return an open sink; the caller finishes and closes it
   * @throws IllegalArgumentException if there is no format and the output's extension is not a
   *     known container
   * @throws VideoException if FFmpeg cannot open the output or the encoder
   */
  public static LiveSink open(String output, String format, EncoderSettings encoder, int width, int height,
      double frameRate) {
    FfmpegLog.quiet();
    VideoContainer container = format != null ? byMuxer(format) : VideoContainer.forFile(Path.of(output));
    String muxer = format != null ? format : container.muxer();
    String codec = encoder.encoder().orElse(container != null ? container.videoEncoder() : "libopenh264");
    if (container != null) {
      container.checkVideoEncoder(codec);
    }
    FFmpegFrameRecorder r = new FFmpegFrameRecorder(output, width, height, 0);
    r.setFormat(muxer);
    r.setVideoCodecName(codec);
    r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
    r.setImageScalingFlags(FrameImages.SCALER_FLAGS);
    r.setFrameRate(frameRate);
    r.setGopSize((int) Math.max(1, Math.round(frameRate * 2)));
    RateControl.configure(r, codec, new VideoSpec(width, height, frameRate, frameRate, 1, encoder, 0, 0, 0));
    r.setVideoOption("color_range", "tv");
    r.setVideoOption("colorspace", "smpte170m");
    try {
      r.start();
    } catch (FrameRecorder.Exception | RuntimeException e) {
      try {
        r.close();
      } catch (FrameRecorder.Exception | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new VideoException("cannot start writing " + output + " (" + muxer + ", " + codec + "): "
          + VideoReader.reason(e), e);
    }
    return new LiveSink(output, r, width, height, frameRate);
  }

  /**
   * Encodes a frame at its time from the stream's start; a frame on the tick of the one before
   * (two captures closer than one input frame interval) moves one tick on.
   *
   * @param image the frame, of the sink's size
   * @param micros its time from the start of the stream
   * @throws VideoException if encoding or writing fails
   */
  public void write(BufferedImage image, long micros) {
    long tick = Math.max(lastTick + 1, Math.round(micros * frameRate / 1e6));
    lastTick = tick;
    try {
      recorder.setFrameNumber((int) tick);
      recorder.record(FrameImages.copyInto(image, frame), avutil.AV_PIX_FMT_BGR24);
      written++;
    } catch (FrameRecorder.Exception | RuntimeException e) {
      throw new VideoException("cannot write " + output + ": " + VideoReader.reason(e), e);
    }
  }

  /** Returns the frames written. @return the count */
  public long written() {
    return written;
  }

  /**
   * Flushes the encoder and writes the container's trailer.
   *
   * @throws VideoException if the output cannot be completed
   */
  public void finish() {
    try {
      recorder.stop();
    } catch (FrameRecorder.Exception | RuntimeException e) {
      throw new VideoException("cannot finish " + output + ": " + VideoReader.reason(e), e);
    }
  }

  /** Releases the encoder. Idempotent; never throws. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      recorder.close();
    } catch (FrameRecorder.Exception | RuntimeException e) {
      // The output is complete or abandoned.
    }
    frame.close();
  }

  /** The container a muxer name is, or null for one outside the file containers (flv, mpegts ...). */
  private static VideoContainer byMuxer(String format) {
    for (VideoContainer c : VideoContainer.values()) {
      if (c.muxer().equals(format)) {
        return c;
      }
    }
    return null;
  }
}
