package io.gpen4j.internal.pipeline;

import io.gpen4j.ModelException;
import io.gpen4j.RestorationException;
import io.gpen4j.internal.image.FloatImage;
import io.gpen4j.models.Normalization;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.Tensor;
import io.gpen4j.spi.TensorInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The enhance stage: runs a GPEN generator on one aligned crop. The crop size is read from the
 * model, so 256, 512, 1024 and 2048 models all work. Thread-safe when its session is; it does not
 * own the session.
 */
public final class GpenEnhancer {
  /** GPEN's input and output range (REFERENCE.md §1). */
  private static final Normalization NORMALIZATION = Normalization.RGB_MINUS_ONE_TO_ONE;

  private final ModelSession session;
  private final String modelName;
  private final String inputName;
  private final String outputName;
  private final int size;

  /**
   * Checks that a session looks like a GPEN generator: one float input {@code [1, 3, S, S]} with a
   * fixed S, and an output of the same shape.
   *
   * @param session the generator
   * @param modelName the model's name, for messages
   * @throws ModelException naming the expected and the actual inputs and outputs when they do not fit
   */
  public GpenEnhancer(ModelSession session, String modelName) {
    this.session = Objects.requireNonNull(session, "session");
    this.modelName = Objects.requireNonNull(modelName, "modelName");
    List<TensorInfo> inputs = session.inputs();
    List<TensorInfo> outputs = session.outputs();
    String expected = "expected a GPEN generator: one input [1,3,S,S] and one output [1,3,S,S] with S fixed";
    String actual = "; got inputs " + inputs + " and outputs " + outputs;
    if (inputs.size() != 1 || outputs.isEmpty()) {
      throw new ModelException(modelName + ": " + expected + actual);
    }
    long[] in = inputs.get(0).shape();
    if (in.length != 4 || (in[0] != 1 && in[0] != -1) || in[1] != 3 || in[2] <= 0 || in[2] != in[3]) {
      throw new ModelException(modelName + ": " + expected + actual);
    }
    long[] out = outputs.get(0).shape();
    if (!outputs.get(0).accepts(1, 3, in[2], in[3]) && !(out.length == 4 && Arrays.stream(out).allMatch(d -> d == -1))) {
      throw new ModelException(modelName + ": " + expected + actual);
    }
    this.inputName = inputs.get(0).name();
    this.outputName = outputs.get(0).name();
    this.size = Math.toIntExact(in[2]);
  }

  /** Returns the crop side the model takes. @return S */
  public int size() {
    return size;
  }

  /**
   * Enhances one crop.
   *
   * @param crop an aligned {@code S x S} 3-channel crop in [0, 255]
   * @return the restored crop in [0, 255], or null when the generator produced NaN or infinity
   *     (the caller keeps the original face)
   * @throws RestorationException if the model run fails or returns the wrong shape
   */
  public FloatImage enhance(FloatImage crop) {
    if (crop.width() != size || crop.height() != size) {
      throw new IllegalArgumentException(
          "crop is " + crop.width() + "x" + crop.height() + ", model " + modelName + " takes " + size);
    }
    Map<String, Tensor> outputs = session.run(Map.of(inputName, GpenNormalization.toInput(crop, NORMALIZATION)));
    Tensor out = outputs.get(outputName);
    if (out == null || out.rank() != 4 || out.dim(1) != 3 || out.dim(2) != size || out.dim(3) != size) {
      throw new RestorationException("stage 'enhance': model " + modelName + " returned "
          + (out == null ? "no output '" + outputName + "'" : out) + ", expected [1,3," + size + "," + size + "]");
    }
    return GpenNormalization.fromOutput(out, size, NORMALIZATION);
  }
}
