package io.gpen4j.internal.pipeline;

import io.gpen4j.ModelException;
import io.gpen4j.spi.InferenceBackend;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.Precision;
import io.gpen4j.spi.SessionSettings;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The sessions a restorer opens while its stages are assembled: each stage opens its model here
 * (the file checked first, with one message for every stage), and on a failure the sessions opened
 * so far are closed. Also the one place the restorer-wide default settings are turned into a
 * stage's: detectors and face parsers run in FP32 unless told otherwise, because their outputs
 * (scores, an argmax over classes) flip at borders in FP16. Not thread-safe: one per build.
 */
public final class StageSessions {
  private final InferenceBackend backend;
  private final SessionSettings defaults;
  private final List<ModelSession> opened = new ArrayList<>(4);

  /**
   * Starts an assembly.
   *
   * @param backend the backend every stage runs on
   * @param defaults the restorer-wide settings, used by a stage that sets none of its own
   */
  public StageSessions(InferenceBackend backend, SessionSettings defaults) {
    this.backend = Objects.requireNonNull(backend, "backend");
    this.defaults = Objects.requireNonNull(defaults, "defaults");
  }

  /**
   * Returns the settings a full-precision stage (generator, background model) runs with.
   *
   * @param own the stage's own settings, or null
   * @return {@code own}, else the restorer-wide settings
   */
  public SessionSettings settings(SessionSettings own) {
    return own != null ? own : defaults;
  }

  /**
   * Returns the settings a small stage (detector, face parser) runs with.
   *
   * @param own the stage's own settings, or null
   * @return {@code own}, else the restorer-wide settings in FP32
   */
  public SessionSettings fp32Settings(SessionSettings own) {
    return own != null ? own : defaults.toBuilder().precision(Precision.FP32).build();
  }

  /**
   * Opens a stage's model after checking that its file exists.
   *
   * @param model the model
   * @param settings how it runs
   * @param role what the stage is, for the message ("generator", "face-parsing")
   * @param whereToGet where to find such a model, appended to the message; empty for nothing
   * @return the session, owned by this assembly until {@link #sessions()} hands it over
   * @throws ModelException if the file is missing or the backend cannot load it
   */
  public ModelSession open(ModelSource model, SessionSettings settings, String role, String whereToGet) {
    if (!Files.isRegularFile(model.path())) {
      throw new ModelException(role + " model not found: " + model.path() + " (" + model.name() + ")"
          + (whereToGet.isEmpty() ? "" : whereToGet));
    }
    return open(model, settings);
  }

  /**
   * Opens a model whose weights are interpolated with a twin's at load time (network
   * interpolation: {@code w = weight w_model + (1 - weight) w_twin}).
   *
   * @param model the model
   * @param twin the same graph with other weights
   * @param weight the model's share in [0, 1]
   * @param settings how it runs
   * @return the session
   * @throws ModelException if a file is missing or the backend cannot interpolate or load them
   */
  public ModelSession openInterpolated(ModelSource model, ModelSource twin, double weight, SessionSettings settings) {
    for (ModelSource m : List.of(model, twin)) {
      if (!Files.isRegularFile(m.path())) {
        throw new ModelException("background model not found: " + m.path() + " (" + m.name() + ")");
      }
    }
    ModelSession session = backend.openInterpolated(model, twin, weight, settings);
    opened.add(session);
    return session;
  }

  /**
   * Opens a model known to exist (a bundled one).
   *
   * @param model the model
   * @param settings how it runs
   * @return the session
   * @throws ModelException if the backend cannot load it
   */
  public ModelSession open(ModelSource model, SessionSettings settings) {
    ModelSession session = backend.open(model, settings);
    opened.add(session);
    return session;
  }

  /** Returns the backend's name. @return e.g. {@code "onnx"} */
  public String backendName() {
    return backend.name();
  }

  /** Returns the sessions opened so far, in order. @return an immutable copy */
  public List<ModelSession> sessions() {
    return List.copyOf(opened);
  }

  /**
   * Closes every session opened so far, after a failed assembly; a failure to close is added to
   * the assembly's exception.
   *
   * @param failure what made the assembly fail
   */
  public void closeAfter(RuntimeException failure) {
    for (ModelSession s : opened) {
      try {
        s.close();
      } catch (RuntimeException suppressed) {
        failure.addSuppressed(suppressed);
      }
    }
    opened.clear();
  }
}
