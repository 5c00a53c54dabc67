package io.gpen4j.bench;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/** A one-face 640x360 H.264 clip made from astronaut.png, for the video benchmarks. */
final class BenchClip {
  static final int WIDTH = 640;
  static final int HEIGHT = 360;

  private BenchClip() {}

  /** The frame i: the photo, 300 px, drifting slowly over a gradient. */
  static BufferedImage frame(BufferedImage photo, int i) {
    return frame(photo, i, WIDTH, HEIGHT);
  }

  /** The frame i at another size: the 640x360 picture scaled (the face 300 x width / 640 px). */
  static BufferedImage frame(BufferedImage photo, int i, int width, int height) {
    BufferedImage f = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = f.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.scale((double) width / WIDTH, (double) height / HEIGHT);
    g.setPaint(new GradientPaint(0, 0, new Color(40, 90, 160), WIDTH, HEIGHT, new Color(220, 180, 90)));
    g.fillRect(0, 0, WIDTH, HEIGHT);
    int x = 150 + Math.abs(i % 40 - 20) * 2;
    g.drawImage(photo, x, 30, 300, 300, null);
    g.dispose();
    return f;
  }

  /**
   * Writes the clip.
   *
   * @param file where
   * @param seconds its length
   * @param fps its frame rate
   */
  static void write(Path file, double seconds, double fps) throws Exception {
    write(file, seconds, fps, WIDTH, HEIGHT);
  }

  /**
   * Writes the clip at another size.
   *
   * @param file where
   * @param seconds its length
   * @param fps its frame rate
   * @param width its width
   * @param height its height
   */
  static void write(Path file, double seconds, double fps, int width, int height) throws Exception {
    BufferedImage photo = javax.imageio.ImageIO.read(BenchData.shared("images/astronaut.png").toFile());
    int frames = (int) Math.round(seconds * fps);
    try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(file.toFile(), width, height, 0);
        Java2DFrameConverter conv = new Java2DFrameConverter()) {
      rec.setFormat("mp4");
      rec.setVideoCodecName("libopenh264");
      rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
      rec.setFrameRate(fps);
      rec.setVideoBitrate(2_000_000);
      rec.start();
      for (int i = 0; i < frames; i++) {
        rec.record(conv.convert(frame(photo, i, width, height)));
      }
      rec.stop();
    }
  }
}
