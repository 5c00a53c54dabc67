package io.gpen4j.bench;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * The input photos of the end-to-end benchmarks, by long side: 512 is astronaut.png (one face,
 * the reference deployment's "512x512 portrait"); 1024 is the same portrait at 1024x1024 (one
 * larger face); 3000 is the 1927 Solvay conference photo (29 faces) scaled to 3000 px wide.
 */
final class BenchPhotos {
  private BenchPhotos() {}

  /**
   * Returns the photo of a size.
   *
   * @param longSide 512, 1024 or 3000
   * @return an opaque RGB image
   * @throws IllegalArgumentException for another size
   */
  static BufferedImage photo(int longSide) {
    switch (longSide) {
      case 512:
        return scaled(read("images/astronaut.png"), 512);
      case 1024:
        return scaled(read("images/astronaut.png"), 1024);
      case 3000:
        return scaled(read("images/solvay_conference_1927.png"), 3000);
      default:
        throw new IllegalArgumentException("photo size must be 512, 1024 or 3000: " + longSide);
    }
  }

  /** Returns how many faces the photo of a size shows. */
  static int faces(int longSide) {
    return longSide == 3000 ? 29 : 1;
  }

  private static BufferedImage read(String relative) {
    try {
      BufferedImage image = ImageIO.read(BenchData.shared(relative).toFile());
      if (image == null) {
        throw new IllegalStateException("not an image: " + relative);
      }
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + relative, e);
    }
  }

  /** Scales to a long side (bicubic) onto an opaque RGB canvas. */
  private static BufferedImage scaled(BufferedImage src, int longSide) {
    double scale = (double) longSide / Math.max(src.getWidth(), src.getHeight());
    int w = (int) Math.round(src.getWidth() * scale);
    int h = (int) Math.round(src.getHeight() * scale);
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(src, 0, 0, w, h, java.awt.Color.WHITE, null);
    } finally {
      g.dispose();
    }
    return out;
  }
}
