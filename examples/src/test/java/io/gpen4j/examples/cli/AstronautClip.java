package io.gpen4j.examples.cli;

import io.gpen4j.testing.SharedData;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/** The video command tests' input: the astronaut photo as a 320x320 MP4 at 10 fps, and the identity generator. */
final class AstronautClip {
  private AstronautClip() {}

  /** Returns the identity generator's file. @return its path */
  static String identityModel() {
    return Paths.get(System.getProperty("gpen4j.repo", "..")).resolve("models/test/identity-256.onnx").toString();
  }

  /**
   * Writes the clip.
   *
   * @param folder where to write {@code clip.mp4}
   * @param frames how many frames
   * @return the file
   */
  static Path write(Path folder, int frames) throws Exception {
    Path file = folder.resolve("clip.mp4");
    BufferedImage photo = ImageIO.read(SharedData.image("astronaut.png").toFile());
    BufferedImage frame = new BufferedImage(320, 320, BufferedImage.TYPE_3BYTE_BGR);
    frame.createGraphics().drawImage(photo, 0, 0, 320, 320, null);
    try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(file.toFile(), 320, 320, 0);
        Java2DFrameConverter conv = new Java2DFrameConverter()) {
      rec.setFormat("mp4");
      rec.setVideoCodecName("libopenh264");
      rec.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
      rec.setFrameRate(10);
      rec.start();
      for (int i = 0; i < frames; i++) {
        rec.record(conv.convert(frame));
      }
      rec.stop();
    }
    return file;
  }
}
