package io.gpen4j.internal.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes images to files: the last stage of the pipeline.
 *
 * <p>The format comes from the target's extension: {@code png} (lossless, alpha kept), {@code
 * jpg}/{@code jpeg} (quality 0.95) and {@code bmp}. JPEG and BMP cannot store alpha, so it is
 * dropped: each pixel keeps its colour, nothing is composited over a background. Files are replaced
 * atomically (see {@link AtomicFileWriter}): a reader never sees a half-written image, and a failed
 * write leaves an existing target as it was and no temporary file behind.
 *
 * <p>Thread-safe: stateless. Two threads writing the same target both succeed; the last move wins.
 */
public final class ImageEncoder {
  private ImageEncoder() {}

  /**
   * Encodes an image and atomically creates or replaces the target file with it.
   *
   * @param image the image, not modified
   * @param target the file; its extension chooses the format, ignoring case
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the extension is missing or is not {@code png}, {@code
   *     jpg}, {@code jpeg} or {@code bmp} (WebP is read but has no writer); the message names it
   *     and the supported extensions
   * @throws IOException if encoding or writing fails (for instance the directory does not exist or
   *     is not writable); the target is then unchanged
   */
  public static void write(BufferedImage image, Path target) throws IOException {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(target, "target");
    OutputFormat format = OutputFormat.forFile(target);
    AtomicFileWriter.write(target, out -> format.encode(image, out));
  }

  /**
   * Checks that a target's extension names a format this encoder writes, so a caller can reject a
   * bad output path before doing the work whose result would go there.
   *
   * @param target the file to write
   * @throws NullPointerException if {@code target} is null
   * @throws IllegalArgumentException if the extension is missing or is not {@code png}, {@code
   *     jpg}, {@code jpeg} or {@code bmp}; the message names it and the supported extensions
   */
  public static void checkTarget(Path target) {
    OutputFormat.forFile(Objects.requireNonNull(target, "target"));
  }
}
