package io.gpen4j.internal.pipeline;

import io.gpen4j.FaceRegion;
import io.gpen4j.ModelException;
import io.gpen4j.RestorationException;
import io.gpen4j.internal.backend.SessionContract;
import io.gpen4j.internal.image.FacexlibMasks;
import io.gpen4j.internal.image.FloatImage;
import io.gpen4j.internal.image.ParsingMask;
import io.gpen4j.internal.image.SquareResize;
import io.gpen4j.models.ParserFamily;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.Tensor;
import io.gpen4j.spi.TensorInfo;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The face-parsing stage: runs a BiSeNet or ParseNet model on a restored crop and turns its class
 * scores into a paste mask ({@link ParsingMask}). The crop is resized to the parser's input side
 * (512 for the public models) when the generator's differs, and the mask comes back at the crop's
 * side. The model is checked when this is created: one image input {@code [1, 3, N, N]} (N fixed,
 * or free and then 512) and an output {@code [1, C, M, M]} with C the family's class count (the
 * first such output: ParseNet exports also return an image). Thread-safe when its session is; it
 * does not own the session.
 */
public final class FaceParser {
  private final ModelSession session;
  private final String modelName;
  private final ParserFamily family;
  private final String inputName;
  private final String outputName;
  private final int inputSize;

  /**
   * Checks a session against a parser family.
   *
   * @param session the parser
   * @param modelName the model's name, for messages
   * @param family which network it is: its class order and normalisation
   * @throws ModelException naming what the family needs and what the file has when they do not fit
   */
  public FaceParser(ModelSession session, String modelName, ParserFamily family) {
    this.session = Objects.requireNonNull(session, "session");
    this.modelName = Objects.requireNonNull(modelName, "modelName");
    this.family = Objects.requireNonNull(family, "family");
    int classes = family.classNames().size();
    SessionContract contract = new SessionContract(modelName, "expected a " + family + " face parser: one image"
        + " input [1,3,N,N] and an output [1," + classes + ",M,M] (" + classes + " classes: "
        + String.join(", ", family.classNames()) + ")", session);
    List<TensorInfo> inputs = contract.inputs(1);
    long[] in = inputs.get(0).shape();
    if (!SessionContract.isSingleRgbImage(inputs.get(0)) || in[2] != in[3] || in[2] == 0 || in[2] < -1) {
      throw contract.mismatch("input '" + inputs.get(0).name() + "' is " + inputs.get(0).shapeText()
          + ", not a square RGB image");
    }
    TensorInfo out = null;
    for (TensorInfo o : session.outputs()) {
      long[] s = o.shape();
      if (s.length == 4 && s[1] == classes) {
        out = o;
        break;
      }
    }
    if (out == null) {
      throw contract.mismatch("no output has rank 4 and " + classes + " class channels");
    }
    this.inputName = inputs.get(0).name();
    this.outputName = out.name();
    this.inputSize = in[2] > 0 ? Math.toIntExact(in[2]) : ParserFamily.INPUT_SIZE;
  }

  /** Returns the family the model was checked against. @return the family */
  public ParserFamily family() {
    return family;
  }

  /** Returns the side the crop is resized to for the model. @return N */
  public int inputSize() {
    return inputSize;
  }

  /**
   * Returns the output channels of some regions, for {@link #mask}.
   *
   * @param regions the regions pasted
   * @return the class indices
   */
  public int[] classes(Set<FaceRegion> regions) {
    return family.classIndices(regions);
  }

  /**
   * Parses a restored crop into its paste mask.
   *
   * @param crop the restored {@code S x S} 3-channel crop in [0, 255]
   * @param keep the classes pasted, from {@link #classes}
   * @param square the crop's square mask, {@code S x S}
   * @return the mask, {@code S x S} in [0, 1], or null when the model returned NaN or infinity
   * @throws RestorationException if the model run fails or returns the wrong shape
   */
  public FloatImage mask(FloatImage crop, int[] keep, FloatImage square) {
    Tensor out = scores(crop);
    return ParsingMask.fromScores(out.toArray(), family.classNames().size(), Math.toIntExact(out.dim(2)), keep, square);
  }

  /**
   * Parses a restored crop into facexlib's paste mask ({@link FacexlibMasks#parsing}).
   *
   * @param crop the restored {@code S x S} 3-channel crop in [0, 255]
   * @param keep the classes pasted, from {@link #classes}
   * @return the mask, {@code S x S} in [0, 1], or null when the model returned NaN or infinity
   * @throws RestorationException if the model run fails or returns the wrong shape
   */
  public FloatImage facexlibMask(FloatImage crop, int[] keep) {
    Tensor out = scores(crop);
    return FacexlibMasks.parsing(out.toArray(), family.classNames().size(), Math.toIntExact(out.dim(2)), keep,
        crop.width());
  }

  /** Runs the model on the crop resized to its input side; checks the output's shape. */
  private Tensor scores(FloatImage crop) {
    FloatImage input = crop.width() == inputSize ? crop : SquareResize.resize(crop, inputSize);
    Map<String, Tensor> outputs = session.run(Map.of(inputName, CropNormalization.toInput(input, family.normalization())));
    Tensor out = outputs.get(outputName);
    int classes = family.classNames().size();
    if (out == null || out.rank() != 4 || out.dim(0) != 1 || out.dim(1) != classes || out.dim(2) != out.dim(3)
        || out.dim(2) <= 0) {
      throw new RestorationException("stage 'parse': model " + modelName + " returned "
          + (out == null ? "no output '" + outputName + "'" : out) + ", expected [1," + classes + ",M,M]");
    }
    return out;
  }

  @Override
  public String toString() {
    return modelName + " (" + family + ", " + inputSize + "px)";
  }
}
