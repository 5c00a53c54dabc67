package io.gpen4j.internal.io;

/**
 * Called by {@link ImageDecoder} once an image's header is read and its size is within the pixel
 * limit, before any pixel memory is allocated: the place to admit or refuse the work by its size.
 */
@FunctionalInterface
public interface HeaderCheck {
  /** Admits everything. */
  HeaderCheck NONE = (width, height, encodedBytes) -> { };

  /**
   * Checks an image about to be decoded.
   *
   * @param width the header's width
   * @param height the header's height
   * @param encodedBytes the encoded image's size
   * @throws RuntimeException to refuse it (the decoder passes it on)
   */
  void check(int width, int height, long encodedBytes);
}
