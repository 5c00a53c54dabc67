package io.gpen4j.video.internal.codec;

import io.gpen4j.video.VideoException;
import java.awt.image.BufferedImage;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Reads frames from anything FFmpeg opens by name: a camera device ({@code /dev/video0} with
 * {@code v4l2}, {@code avfoundation}, {@code dshow}), a stream URL (RTSP, RTMP, HTTP, UDP), a
 * generator ({@code lavfi}) or a file. Not thread-safe: one reading thread.
 */
public final class LiveSource implements AutoCloseable {
  private final String input;
  private final FFmpegFrameGrabber grabber;
  private final int rotation;

  private LiveSource(String input, FFmpegFrameGrabber grabber) {
    this.input = input;
    this.grabber = grabber;
    this.rotation = VideoReader.rightAngle(grabber.getDisplayRotation());
  }

  /**
   * Opens the input.
   *
   * @param input a device, URL or file as FFmpeg names it
   * @param format FFmpeg's input format ({@code v4l2}, {@code lavfi} ...), or null to let FFmpeg guess
   * @return an open source; the caller closes it
   * @throws VideoException if FFmpeg cannot open it or it has no video
   */
  public static LiveSource open(String input, String format) {
    FfmpegLog.quiet();
    FFmpegFrameGrabber g = new FFmpegFrameGrabber(input);
    if (format != null) {
      g.setFormat(format);
    }
    g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
    g.setImageMode(FrameGrabber.ImageMode.COLOR);
    g.setImageScalingFlags(FrameImages.SCALER_FLAGS);
    try {
      g.start();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      close(g);
      throw new VideoException("cannot open live input " + input + (format != null ? " (format " + format + ")" : "")
          + ": " + VideoReader.reason(e), e);
    }
    if (g.getVideoStream() < 0 || g.getImageWidth() <= 0 || g.getImageHeight() <= 0) {
      close(g);
      throw new VideoException("no video in live input " + input);
    }
    return new LiveSource(input, g);
  }

  /** Returns the frame rate the input declares. @return frames per second; 25 when it declares none */
  public double frameRate() {
    double r = grabber.getFrameRate();
    return r > 0 && Double.isFinite(r) ? r : 25;
  }

  /** Returns the upright frame width. @return pixels */
  public int width() {
    return rotation % 180 == 0 ? grabber.getImageWidth() : grabber.getImageHeight();
  }

  /** Returns the upright frame height. @return pixels */
  public int height() {
    return rotation % 180 == 0 ? grabber.getImageHeight() : grabber.getImageWidth();
  }

  /**
   * Reads the next frame, waiting for it on a live input.
   *
   * @return a new upright image and its timestamp, or null at the input's end
   * @throws VideoException if reading fails
   */
  public Timed next() {
    try {
      Frame f = grabber.grabImage();
      if (f == null) {
        return null;
      }
      return new Timed(FrameImages.toImage(f, rotation), grabber.getTimestamp());
    } catch (FrameGrabber.Exception | RuntimeException e) {
      throw new VideoException("cannot read live input " + input + ": " + VideoReader.reason(e), e);
    }
  }

  /** Stops reading. Idempotent; never throws. */
  @Override
  public void close() {
    close(grabber);
  }

  private static void close(FFmpegFrameGrabber g) {
    try {
      g.close();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      // Nothing more to release.
    }
  }

  /**
   * A frame and the input's timestamp for it.
   *
   * @param image the upright frame, new
   * @param timestampMicros the input's presentation time
   */
  public record Timed(BufferedImage image, long timestampMicros) {}
}
