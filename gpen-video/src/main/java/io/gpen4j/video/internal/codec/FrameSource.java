package io.gpen4j.video.internal.codec;

import java.util.OptionalLong;

/** Where frames come from: a video file or a folder of numbered frames. Not thread-safe. */
public interface FrameSource extends AutoCloseable {
  /**
   * Decodes the next video frame or audio block.
   *
   * @return the next item, or null at the end
   * @throws io.gpen4j.video.VideoException if the input is corrupt
   */
  Decoded next();

  /** Estimates the frames still to come at the start. @return the estimate, empty when unknown */
  OptionalLong frameCountEstimate();

  /** Releases the input. Idempotent; never throws. */
  @Override
  void close();
}
