package io.gpen4j;

import io.gpen4j.internal.io.ImageDecoder;
import io.gpen4j.internal.pipeline.MemoryBudget;

/**
 * What one {@link FaceRestorer} may take: the largest image, the most faces per image, the memory
 * restores in flight share, and the most faces per generator call. One value, validated here and
 * read once when the restorer is built. Immutable; each {@code with...} method returns a copy.
 *
 * <pre>{@code
 * FaceRestorer.builder()
 *     .generator(GeneratorStage.of(model))
 *     .limits(Limits.defaults().withMemoryBudget(2L << 30).withMaxBatchSize(8))
 * }</pre>
 *
 * @param maxImagePixels the largest image accepted, in pixels; larger ones are rejected from their
 *     header, before any pixel memory is allocated
 * @param maxFacesPerImage the most faces restored in one image, whatever
 *     {@link RestoreOptions#maxFaces()} asks: when more are found, the largest are restored and the
 *     others left unchanged, with a warning in the log; applied before any crop is allocated
 * @param memoryBudget the bytes that restores (and detections) in flight on the restorer may hold
 *     together. Each call's peak is estimated from the image's header before its pixels are
 *     decoded; one that does not fit waits until others finish, and one that could never fit fails
 *     with {@link ImageTooLargeException}
 * @param maxBatchSize the most faces sent to the generator in one call, for models whose image input
 *     has a free batch dimension or a fixed batch above one (files that declare a batch of one run
 *     one call per face whatever is set here); further bounded so one call's crops take at most a
 *     quarter of the memory budget; {@link #BATCH_SIZE_BY_MODEL} (0, the default) chooses by the
 *     generator and device. Results do not depend on it (within float rounding). With TensorRT every
 *     call is padded to this size, so that one engine is built
 */
public record Limits(long maxImagePixels, int maxFacesPerImage, long memoryBudget, int maxBatchSize) {
  /** The default pixel limit: 100 megapixels (about 400 MB of decoded pixels). */
  public static final long DEFAULT_MAX_IMAGE_PIXELS = 100_000_000L;

  /**
   * The default cap on faces restored in one image: far above any group photo (the 1927 Solvay
   * photograph has 29), yet it bounds the generator runs one hostile or pathological image costs.
   */
  public static final int DEFAULT_MAX_FACES_PER_IMAGE = 1000;

  /**
   * The default cap on faces per generator call, for models that take batches: on a small CPU a
   * batch of 4 costs less per face than one face or eight (the README's "Several faces per
   * generator call" has the numbers); a GPU, which one face cannot fill, gains more from larger
   * batches.
   */
  public static final int DEFAULT_MAX_BATCH_SIZE = 4;

  /**
   * {@code maxBatchSize} chosen by the generator and device (the default): {@link
   * #DEFAULT_MAX_BATCH_SIZE} faces per call, or one on the CPU for a generator of more than
   * {@value #LARGEST_CPU_BATCHED_CROP} px, whose batches cost much memory for no speed there
   * (GPEN-512 in batches of 4: 5.5 GB against 2.25 GB and 1.02-1.06x per face; gpen-bench README,
   * "Several faces per run").
   */
  public static final int BATCH_SIZE_BY_MODEL = 0;

  /** The largest crop side that {@link #BATCH_SIZE_BY_MODEL} batches on the CPU. */
  public static final int LARGEST_CPU_BATCHED_CROP = 256;

  /** The smallest memory budget: one small photo's restore. */
  public static final long MIN_MEMORY_BUDGET = 64L << 20;

  /** The largest batch size: far above what fills a GPU with GPEN-256 crops. */
  public static final int MAX_BATCH_SIZE = 256;

  /**
   * Validates the limits.
   *
   * @throws IllegalArgumentException if {@code maxImagePixels} is not from 1 to 536,870,909 (the
   *     most pixels one image can hold), {@code maxFacesPerImage} is not positive,
   *     {@code memoryBudget} is under 64 MB, or {@code maxBatchSize} is not from 0 to 256
   */
  public Limits {
    if (maxImagePixels <= 0 || maxImagePixels > ImageDecoder.MAX_SUPPORTED_PIXELS) {
      throw new IllegalArgumentException("maxImagePixels must be between 1 and "
          + ImageDecoder.MAX_SUPPORTED_PIXELS + ": " + maxImagePixels);
    }
    if (maxFacesPerImage <= 0) {
      throw new IllegalArgumentException("maxFacesPerImage must be positive: " + maxFacesPerImage);
    }
    if (memoryBudget < MIN_MEMORY_BUDGET) {
      throw new IllegalArgumentException("memoryBudget must be at least " + MIN_MEMORY_BUDGET
          + " bytes (64 MB): " + memoryBudget);
    }
    if (maxBatchSize < BATCH_SIZE_BY_MODEL || maxBatchSize > MAX_BATCH_SIZE) {
      throw new IllegalArgumentException("maxBatchSize must be from 1 to " + MAX_BATCH_SIZE
          + ", or 0 to choose by the model: " + maxBatchSize);
    }
  }

  /**
   * Returns the default limits: 100 megapixels, 1000 faces per image, a memory budget of 70% of the
   * largest heap and at most half the machine's memory, faces per generator call chosen by the
   * model ({@link #BATCH_SIZE_BY_MODEL}: 4, or 1 on the CPU for crops over 256 px).
   *
   * @return the defaults for this JVM
   */
  public static Limits defaults() {
    return new Limits(DEFAULT_MAX_IMAGE_PIXELS, DEFAULT_MAX_FACES_PER_IMAGE, MemoryBudget.defaultBytes(),
        BATCH_SIZE_BY_MODEL);
  }

  /**
   * Returns a copy with another pixel limit.
   *
   * @param pixels the limit
   * @return the copy
   * @throws IllegalArgumentException if not from 1 to 536,870,909
   */
  public Limits withMaxImagePixels(long pixels) {
    return new Limits(pixels, maxFacesPerImage, memoryBudget, maxBatchSize);
  }

  /**
   * Returns a copy with another face cap.
   *
   * @param faces the cap
   * @return the copy
   * @throws IllegalArgumentException if not positive
   */
  public Limits withMaxFacesPerImage(int faces) {
    return new Limits(maxImagePixels, faces, memoryBudget, maxBatchSize);
  }

  /**
   * Returns a copy with another memory budget.
   *
   * @param bytes the budget
   * @return the copy
   * @throws IllegalArgumentException if under 64 MB
   */
  public Limits withMemoryBudget(long bytes) {
    return new Limits(maxImagePixels, maxFacesPerImage, bytes, maxBatchSize);
  }

  /**
   * Returns a copy with another batch cap.
   *
   * @param faces the cap; 1 for one call per face; {@link #BATCH_SIZE_BY_MODEL} to choose by the
   *     generator and device
   * @return the copy
   * @throws IllegalArgumentException if not from 0 to 256
   */
  public Limits withMaxBatchSize(int faces) {
    return new Limits(maxImagePixels, maxFacesPerImage, memoryBudget, faces);
  }
}
