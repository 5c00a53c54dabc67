package io.gpen4j;

import io.gpen4j.internal.pipeline.FaceParser;
import io.gpen4j.internal.pipeline.StageSessions;
import io.gpen4j.models.ModelRepository;
import io.gpen4j.models.ModelRole;
import io.gpen4j.models.ModelSpec;
import io.gpen4j.models.ParserFamily;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The face-parsing stage of a {@link FaceRestorer}: a BiSeNet or ParseNet model, so faces can be
 * pasted through a mask of the face itself instead of the whole aligned square ({@link FaceMask},
 * {@link RestoreOptions.Builder#faceMask}): hair, ears, background and whatever covers the face keep
 * their original pixels. With a parser, {@link FaceMask#AUTO} (the default) uses it. The model runs
 * once per face on the restored crop, through the restorer's backend, in FP32 unless
 * {@link #withSettings(SessionSettings)} says otherwise (an FP16 argmax can flip at class borders).
 * Optional; immutable.
 */
public final class ParserStage {
  private final ModelSource model;
  private final ParserFamily family;
  private final SessionSettings settings;

  private ParserStage(ModelSource model, ParserFamily family, SessionSettings settings) {
    this.model = model;
    this.family = family;
    this.settings = settings;
  }

  /**
   * A face-parsing model file.
   *
   * @param model a BiSeNet or ParseNet ONNX file: input {@code [1,3,512,512]}, output
   *     {@code [1,19,512,512]}
   * @param family which network it is; the class order and normalisation differ
   * @return the stage
   */
  public static ParserStage of(Path model, ParserFamily family) {
    return of(ModelSource.of(Objects.requireNonNull(model, "model")), family);
  }

  /**
   * A face-parsing model.
   *
   * @param model where the model is
   * @param family which network it is
   * @return the stage
   */
  public static ParserStage of(ModelSource model, ParserFamily family) {
    return new ParserStage(Objects.requireNonNull(model, "model"), Objects.requireNonNull(family, "family"), null);
  }

  /**
   * A catalogue face-parsing model, resolved through a model repository now.
   *
   * @param model a face parser from {@link io.gpen4j.models.Models}
   * @param repository where to find it
   * @return the stage
   * @throws IllegalArgumentException if the model is not a face parser
   * @throws ModelException if the repository cannot provide a verified file
   */
  public static ParserStage of(ModelSpec model, ModelRepository repository) {
    CatalogueRole.require(model, repository, ModelRole.FACE_PARSER, "face parser");
    ParserFamily family = model.parserFamily().orElseThrow(
        () -> new IllegalArgumentException(model.name() + " is a " + model.role() + ", not a face parser"));
    return of(repository.source(model), family);
  }

  /**
   * Sets how the parser runs; by default the restorer-wide settings in FP32.
   *
   * @param settings the settings
   * @return a copy with the settings
   */
  public ParserStage withSettings(SessionSettings settings) {
    return new ParserStage(model, family, Objects.requireNonNull(settings, "settings"));
  }

  /** Returns the model. @return where the model is */
  public ModelSource model() {
    return model;
  }

  /** Returns the family. @return which network the model is */
  public ParserFamily family() {
    return family;
  }

  /** Returns the settings set on this stage. @return the settings, if set */
  public Optional<SessionSettings> settings() {
    return Optional.ofNullable(settings);
  }

  /**
   * Opens the model and checks it against its family.
   *
   * @param sessions the assembly
   * @param fallback the settings to use when this stage sets none, or null for the restorer-wide
   *     settings in FP32
   * @return the parsing stage
   * @throws ModelException if the file is missing or the model does not fit its family
   */
  FaceParser open(StageSessions sessions, SessionSettings fallback) {
    ModelSession session = sessions.open(model, sessions.fp32Settings(settings != null ? settings : fallback),
        "face-parsing", "; a catalogue parser (Models.BISENET_RESNET18) comes with ParserStage.of(ModelSpec, "
            + "ModelRepository)");
    return new FaceParser(session, model.name() + " (" + model.path() + ")", family);
  }

  @Override
  public String toString() {
    return "ParserStage[" + model.name() + ", " + family + "]";
  }
}
