package io.gpen4j.video.internal.codec;

import io.gpen4j.video.VideoException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes restored frames and the kept audio into one file with FFmpeg (through JavaCV).
 *
 * <p>Timestamps: each frame is placed at its own timestamp, not at its index, so variable frame
 * rate and gaps survive. The encoder's time base is the spec's grid: the frame rate when every
 * timestamp sits on it (checked on the input's packets), else the input's own time base (clamped
 * to 1 ms .. 1/90 kHz), never a grid taken from the rate fields alone, which can miss a change of
 * rate midway (a 10-then-30 fps Matroska file reports 10 fps in both). JavaCV places frames on a
 * grid of its "frame rate", which is therefore set to that grid. Colour:
 * frames are written as 4:2:0 YUV in TV range with the BT.601 matrix, which is how JavaCV's scaler
 * converts, and tagged so.
 *
 * <p>Not thread-safe: one encoding thread.
 */
public final class VideoWriter implements FrameSink {
  private static final Logger LOG = LoggerFactory.getLogger(VideoWriter.class);
  /** MPEG-4 Part 2's largest time resolution (vop_time_increment_resolution is 16 bits). */
  private static final double MPEG4_MAX_TICKS = 65_535;

  private final Path file;
  private final FFmpegFrameRecorder recorder;
  private final Frame frame;
  private final double gridRate;
  private long lastTick = -1;
  private long framesMoved;
  private long framesWritten;
  private boolean closed;

  private VideoWriter(Path file, FFmpegFrameRecorder recorder, VideoSpec spec, double gridRate) {
    this.file = file;
    this.recorder = recorder;
    this.gridRate = gridRate;
    this.frame = new Frame(spec.width(), spec.height(), Frame.DEPTH_UBYTE, 3);
  }

  /**
   * Creates the file and opens the encoders.
   *
   * @param file where to write (a temporary file; the caller moves it into place)
   * @param format the container and its encoders
   * @param spec the video and audio to write
   * @return an open writer; the caller closes it
   * @throws VideoException if an encoder is missing or cannot be opened, or the file cannot be created
   */
  public static VideoWriter open(Path file, VideoContainer format, VideoSpec spec) {
    FfmpegLog.quiet();
    String encoder = spec.encoder().encoder().orElse(format.videoEncoder());
    FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), spec.width(), spec.height(), spec.audioChannels());
    r.setFormat(format.muxer());
    r.setVideoCodecName(encoder);
    r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
    r.setImageScalingFlags(FrameImages.SCALER_FLAGS);
    double grid = grid(format, encoder, spec);
    r.setFrameRate(grid);
    r.setAspectRatio(spec.pixelAspectRatio());
    r.setGopSize((int) Math.max(1, Math.round(spec.frameRate() * 2)));
    RateControl.configure(r, encoder, spec);
    r.setVideoOption("color_range", "tv");
    r.setVideoOption("colorspace", "smpte170m");
    if (spec.audioChannels() > 0) {
      r.setAudioCodecName(format.audioEncoder());
      int rate = format.audioSampleRate() != 0 ? format.audioSampleRate()
          : format == VideoContainer.AVI ? Math.min(48_000, spec.sampleRate()) : spec.sampleRate();
      r.setSampleRate(rate);
      r.setAudioChannels(spec.audioChannels());
      r.setAudioBitrate(spec.audioBitrate() > 0 ? Math.max(96_000, spec.audioBitrate()) : 192_000);
    }
    try {
      r.start();
    } catch (FrameRecorder.Exception | RuntimeException e) {
      try {
        r.close();
      } catch (FrameRecorder.Exception | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new VideoException("cannot start writing " + file + " (" + encoder
          + (spec.audioChannels() > 0 ? " + " + format.audioEncoder() : "") + "): " + VideoReader.reason(e), e);
    }
    return new VideoWriter(file, r, spec, grid);
  }

  /**
   * The time base: the spec's fine grid, except where the format or the encoder cannot take one.
   * AVI has one frame per tick (FFmpeg fills a gap with empty frames), so it keeps the frame rate;
   * MPEG-4 Part 2 counts time in 16 bits, so it gets a millisecond grid at most.
   */
  private static double grid(VideoContainer format, String encoder, VideoSpec spec) {
    if (format == VideoContainer.AVI) {
      return spec.frameRate();
    }
    if (encoder.equals("mpeg4") && spec.ticksPerSecond() > MPEG4_MAX_TICKS) {
      return VideoReader.MIN_TICKS_PER_SECOND;
    }
    return spec.ticksPerSecond();
  }

  /**
   * Encodes one frame at its timestamp. A timestamp that falls on the tick of the frame before
   * (only on a frame-rate grid, as AVI's, or with repeated input timestamps) moves one tick on, so
   * every frame is kept, and a warning says how many frames moved.
   *
   * @param image the frame, of the writer's size
   * @param index its position (for the warning about a moved frame; the timestamp places it)
   * @param timestampMicros its presentation time
   * @throws VideoException if encoding or writing fails (a full disk)
   */
  @Override
  public void writeVideo(BufferedImage image, long index, long timestampMicros) {
    long wanted = Math.round(timestampMicros * gridRate / 1e6);
    long tick = Math.max(lastTick + 1, wanted);
    if (tick != wanted && framesMoved++ == 0) {
      LOG.warn("{}: frame {} at {} us falls on the tick of the frame before on a {} ticks/s grid; it and any"
          + " later such frames are moved one tick on (counted when the file is finished)", file, index,
          timestampMicros, gridRate);
    }
    lastTick = tick;
    try {
      recorder.setFrameNumber((int) tick);
      recorder.record(FrameImages.copyInto(image, frame), avutil.AV_PIX_FMT_BGR24);
      framesWritten++;
    } catch (FrameRecorder.Exception | RuntimeException e) {
      throw new VideoException("cannot write " + file + ": " + VideoReader.reason(e), e);
    }
  }

  /**
   * Encodes a block of audio samples after the ones before.
   *
   * @param samples the samples, in any of FFmpeg's sample formats
   * @throws VideoException if encoding or writing fails
   */
  @Override
  public void writeAudio(Frame samples) {
    try {
      recorder.record(samples);
    } catch (FrameRecorder.Exception | RuntimeException e) {
      throw new VideoException("cannot write audio to " + file + ": " + VideoReader.reason(e), e);
    } finally {
      samples.close();
    }
  }

  /**
   * Flushes the encoders and writes the container's index.
   *
   * @throws VideoException if the file cannot be completed
   */
  @Override
  public void finish() {
    try {
      recorder.stop();
    } catch (FrameRecorder.Exception | RuntimeException e) {
      throw new VideoException("cannot finish " + file + ": " + VideoReader.reason(e), e);
    }
    if (framesMoved > 0) {
      LOG.warn("{}: {} of {} frames were moved off their timestamps by one tick of a {} ticks/s grid", file,
          framesMoved, framesWritten, gridRate);
    }
    verify();
  }

  /**
   * Reads the finished file's header back. FFmpeg does not report every failed write (a full disk
   * leaves a silently truncated file whose index never got written), so the file is trusted only
   * when it opens and lists about the frames written.
   */
  private void verify() {
    verify(file, framesWritten);
  }

  /**
   * Checks that a finished video file opens and lists about the frames written.
   *
   * @param file the file
   * @param written the frames written into it
   * @throws VideoException if it does not read back
   */
  public static void verify(Path file, long written) {
    long readable;
    try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
      g.start();
      readable = g.getLengthInVideoFrames();
      g.stop();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      throw new VideoException("cannot complete " + file + ": the written file does not read back ("
          + VideoReader.reason(e) + ")" + spaceHint(file), e);
    }
    if (readable < written - Math.max(2, written / 100)) {
      throw new VideoException("cannot complete " + file + ": " + readable + " of " + written
          + " frames read back" + spaceHint(file));
    }
  }

  private static String spaceHint(Path file) {
    try {
      long free = Files.getFileStore(file).getUsableSpace();
      return free < 1024 * 1024 ? "; the disk is full (" + free + " bytes free)" : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** Releases the encoders without finishing the file. Idempotent; never throws. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      recorder.close();
    } catch (FrameRecorder.Exception | RuntimeException e) {
      // The file is being abandoned or is already complete.
    }
    frame.close();
  }
}
