package io.gpen4j.internal.pipeline;

import io.gpen4j.internal.image.RgbaImage;
import io.gpen4j.internal.io.ImageDecoder;
import java.util.Locale;
import java.util.Objects;

/**
 * An {@link ImageSource} that takes the restore's memory from a {@link MemoryBudget} as soon as
 * the header gives the size, before the pixels are decoded; an image already decoded takes it
 * after the conversion. Closing gives the memory back. One per restore call; not thread-safe.
 */
public final class BudgetedSource implements ImageSource, AutoCloseable {
  private final ImageSource source;
  private final MemoryBudget budget;
  private final int upscale;
  private final int cropSize;
  private final int batch;
  private final String name;
  private final BackgroundEnhancer background;
  private MemoryBudget.Grant grant;

  /**
   * Wraps a source.
   *
   * @param source the input
   * @param budget the restorer's budget
   * @param upscale the call's output scale
   * @param cropSize the generator's crop size
   * @param batch the most faces per generator call
   * @param name the input's name in messages
   */
  public BudgetedSource(ImageSource source, MemoryBudget budget, int upscale, int cropSize, int batch, String name) {
    this(source, budget, upscale, cropSize, batch, name, null);
  }

  /**
   * Wraps a source for a restore that runs the background model.
   *
   * @param source the input
   * @param budget the restorer's budget
   * @param upscale the call's output scale
   * @param cropSize the generator's crop size
   * @param batch the most faces per generator call
   * @param name the input's name in messages
   * @param background the background stage the call runs, or null when it runs none
   */
  public BudgetedSource(ImageSource source, MemoryBudget budget, int upscale, int cropSize, int batch, String name,
      BackgroundEnhancer background) {
    this.background = background;
    this.source = Objects.requireNonNull(source, "source");
    this.budget = Objects.requireNonNull(budget, "budget");
    this.upscale = upscale;
    this.cropSize = cropSize;
    this.batch = batch;
    this.name = Objects.requireNonNull(name, "name");
  }

  @Override
  public RgbaImage decode(ImageDecoder decoder) {
    RgbaImage image = source.decode(decoder.withHeaderCheck(this::admit));
    if (grant == null) {
      admit(image.width(), image.height(), 0);
    }
    return image;
  }

  @Override
  public boolean yieldsOwnedImage() {
    return source.yieldsOwnedImage();
  }

  private void admit(int width, int height, long encodedBytes) {
    if (grant == null) {
      long estimate = MemoryEstimate.peakBytes(width, height, encodedBytes, upscale, cropSize, batch)
          + (background == null ? 0 : background.peakBytes(width, height, upscale));
      grant = budget.acquire(estimate,
          String.format(Locale.ROOT, "%s (%dx%d, upscale %d)", name, width, height, upscale));
    }
  }

  /** Gives the memory back; idempotent. */
  @Override
  public void close() {
    if (grant != null) {
      grant.close();
    }
  }
}
