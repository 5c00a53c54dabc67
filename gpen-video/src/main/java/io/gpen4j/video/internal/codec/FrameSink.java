package io.gpen4j.video.internal.codec;

import java.awt.image.BufferedImage;
import org.bytedeco.javacv.Frame;

/** Where restored frames go: a video file or a folder of frames. Not thread-safe. */
public interface FrameSink extends AutoCloseable {
  /**
   * Writes the next frame.
   *
   * @param image the frame
   * @param index its position in the output, from 0
   * @param timestampMicros its presentation time
   * @throws io.gpen4j.video.VideoException if it cannot be written
   */
  void writeVideo(BufferedImage image, long index, long timestampMicros);

  /**
   * Writes audio that plays from the frames written so far; a sink without audio drops it.
   *
   * @param samples the samples; the sink releases them
   * @throws io.gpen4j.video.VideoException if it cannot be written
   */
  void writeAudio(Frame samples);

  /**
   * Completes the output.
   *
   * @throws io.gpen4j.video.VideoException if it cannot be completed
   */
  void finish();

  /** Releases the output without completing it. Idempotent; never throws. */
  @Override
  void close();
}
