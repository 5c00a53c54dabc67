package io.gpen4j.video.internal.codec;

import io.gpen4j.video.VideoException;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Decodes a video file with FFmpeg (through JavaCV): whatever container and codec the bundled
 * FFmpeg reads. Frames come out upright (the stream's display rotation applied to the pixels, so
 * faces are upright for the detector), as new images, with timestamps relative to the window's
 * start; audio comes out as copied sample blocks of the first audio stream.
 *
 * <p>Not thread-safe: one decoding thread.
 */
public final class VideoReader implements FrameSource {
  /** The coarsest grid {@link #ticksPerSecond()} returns: one millisecond. */
  public static final double MIN_TICKS_PER_SECOND = 1000;
  /** The finest grid {@link #ticksPerSecond()} returns: MPEG-TS's 90 kHz clock. */
  public static final double MAX_TICKS_PER_SECOND = 90_000;

  private final Path input;
  private final FFmpegFrameGrabber grabber;
  private final int rotation;
  private final long startMicros;
  private final long endMicros;
  private final boolean audio;
  private final double ticksPerSecond;
  private boolean closed;

  private VideoReader(Path input, FFmpegFrameGrabber grabber, long startMicros, long endMicros, boolean audio,
      boolean constantRate) {
    this.input = input;
    this.grabber = grabber;
    this.startMicros = startMicros;
    this.endMicros = endMicros;
    this.audio = audio;
    this.rotation = rightAngle(grabber.getDisplayRotation());
    this.ticksPerSecond = constantRate ? frameRate() : streamTicksPerSecond(grabber);
  }

  /**
   * Opens a video file and seeks to the window's start.
   *
   * @param input the file
   * @param start where the window starts
   * @param duration the window's length, or null for the rest of the file
   * @param withAudio whether to decode the audio
   * @return an open reader; the caller closes it
   * @throws VideoException if the file is missing, not a media file, truncated, has no video
   *     stream, or its video codec cannot be decoded
   */
  public static VideoReader open(Path input, Duration start, Duration duration, boolean withAudio) {
    if (!Files.isRegularFile(input)) {
      throw new VideoException("no such video file: " + input);
    }
    FfmpegLog.quiet();
    FFmpegFrameGrabber g = new FFmpegFrameGrabber(input.toFile());
    g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
    g.setImageMode(FrameGrabber.ImageMode.COLOR);
    g.setImageScalingFlags(FrameImages.SCALER_FLAGS);
    try {
      g.start();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      release(g);
      throw new VideoException("cannot read " + input + ": " + reason(e), e);
    }
    if (g.getVideoStream() < 0 || g.getImageWidth() <= 0 || g.getImageHeight() <= 0) {
      release(g);
      throw new VideoException("no video stream in " + input
          + (g.hasAudio() ? " (it holds only audio)" : ""));
    }
    long startMicros = start.toNanos() / 1000;
    long endMicros = duration == null ? Long.MAX_VALUE : startMicros + duration.toNanos() / 1000;
    boolean withAudioStream = withAudio && g.hasAudio() && g.getAudioChannels() > 0;
    double rate = g.getFrameRate() > 0 && Double.isFinite(g.getFrameRate()) ? g.getFrameRate() : 25;
    boolean constantRate = RateGrid.fits(input, rate, startMicros, endMicros);
    VideoReader reader = new VideoReader(input, g, startMicros, endMicros, withAudioStream, constantRate);
    if (startMicros > 0) {
      try {
        g.setTimestamp(startMicros);
      } catch (FrameGrabber.Exception | RuntimeException e) {
        reader.close();
        throw new VideoException("cannot seek to " + start + " in " + input + ": " + reason(e), e);
      }
    }
    return reader;
  }

  /**
   * Decodes the next video frame or audio block in the window.
   *
   * @return the next item, or null at the window's or the file's end
   * @throws VideoException if the stream is corrupt beyond what FFmpeg skips
   */
  @Override
  public Decoded next() {
    while (true) {
      long t0 = System.nanoTime();
      Frame f;
      try {
        f = audio ? grabber.grab() : grabber.grabImage();
      } catch (FrameGrabber.Exception | RuntimeException e) {
        throw new VideoException("cannot decode " + input + ": " + reason(e), e);
      }
      if (f == null) {
        return null;
      }
      long ts = f.timestamp;
      if (f.image != null) {
        if (ts >= endMicros) {
          return null;
        }
        if (ts < startMicros) {
          continue;
        }
        BufferedImage image = FrameImages.toImage(f, rotation);
        return new Decoded.Video(image, ts - startMicros, Duration.ofNanos(System.nanoTime() - t0));
      }
      if (f.samples != null && audio && ts >= startMicros && ts < endMicros) {
        return new Decoded.Audio(f.clone(), ts - startMicros);
      }
    }
  }

  /** Returns the width of the upright frames. @return pixels */
  public int width() {
    return rotation % 180 == 0 ? grabber.getImageWidth() : grabber.getImageHeight();
  }

  /** Returns the height of the upright frames. @return pixels */
  public int height() {
    return rotation % 180 == 0 ? grabber.getImageHeight() : grabber.getImageWidth();
  }

  /** Returns the counter-clockwise rotation applied to the pixels. @return 0, 90, 180 or 270 */
  public int rotation() {
    return rotation;
  }

  /** Returns the average frame rate. @return frames per second, 25 when the file does not say */
  public double frameRate() {
    double r = grabber.getFrameRate();
    return r > 0 && Double.isFinite(r) ? r : 25;
  }

  /**
   * Returns the grid a writer keeps every timestamp on: the frame rate when every timestamp of the
   * window sits on its own tick of it (checked on the packets when the file is opened), else the
   * video stream's time base, of which every timestamp the file holds is a whole number, whatever
   * its rate fields say (a file whose frame rate changes midway may report one rate for the whole
   * stream).
   *
   * @return ticks per second: the frame rate, or the time base clamped to between {@link
   *     #MIN_TICKS_PER_SECOND} and {@link #MAX_TICKS_PER_SECOND}
   */
  public double ticksPerSecond() {
    return ticksPerSecond;
  }

  /** Returns the pixel aspect ratio, for the upright frames. @return width over height of one pixel */
  public double pixelAspectRatio() {
    double sar = grabber.getAspectRatio();
    if (!(sar > 0) || !Double.isFinite(sar)) {
      return 1;
    }
    return rotation % 180 == 0 ? sar : 1 / sar;
  }

  /** Returns whether audio is decoded. @return true when the file has audio and it was asked for */
  public boolean hasAudio() {
    return audio;
  }

  /** Returns the audio channels. @return 0 without audio */
  public int audioChannels() {
    return audio ? grabber.getAudioChannels() : 0;
  }

  /** Returns the audio sample rate. @return samples per second, 0 without audio */
  public int sampleRate() {
    return audio ? grabber.getSampleRate() : 0;
  }

  /** Returns the audio bit rate. @return bits per second, 0 when unknown */
  public int audioBitrate() {
    return audio ? Math.max(0, grabber.getAudioBitrate()) : 0;
  }

  /**
   * Estimates how many frames the window holds, from the container's frame count or duration.
   *
   * @return the estimate; empty when the container does not say
   */
  @Override
  public OptionalLong frameCountEstimate() {
    long frames = grabber.getLengthInVideoFrames();
    if (frames <= 0) {
      long micros = grabber.getLengthInTime();
      if (micros <= 0) {
        return OptionalLong.empty();
      }
      frames = Math.round(micros / 1e6 * frameRate());
    }
    double fps = frameRate();
    long skipped = Math.round(startMicros / 1e6 * fps);
    long left = Math.max(0, frames - skipped);
    if (endMicros != Long.MAX_VALUE) {
      left = Math.min(left, Math.round((endMicros - startMicros) / 1e6 * fps));
    }
    return OptionalLong.of(left);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      release(grabber);
    }
  }

  private static void release(FFmpegFrameGrabber g) {
    try {
      g.close();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      // Nothing to recover: the reader is being abandoned.
    }
  }

  static String reason(Throwable e) {
    String m = e.getMessage();
    return m != null ? m : e.getClass().getSimpleName();
  }

  static int rightAngle(double degrees) {
    if (!Double.isFinite(degrees)) {
      return 0;
    }
    int d = (int) Math.round(degrees / 90.0) * 90;
    return ((d % 360) + 360) % 360;
  }

  /**
   * The stream's time base, clamped: below a millisecond grid a window that starts between two
   * ticks would put the frames up to half a coarse tick off; above 90 kHz (MPEG-TS's clock) the
   * frame numbers of a long video would overflow the encoder's counter, and 11 microseconds is
   * finer than any timestamp needs.
   */
  private static double streamTicksPerSecond(FFmpegFrameGrabber g) {
    AVFormatContext ctx = g.getFormatContext();
    int index = g.getVideoStream();
    if (ctx == null || index < 0 || index >= ctx.nb_streams()) {
      return MIN_TICKS_PER_SECOND;
    }
    AVRational base = ctx.streams(index).time_base();
    if (base.num() <= 0 || base.den() <= 0) {
      return MIN_TICKS_PER_SECOND;
    }
    double ticks = (double) base.den() / base.num();
    return ticks < MIN_TICKS_PER_SECOND ? MIN_TICKS_PER_SECOND : Math.min(ticks, MAX_TICKS_PER_SECOND);
  }

}
