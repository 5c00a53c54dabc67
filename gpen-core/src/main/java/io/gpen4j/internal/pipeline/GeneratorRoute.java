package io.gpen4j.internal.pipeline;

import io.gpen4j.AlignmentTemplate;
import io.gpen4j.Landmarks;
import java.util.Objects;

/**
 * One generator a face can be sent to: its batcher, the template's landmarks at its crop size and
 * the masks its crops are pasted with. A restorer has one, or two of one family when small faces go
 * to a smaller model ({@link GeneratorRoutes}). Immutable.
 */
public final class GeneratorRoute {
  private final FaceBatcher batcher;
  private final Landmarks templatePoints;
  private final PasteMasks masks;

  /**
   * Prepares the route of an opened generator.
   *
   * @param batcher the generator and its batch size
   * @param template where the landmarks go in the crop
   * @param parser the face parser, or null to paste with the square mask
   */
  public GeneratorRoute(FaceBatcher batcher, AlignmentTemplate template, FaceParser parser) {
    this.batcher = Objects.requireNonNull(batcher, "batcher");
    FaceEnhancer enhancer = batcher.enhancer();
    this.templatePoints = Objects.requireNonNull(template, "template").landmarks(enhancer.size());
    this.masks = new PasteMasks(enhancer.size(), parser, enhancer.profile().family());
  }

  /** Returns the generator and its batch size. @return the batcher */
  public FaceBatcher batcher() {
    return batcher;
  }

  /** Returns the generator. @return the enhancer */
  public FaceEnhancer enhancer() {
    return batcher.enhancer();
  }

  /** Returns the crop side. @return S */
  public int size() {
    return batcher.enhancer().size();
  }

  /** Returns the template's landmarks in this generator's crop. @return the five points */
  Landmarks templatePoints() {
    return templatePoints;
  }

  /** Returns how this generator's crops are masked when pasted. @return the masks */
  PasteMasks masks() {
    return masks;
  }

  /** Returns what one call of a full batch holds, for the memory estimate. @return bytes */
  long callBytes() {
    return MemoryEstimate.batchBytes(size(), batcher.batchSize());
  }

  @Override
  public String toString() {
    return batcher.enhancer().modelName() + " (" + size() + " px, " + batcher.batchSize() + " faces per call)";
  }
}
