package io.gpen4j.internal.detect;

import io.gpen4j.DetectorType;
import io.gpen4j.ModelException;
import io.gpen4j.internal.backend.SessionContract;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.Tensor;
import io.gpen4j.spi.TensorInfo;
import java.util.Arrays;
import java.util.Map;

/**
 * The detectors' part of the model contract: the image input every detector takes (its sides
 * multiples of 32) and the rows of its outputs; mismatches are worded by {@link SessionContract},
 * as for every other stage.
 */
final class ModelContract {
  private final SessionContract contract;

  /**
   * Creates a contract.
   *
   * @param type the detector family being bound
   * @param session the session to check
   * @param expected the expected inputs and outputs, in words, for messages
   */
  ModelContract(DetectorType type, ModelSession session, String expected) {
    this.contract = new SessionContract("not a " + type + " face detector", "expected " + expected, session);
  }

  /**
   * Returns the exception for a model that breaks the contract.
   *
   * @param problem what is wrong, briefly
   * @return the exception, naming the detector type, the problem, the expected and actual I/O
   */
  ModelException mismatch(String problem) {
    return contract.mismatch(problem);
  }

  /**
   * Checks the model has exactly one image input {@code [1 or ?, 3 or ?, H, W]} where each fixed
   * side is a multiple of 32.
   *
   * @return the input's description
   * @throws ModelException if it does not
   */
  TensorInfo imageInput() {
    TensorInfo in = contract.inputs(1).get(0);
    long[] s = in.shape();
    if (s.length != 4 || (s[0] > 1) || (s[1] >= 0 && s[1] != 3)) {
      throw mismatch("input '" + in.name() + "' is not a single image [1,3,H,W]");
    }
    if ((s[2] < 0) != (s[3] < 0)) {
      throw mismatch("input '" + in.name() + "' fixes one side only");
    }
    if (s[2] >= 0 && (s[2] % DetectorModel.STRIDE_MULTIPLE != 0 || s[3] % DetectorModel.STRIDE_MULTIPLE != 0
        || s[2] == 0 || s[3] == 0)) {
      throw mismatch("input '" + in.name() + "' size is not a multiple of " + DetectorModel.STRIDE_MULTIPLE);
    }
    return in;
  }

  /**
   * Returns the last dimension of an output description, or -1 when it has none.
   *
   * @param info the output
   * @return the last dimension
   */
  static long lastDim(TensorInfo info) {
    long[] s = info.shape();
    return s.length == 0 ? -1 : s[s.length - 1];
  }

  /**
   * Reads one output of a run as a flat array and checks it has the expected number of rows.
   *
   * @param outputs the run's outputs
   * @param name the output's name
   * @param rows the rows the input size implies
   * @param width the values per row
   * @return the values, row-major
   * @throws ModelException if the output is missing or its size does not match
   */
  static float[] rows(Map<String, Tensor> outputs, String name, int rows, int width) {
    Tensor t = outputs.get(name);
    if (t == null) {
      throw new ModelException("detector output '" + name + "' is missing from the run's outputs " + outputs.keySet());
    }
    if ((long) rows * width != t.size()) {
      throw new ModelException("detector output '" + name + "' has shape " + Arrays.toString(t.shape())
          + ", expected " + rows + " rows of " + width + " values for this input size");
    }
    return t.toArray();
  }
}
