package io.gpen4j.internal.backend;

import io.gpen4j.ModelException;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.TensorInfo;
import java.util.List;
import java.util.Objects;

/**
 * The one way every stage checks that an opened model is what it expects, and words the
 * {@link ModelException} when it is not: the model's name, what is wrong, what the stage expects,
 * and the inputs and outputs the file has. The generator, background model, face parser and the
 * detectors each describe their contract in words and check their shapes through it.
 */
public final class SessionContract {
  private final String modelName;
  private final String expected;
  private final ModelSession session;

  /**
   * Creates a contract.
   *
   * @param modelName the model's name, for messages
   * @param expected what the stage expects, in words ("expected a GPEN generator: ...")
   * @param session the opened model
   */
  public SessionContract(String modelName, String expected, ModelSession session) {
    this.modelName = Objects.requireNonNull(modelName, "modelName");
    this.expected = Objects.requireNonNull(expected, "expected");
    this.session = Objects.requireNonNull(session, "session");
  }

  /**
   * Returns the exception for a model that breaks the contract.
   *
   * @param problem what is wrong, briefly; empty when the expectation says it all
   * @return the exception, naming the model, the problem, the expectation and the file's I/O
   */
  public ModelException mismatch(String problem) {
    return new ModelException(modelName + ": " + (problem.isEmpty() ? "" : problem + "; ") + expected
        + "; the file has inputs " + session.inputs() + " and outputs " + session.outputs());
  }

  /**
   * Returns the exception for a model that breaks the contract, with advice after the message.
   *
   * @param problem what is wrong, briefly; empty when the expectation says it all
   * @param advice a sentence on what to do, appended as it is
   * @return the exception
   */
  public ModelException mismatch(String problem, String advice) {
    return new ModelException(mismatch(problem).getMessage() + advice);
  }

  /**
   * Returns the model's inputs, checking their count.
   *
   * @param count how many inputs the stage takes
   * @return the inputs
   * @throws ModelException if there are not {@code count}
   */
  public List<TensorInfo> inputs(int count) {
    List<TensorInfo> inputs = session.inputs();
    if (inputs.size() != count) {
      throw mismatch(inputs.size() + " inputs instead of " + count);
    }
    return inputs;
  }

  /**
   * Checks that a shape is a square RGB image {@code [N, 3, S, S]} with a batch of one or free.
   *
   * @param info the input or output
   * @return true when it is
   */
  public static boolean isSingleRgbImage(TensorInfo info) {
    long[] s = info.shape();
    return s.length == 4 && (s[0] == 1 || s[0] == -1) && s[1] == 3;
  }
}
