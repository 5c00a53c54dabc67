package io.gpen4j.video.internal.frames;

import io.gpen4j.video.VideoException;
import io.gpen4j.video.internal.codec.FrameSink;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongFunction;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.Frame;

/**
 * Writes restored frames as image files into a folder, each named by a function of its index
 * (the input's names for a folder, {@code frame_000001.png} for a video). Audio is dropped: a
 * folder of images has nowhere to keep it.
 */
public final class FrameFolderWriter implements FrameSink {
  private final Path folder;
  private final LongFunction<String> names;

  /**
   * Creates a writer.
   *
   * @param folder an existing folder (the temporary one)
   * @param names the file name of the frame at each index; its extension sets the format
   */
  public FrameFolderWriter(Path folder, LongFunction<String> names) {
    this.folder = folder;
    this.names = names;
  }

  /**
   * Names frames {@code frame_000001.png} and on, for a video turned into frames.
   *
   * @param index the frame's position from 0
   * @return the name
   */
  public static String numberedPng(long index) {
    return String.format("frame_%06d.png", index + 1);
  }

  @Override
  public void writeVideo(BufferedImage image, long index, long timestampMicros) {
    Path file = folder.resolve(names.apply(index));
    String format = FrameFolderReader.extension(file);
    BufferedImage out = image;
    if (!format.equals("png") && image.getColorModel().hasAlpha()) {
      // JPEG and BMP writers reject alpha.
      out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
      out.createGraphics().drawImage(image, 0, 0, null);
    }
    try {
      if (!ImageIO.write(out, format.equals("jpeg") ? "jpg" : format, file.toFile())) {
        throw new VideoException("no image writer for " + file);
      }
    } catch (IOException e) {
      throw new VideoException("cannot write frame " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void writeAudio(Frame samples) {
    samples.close();
  }

  @Override
  public void finish() {
    // Every frame is complete once written.
  }

  @Override
  public void close() {
    // Nothing held open.
  }
}
