package io.gpen4j.internal.pipeline;

import io.gpen4j.FaceMask;
import io.gpen4j.RestoreOptions;
import io.gpen4j.SimilarityTransform;
import io.gpen4j.internal.image.FacexlibMasks;
import io.gpen4j.internal.image.FeatherMask;
import io.gpen4j.internal.image.FloatImage;
import io.gpen4j.models.GeneratorFamily;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses each face's paste mask, as the generator family's official pipeline makes it:
 *
 * <ul>
 *   <li>GPEN: the crop's square {@link FeatherMask}, or, with a face parser and
 *       {@link FaceMask#PARSING} (or {@link FaceMask#AUTO}), the parse mask of the restored crop
 *       ({@link io.gpen4j.internal.image.ParsingMask}, gpen4j's form of GPEN's);
 *   <li>GFPGAN and RestoreFormer++ (facexlib): facexlib's square mask, or its parsing mask alone
 *       ({@link FacexlibMasks});
 *   <li>CodeFormer (its own copy of facexlib's helper): the square mask, or the smaller of the
 *       parsing and square masks.
 * </ul>
 *
 * A parser that returns NaN or infinity for a face falls back to the square mask for that face,
 * with a warning. Thread-safe when the parser is.
 */
final class PasteMasks {
  private static final Logger LOG = LoggerFactory.getLogger(PasteMasks.class);

  private final int size;
  private final FloatImage square;
  private final FaceParser parser;
  private final GeneratorFamily family;

  /**
   * Creates the chooser for a GPEN generator.
   *
   * @param size the crop side S
   * @param parser the face parser, or null for none
   */
  PasteMasks(int size, FaceParser parser) {
    this(size, parser, GeneratorFamily.GPEN);
  }

  /**
   * Creates the chooser.
   *
   * @param size the crop side S
   * @param parser the face parser, or null for none
   * @param family the generator's family, whose official masks are made
   */
  PasteMasks(int size, FaceParser parser, GeneratorFamily family) {
    this.size = size;
    this.square = FeatherMask.create(size);
    this.parser = parser;
    this.family = Objects.requireNonNull(family, "family");
  }

  /** Returns whether a face parser is configured. @return true when parsing masks can be made */
  boolean hasParser() {
    return parser != null;
  }

  /**
   * Checks that the options' mask can be made.
   *
   * @param options the per-call options
   * @throws IllegalArgumentException if they ask for {@link FaceMask#PARSING} without a parser
   */
  void check(RestoreOptions options) {
    if (options.faceMask() == FaceMask.PARSING && parser == null) {
      throw new IllegalArgumentException("faceMask PARSING needs a face-parsing model: configure one with "
          + "FaceRestorer.Builder.faceParser(ParserStage), or use FaceMask.SQUARE or AUTO");
    }
  }

  /**
   * Returns the mask to paste one restored face with.
   *
   * @param restored the restored crop
   * @param index the face's index, for the log
   * @param options the per-call options
   * @param outputToCrop the map from output pixels to crop pixels (facexlib's square mask is made
   *     in output pixels)
   * @return an {@code S x S} mask; the shared square mask is returned as it is and must not be modified
   */
  FloatImage forFace(FloatImage restored, int index, RestoreOptions options, SimilarityTransform outputToCrop) {
    Objects.requireNonNull(restored, "restored");
    boolean facexlib = family != GeneratorFamily.GPEN;
    FloatImage base = facexlib ? FacexlibMasks.square(size, outputToCrop.scale(), options.upscale()) : square;
    if (parser == null || options.faceMask() == FaceMask.SQUARE) {
      return base;
    }
    int[] keep = parser.classes(options.faceRegionsFor(family));
    FloatImage mask = facexlib ? parser.facexlibMask(restored, keep) : parser.mask(restored, keep, square);
    if (mask == null) {
      LOG.warn("face parser {} returned NaN or infinite scores for face {}; pasting it with the square mask",
          parser, index);
      return base;
    }
    return family == GeneratorFamily.CODEFORMER ? FacexlibMasks.minimum(mask, base) : mask;
  }

  @Override
  public String toString() {
    String kind = family == GeneratorFamily.GPEN ? "" : "facexlib's ";
    return parser == null ? kind + "square mask" : kind + "parsing mask by " + parser;
  }
}
