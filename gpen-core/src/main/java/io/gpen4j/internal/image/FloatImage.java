package io.gpen4j.internal.image;

import java.util.Objects;

/**
 * A small planar float image: a face crop or a mask. Values are in [0, 255] for colour crops and
 * [0, 1] for masks; channel {@code c} of pixel {@code (x, y)} is at {@code (c * height + y) * width
 * + x}, the NCHW layout a generator takes, so no reshuffle is needed to build a tensor.
 */
public final class FloatImage {
  private final int width;
  private final int height;
  private final int channels;
  private final float[] data;

  private FloatImage(int width, int height, int channels, float[] data) {
    this.width = width;
    this.height = height;
    this.channels = channels;
    this.data = data;
  }

  /**
   * Creates a zero-filled image.
   *
   * @param width the width, positive
   * @param height the height, positive
   * @param channels the channel count, positive
   * @return the image
   */
  public static FloatImage create(int width, int height, int channels) {
    if (width <= 0 || height <= 0 || channels <= 0) {
      throw new IllegalArgumentException(
          "bad float image size " + width + "x" + height + "x" + channels);
    }
    return new FloatImage(width, height, channels, new float[Math.multiplyExact(Math.multiplyExact(width, height), channels)]);
  }

  /**
   * Wraps planar data without copying it.
   *
   * @param width the width, positive
   * @param height the height, positive
   * @param channels the channel count, positive
   * @param data {@code channels * height * width} values, planar
   * @return the image
   */
  public static FloatImage wrap(int width, int height, int channels, float[] data) {
    Objects.requireNonNull(data, "data");
    if (width <= 0 || height <= 0 || channels <= 0 || (long) width * height * channels != data.length) {
      throw new IllegalArgumentException(
          "bad float image size " + width + "x" + height + "x" + channels + " for " + data.length + " values");
    }
    return new FloatImage(width, height, channels, data);
  }

  /** Returns the width. @return pixels */
  public int width() {
    return width;
  }

  /** Returns the height. @return pixels */
  public int height() {
    return height;
  }

  /** Returns the channel count. @return channels */
  public int channels() {
    return channels;
  }

  /** Returns the backing planar data. Pipeline use only. @return the live array */
  public float[] data() {
    return data;
  }

  /**
   * Returns one value.
   *
   * @param c the channel
   * @param x the column
   * @param y the row
   * @return the value
   */
  public float get(int c, int x, int y) {
    return data[(c * height + y) * width + x];
  }

  /**
   * Sets one value.
   *
   * @param c the channel
   * @param x the column
   * @param y the row
   * @param value the value
   */
  public void set(int c, int x, int y, float value) {
    data[(c * height + y) * width + x] = value;
  }

  /** Returns a deep copy. @return a new image */
  public FloatImage copy() {
    return new FloatImage(width, height, channels, data.clone());
  }
}
