package io.gpen4j.internal.pipeline;

import io.gpen4j.FaceMask;
import io.gpen4j.RestoreOptions;
import io.gpen4j.internal.image.FeatherMask;
import io.gpen4j.internal.image.FloatImage;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses each face's paste mask: the crop's square {@link FeatherMask}, or, with a face parser and
 * {@link FaceMask#PARSING} (or {@link FaceMask#AUTO}), the parse mask of the restored crop. A parser
 * that returns NaN or infinity for a face falls back to the square mask for that face, with a
 * warning. Thread-safe when the parser is.
 */
final class PasteMasks {
  private static final Logger LOG = LoggerFactory.getLogger(PasteMasks.class);

  private final FloatImage square;
  private final FaceParser parser;

  /**
   * Creates the chooser.
   *
   * @param size the crop side S
   * @param parser the face parser, or null for none
   */
  PasteMasks(int size, FaceParser parser) {
    this.square = FeatherMask.create(size);
    this.parser = parser;
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
   * @return an {@code S x S} mask; the shared square mask is returned as it is and must not be modified
   */
  FloatImage forFace(FloatImage restored, int index, RestoreOptions options) {
    Objects.requireNonNull(restored, "restored");
    if (parser == null || options.faceMask() == FaceMask.SQUARE) {
      return square;
    }
    FloatImage mask = parser.mask(restored, parser.classes(options.faceRegions()), square);
    if (mask == null) {
      LOG.warn("face parser {} returned NaN or infinite scores for face {}; pasting it with the square mask",
          parser, index);
      return square;
    }
    return mask;
  }

  @Override
  public String toString() {
    return parser == null ? "square mask" : "parsing mask by " + parser;
  }
}
