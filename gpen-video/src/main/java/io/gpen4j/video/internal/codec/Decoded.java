package io.gpen4j.video.internal.codec;

import java.awt.image.BufferedImage;
import java.time.Duration;
import org.bytedeco.javacv.Frame;

/** What a {@link VideoReader} decodes next: a video frame or a block of audio samples. */
public sealed interface Decoded {
  /** Returns the presentation time, relative to the start of the restored window. @return microseconds */
  long timestampMicros();

  /**
   * A video frame, upright.
   *
   * @param image a new image owned by the receiver
   * @param timestampMicros the presentation time, from the window's start
   * @param decodeTime the time spent decoding and copying it
   */
  record Video(BufferedImage image, long timestampMicros, Duration decodeTime) implements Decoded {}

  /**
   * Audio samples.
   *
   * @param samples a copy of the decoder's frame, owned by the receiver
   * @param timestampMicros the presentation time, from the window's start
   */
  record Audio(Frame samples, long timestampMicros) implements Decoded {}
}
