package io.gpen4j.internal.io;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;

/**
 * A {@link BufferedImage} over another's pixels whose {@link #getData(Rectangle)} returns a view of
 * the pixels instead of a copy, for ImageIO's PNG writer only.
 *
 * <p>Why: that writer asks for every row with {@code getData(rect)}, which a plain
 * {@code BufferedImage} answers with a new raster. For a 100-megapixel photo that is over 700 MB of
 * short-lived copies (a JFR allocation profile of {@code gpen4j restore}), enough for G1 to grow
 * the heap by a gigabyte at the very end of a restore. The writer only reads the rows, so a shared
 * view is safe there; nothing else ever sees this image.
 */
final class RowViewImage extends BufferedImage {
  private RowViewImage(BufferedImage pixels) {
    super(pixels.getColorModel(), pixels.getRaster(), pixels.isAlphaPremultiplied(), null);
  }

  /**
   * Returns an image sharing {@code pixels}' raster.
   *
   * @param pixels the image whose pixels are written
   * @return the view
   */
  static BufferedImage of(BufferedImage pixels) {
    return new RowViewImage(pixels);
  }

  @Override
  public Raster getData(Rectangle rect) {
    return getRaster().createChild(rect.x, rect.y, rect.width, rect.height, rect.x, rect.y, null);
  }
}
