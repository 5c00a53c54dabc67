package io.gpen4j;

import io.gpen4j.internal.image.RgbaImage;
import java.util.Objects;

/**
 * An image converted once to the restorer's own pixels, for callers that detect and then restore
 * the same image (a video loop, a live stream, a Spark task): {@link FaceRestorer#frame} converts
 * a decoded image, {@link ImageCodec#decode(byte[], String)} decodes an encoded one straight into a
 * frame, and {@link FaceRestorer#detect(Frame, RestoreOptions)} and
 * {@link FaceRestorer#restore(Frame, java.util.List, RestoreOptions)} read it without converting
 * again. Immutable: no stage modifies it, so one frame may be detected and restored, even from
 * several threads. It holds {@code 4 * width * height} bytes on the heap until it is unreachable.
 */
public final class Frame {
  private final RgbaImage pixels;

  Frame(RgbaImage pixels) {
    this.pixels = Objects.requireNonNull(pixels, "pixels");
  }

  /** Returns the width. @return pixels */
  public int width() {
    return pixels.width();
  }

  /** Returns the height. @return pixels */
  public int height() {
    return pixels.height();
  }

  /** The pixels, read-only by contract. */
  RgbaImage pixels() {
    return pixels;
  }

  @Override
  public String toString() {
    return "Frame[" + width() + "x" + height() + "]";
  }
}
