package io.gpen4j;

import io.gpen4j.internal.matting.ImageMatting;
import io.gpen4j.internal.matting.MattingModel;
import io.gpen4j.internal.matting.ParsingMatting;
import io.gpen4j.internal.pipeline.StageSessions;
import io.gpen4j.models.MattingFamily;
import io.gpen4j.models.ModelRepository;
import io.gpen4j.models.ModelRole;
import io.gpen4j.models.ModelSpec;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The portrait-matting stage of a {@link PortraitMatter}: a matting network such as MODNet
 * ({@link MattingFamily}), or, when no matting model is configured, a face parser as a coarser
 * fallback ({@link #fromParser}). Runs through the matter's backend in FP32 unless
 * {@link #withSettings(SessionSettings)} says otherwise. Immutable.
 *
 * <pre>{@code
 * try (PortraitMatter matter = PortraitMatter.builder(
 *     MattingStage.of(Path.of("modnet_photographic_portrait_matting.onnx"), MattingFamily.MODNET)).build()) {
 *   Matte matte = matter.matte(photo);
 * }
 * }</pre>
 */
public final class MattingStage {
  private final ModelSource model;
  private final MattingFamily family;
  private final ParserStage parser;
  private final SessionSettings settings;

  private MattingStage(ModelSource model, MattingFamily family, ParserStage parser, SessionSettings settings) {
    this.model = model;
    this.family = family;
    this.parser = parser;
    this.settings = settings;
  }

  /**
   * A portrait-matting model file.
   *
   * @param model an ONNX file: input {@code [1,3,H,W]}, output the matte {@code [1,1,H,W]}
   * @param family which network it is: its input size and normalisation
   * @return the stage
   */
  public static MattingStage of(Path model, MattingFamily family) {
    return of(ModelSource.of(Objects.requireNonNull(model, "model")), family);
  }

  /**
   * A portrait-matting model.
   *
   * @param model where the model is
   * @param family which network it is
   * @return the stage
   */
  public static MattingStage of(ModelSource model, MattingFamily family) {
    return new MattingStage(Objects.requireNonNull(model, "model"), Objects.requireNonNull(family, "family"), null,
        null);
  }

  /**
   * A catalogue portrait-matting model, resolved through a model repository now.
   *
   * @param model a portrait matter from {@link io.gpen4j.models.Models}, such as
   *     {@link io.gpen4j.models.Models#MODNET_PHOTOGRAPHIC}
   * @param repository where to find it
   * @return the stage
   * @throws IllegalArgumentException if the model is not a portrait matter
   * @throws ModelException if the repository cannot provide a verified file
   */
  public static MattingStage of(ModelSpec model, ModelRepository repository) {
    CatalogueRole.require(model, repository, ModelRole.PORTRAIT_MATTER, "portrait matter");
    MattingFamily family = model.mattingFamily().orElseThrow(
        () -> new IllegalArgumentException(model.name() + " is a " + model.role() + ", not a portrait matter"));
    return of(repository.source(model), family);
  }

  /**
   * The coarser fallback for when no matting model is configured: the face parser's every class
   * but {@code background} is the person. The parser decides per pixel at 512 with no partial
   * alpha in hair, and the mask is softened by a blur of a few pixels; prefer a matting model
   * where hair edges matter. The parser runs with its own stage's settings, if set.
   *
   * @param parser a face-parsing stage
   * @return the stage
   */
  public static MattingStage fromParser(ParserStage parser) {
    return new MattingStage(null, null, Objects.requireNonNull(parser, "parser"), null);
  }

  /**
   * Sets how the model runs; by default the matter's settings in FP32. For a {@link #fromParser}
   * stage, the settings of a parser stage that sets none.
   *
   * @param settings the settings
   * @return a copy with the settings
   */
  public MattingStage withSettings(SessionSettings settings) {
    return new MattingStage(model, family, parser, Objects.requireNonNull(settings, "settings"));
  }

  /** Returns the matting model. @return where the model is; empty for a {@link #fromParser} stage */
  public Optional<ModelSource> model() {
    return Optional.ofNullable(model);
  }

  /** Returns the family. @return which network the model is; empty for a {@link #fromParser} stage */
  public Optional<MattingFamily> family() {
    return Optional.ofNullable(family);
  }

  /** Returns the face parser used as the fallback. @return the parser stage, present for {@link #fromParser} */
  public Optional<ParserStage> parser() {
    return Optional.ofNullable(parser);
  }

  /** Returns the settings set on this stage. @return the settings, if set */
  public Optional<SessionSettings> settings() {
    return Optional.ofNullable(settings);
  }

  /**
   * Opens the model and checks it against its family.
   *
   * @throws ModelException if the file is missing or the model does not fit its family
   */
  ImageMatting open(StageSessions sessions) {
    if (parser != null) {
      return new ParsingMatting(parser.open(sessions, settings));
    }
    ModelSession session = sessions.open(model, sessions.fp32Settings(settings), "portrait-matting",
        "; a catalogue matting model (Models.MODNET_PHOTOGRAPHIC) comes with MattingStage.of(ModelSpec, "
            + "ModelRepository)");
    return new MattingModel(session, model.name() + " (" + model.path() + ")", family);
  }

  @Override
  public String toString() {
    return parser != null ? "MattingStage[" + parser + " as a coarse matte]"
        : "MattingStage[" + model.name() + ", " + family + "]";
  }
}
