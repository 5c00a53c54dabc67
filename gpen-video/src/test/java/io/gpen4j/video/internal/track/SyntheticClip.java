package io.gpen4j.video.internal.track;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Random;

/**
 * Frames of a made-up video: a still photo scaled to the frame's height, placed on a grey canvas at
 * a horizontal offset that may change from frame to frame (a pan), optionally turned about a point
 * (a head tilt, or a camera roll), with seeded Gaussian noise per frame and per channel, as a
 * camera's sensor noise would add.
 */
final class SyntheticClip {
  static final int WIDTH = 640;
  static final int HEIGHT = 360;
  private static final int BACKGROUND = 0x80;

  private final int[] photo;
  private final int photoWidth;
  private final double noiseSigma;
  private final long seed;

  /**
   * Prepares a clip.
   *
   * @param photo the still, scaled once to {@link #HEIGHT} rows
   * @param noiseSigma the noise's standard deviation in grey levels
   * @param seed the noise seed; frame i uses {@code seed + i}
   */
  SyntheticClip(BufferedImage photo, double noiseSigma, long seed) {
    this.photoWidth = Math.round((float) photo.getWidth() * HEIGHT / photo.getHeight());
    BufferedImage scaled = new BufferedImage(photoWidth, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = scaled.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    g.drawImage(photo, 0, 0, photoWidth, HEIGHT, null);
    g.dispose();
    this.photo = scaled.getRGB(0, 0, photoWidth, HEIGHT, null, 0, photoWidth);
    this.noiseSigma = noiseSigma;
    this.seed = seed;
  }

  /** Returns the scale from the photo's pixels to the frame's. */
  static double scale(BufferedImage photo) {
    return (double) Math.round((float) photo.getWidth() * HEIGHT / photo.getHeight()) / photo.getWidth();
  }

  /**
   * Renders frame {@code index} with the photo's left edge at {@code offsetX}.
   *
   * @param index the frame number, which picks the noise
   * @param offsetX where the photo's left edge lands, in frame pixels
   * @return a new 640x360 RGB frame
   */
  BufferedImage frame(int index, int offsetX) {
    return noisy(index, place(offsetX));
  }

  /**
   * Renders frame {@code index} with the photo's left edge at {@code offsetX}, turned clockwise on
   * screen (y down) by {@code radians} about ({@code pivotX}, {@code pivotY}), bilinearly.
   *
   * @param index the frame number, which picks the noise
   * @param offsetX where the photo's left edge lands before the turn, in frame pixels
   * @param radians the turn
   * @param pivotX the turn's centre x, in frame pixels
   * @param pivotY the turn's centre y
   * @return a new 640x360 RGB frame
   */
  BufferedImage frame(int index, int offsetX, double radians, double pivotX, double pivotY) {
    BufferedImage placed = place(offsetX);
    BufferedImage turned = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = turned.createGraphics();
    g.setColor(new java.awt.Color(BACKGROUND, BACKGROUND, BACKGROUND));
    g.fillRect(0, 0, WIDTH, HEIGHT);
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.rotate(radians, pivotX, pivotY);
    g.drawImage(placed, 0, 0, null);
    g.dispose();
    return noisy(index, turned);
  }

  private BufferedImage place(int offsetX) {
    BufferedImage frame = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    int[] out = ((DataBufferInt) frame.getRaster().getDataBuffer()).getData();
    for (int y = 0; y < HEIGHT; y++) {
      for (int x = 0; x < WIDTH; x++) {
        int px = x - offsetX;
        out[y * WIDTH + x] = px >= 0 && px < photoWidth
            ? photo[y * photoWidth + px]
            : BACKGROUND << 16 | BACKGROUND << 8 | BACKGROUND;
      }
    }
    return frame;
  }

  private BufferedImage noisy(int index, BufferedImage clean) {
    BufferedImage frame = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    int[] out = ((DataBufferInt) frame.getRaster().getDataBuffer()).getData();
    Random noise = new Random(seed + index);
    int[] in = ((DataBufferInt) clean.getRaster().getDataBuffer()).getData();
    for (int y = 0; y < HEIGHT; y++) {
      for (int x = 0; x < WIDTH; x++) {
        int rgb = in[y * WIDTH + x];
        int r = noisy((rgb >> 16) & 0xff, noise);
        int gr = noisy((rgb >> 8) & 0xff, noise);
        int b = noisy(rgb & 0xff, noise);
        out[y * WIDTH + x] = r << 16 | gr << 8 | b;
      }
    }
    return frame;
  }

  private int noisy(int value, Random noise) {
    long v = Math.round(value + noise.nextGaussian() * noiseSigma);
    return (int) Math.max(0, Math.min(255, v));
  }
}
