package io.gpen4j;

import io.gpen4j.internal.catalog.FileNameFamily;
import io.gpen4j.internal.catalog.KnownModels;
import io.gpen4j.internal.pipeline.FaceBatcher;
import io.gpen4j.internal.pipeline.FaceEnhancer;
import io.gpen4j.internal.pipeline.FaceParser;
import io.gpen4j.internal.pipeline.GeneratorRoute;
import io.gpen4j.internal.pipeline.GeneratorRoutes;
import io.gpen4j.internal.pipeline.StageSessions;
import io.gpen4j.models.GeneratorFamily;
import io.gpen4j.models.GeneratorProfile;
import io.gpen4j.models.ModelRepository;
import io.gpen4j.models.ModelRole;
import io.gpen4j.models.ModelSpec;
import io.gpen4j.spi.Device;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The generator stage of a {@link FaceRestorer}: the face-restoration model (GPEN, GFPGAN,
 * CodeFormer, RestoreFormer++), what it needs ({@link GeneratorProfile}) and how it runs. Required.
 * Immutable; each {@code with...} method returns a copy.
 *
 * <pre>{@code
 * FaceRestorer.builder()
 *     .generator(GeneratorStage.of(Path.of("my-codeformer.onnx"))
 *         .withProfile(GeneratorFamily.CODEFORMER.profile()))
 * }</pre>
 *
 * <p>What the model needs is taken from {@link #withProfile(GeneratorProfile)}, else from the
 * catalogue (for {@link #of(ModelSpec, ModelRepository)}, or a file recognised by its SHA-256 as a
 * catalogue model), else it is taken for a GPEN generator. The model is opened and checked against
 * that profile when the restorer is built.
 *
 * <p>Small faces: {@link #withSmallFaceModel(ModelSource)} adds a smaller model of the same family
 * (GPEN-BFR-256 beside GPEN-BFR-512) that restores the faces pasted smaller than a threshold. A
 * face's paste size is the side, in output pixels, of the square its aligned crop covers when
 * pasted back (upscale x crop side / the alignment's scale); below the small model's own crop side,
 * the large model's extra pixels are shrunk away when pasted, at several times the cost (GPEN-512
 * took 8.3x GPEN-256's time per face in issue 29's measurement). {@link RestoredFace#model()} says
 * which model ran on each face.
 */
public final class GeneratorStage {
  private static final Logger LOG = LoggerFactory.getLogger(GeneratorStage.class);

  private final ModelSource model;
  private final GeneratorProfile profile;
  private final GeneratorProfile catalogueProfile;
  private final AlignmentTemplate template;
  private final SessionSettings settings;
  private final ModelSource smallModel;
  /** Faces pasted below this many output pixels go to {@code smallModel}; 0: the small model's crop side. */
  private final int smallBelow;

  private GeneratorStage(ModelSource model, GeneratorProfile profile, GeneratorProfile catalogueProfile,
      AlignmentTemplate template, SessionSettings settings) {
    this(model, profile, catalogueProfile, template, settings, null, 0);
  }

  private GeneratorStage(ModelSource model, GeneratorProfile profile, GeneratorProfile catalogueProfile,
      AlignmentTemplate template, SessionSettings settings, ModelSource smallModel, int smallBelow) {
    this.model = model;
    this.profile = profile;
    this.catalogueProfile = catalogueProfile;
    this.template = template;
    this.settings = settings;
    this.smallModel = smallModel;
    this.smallBelow = smallBelow;
  }

  /**
   * A generator model file.
   *
   * @param model an ONNX file (or a TorchScript file for the DJL PyTorch engine)
   * @return the stage
   */
  public static GeneratorStage of(Path model) {
    return of(ModelSource.of(Objects.requireNonNull(model, "model")));
  }

  /**
   * A generator model.
   *
   * @param model where the model is
   * @return the stage
   */
  public static GeneratorStage of(ModelSource model) {
    return new GeneratorStage(Objects.requireNonNull(model, "model"), null, null, null, null);
  }

  /**
   * A catalogue generator, resolved (and downloaded, if the repository allows it) now, with the
   * catalogue's profile (template, size, scalar inputs).
   *
   * @param model a restorer from {@link io.gpen4j.models.Models}
   * @param repository where to find it
   * @return the stage
   * @throws IllegalArgumentException if the model is not a restorer
   * @throws ModelException if the repository cannot provide a verified file
   */
  public static GeneratorStage of(ModelSpec model, ModelRepository repository) {
    CatalogueRole.require(model, repository, ModelRole.RESTORER, "restorer");
    return new GeneratorStage(repository.source(model), null, model.generatorProfile().orElseThrow(), null, null);
  }

  /**
   * Describes what the generator needs: its family, crop size, template, normalisation and scalar
   * inputs. Needed only for a file the catalogue does not know that is not a GPEN generator, such
   * as your own CodeFormer export.
   *
   * @param profile the profile
   * @return a copy with the profile
   */
  public GeneratorStage withProfile(GeneratorProfile profile) {
    return new GeneratorStage(model, Objects.requireNonNull(profile, "profile"), catalogueProfile, template, settings,
        smallModel, smallBelow);
  }

  /**
   * Sets the alignment template the generator was trained with, overriding its profile's.
   *
   * @param template the template
   * @return a copy with the template
   */
  public GeneratorStage withTemplate(AlignmentTemplate template) {
    return new GeneratorStage(model, profile, catalogueProfile, Objects.requireNonNull(template, "template"), settings,
        smallModel, smallBelow);
  }

  /**
   * Sets how the generator runs (device, precision, threads), instead of the restorer-wide
   * {@link FaceRestorer.Builder#sessionSettings(SessionSettings)}.
   *
   * @param settings the settings
   * @return a copy with the settings
   */
  public GeneratorStage withSettings(SessionSettings settings) {
    return new GeneratorStage(model, profile, catalogueProfile, template, Objects.requireNonNull(settings, "settings"),
        smallModel, smallBelow);
  }

  /**
   * Adds a smaller generator of the same family for small faces: faces whose crop is pasted smaller
   * than the small model's own crop side (256 output pixels for GPEN-BFR-256) go to it, the others
   * to this stage's model. It is opened with this stage's profile (template, normalisation, scalar
   * inputs) and settings, at the crop side the file declares, which must be smaller than this
   * stage's.
   *
   * @param model the small model, e.g. GPEN-BFR-256 beside a GPEN-BFR-512 generator
   * @return a copy with the small-face model
   */
  public GeneratorStage withSmallFaceModel(ModelSource model) {
    return new GeneratorStage(this.model, profile, catalogueProfile, template, settings,
        Objects.requireNonNull(model, "model"), 0);
  }

  /**
   * Adds a smaller generator of the same family for faces pasted smaller than a threshold, as
   * {@link #withSmallFaceModel(ModelSource)} does with a threshold of your choice.
   *
   * @param model the small model
   * @param pastedBelow faces whose crop is pasted at fewer output pixels than this (the square's
   *     side) go to the small model
   * @return a copy with the small-face model
   * @throws IllegalArgumentException if {@code pastedBelow} is not positive
   */
  public GeneratorStage withSmallFaceModel(ModelSource model, int pastedBelow) {
    if (pastedBelow < 1) {
      throw new IllegalArgumentException("pastedBelow must be positive: " + pastedBelow);
    }
    return new GeneratorStage(this.model, profile, catalogueProfile, template, settings,
        Objects.requireNonNull(model, "model"), pastedBelow);
  }

  /** Returns the small-face model set on this stage. @return the model, if set */
  public Optional<ModelSource> smallFaceModel() {
    return Optional.ofNullable(smallModel);
  }

  /** Returns the model. @return where the model is */
  public ModelSource model() {
    return model;
  }

  /** Returns the profile set on this stage. @return the profile, if set */
  public Optional<GeneratorProfile> profile() {
    return Optional.ofNullable(profile);
  }

  /** Returns the settings set on this stage. @return the settings, if set */
  public Optional<SessionSettings> settings() {
    return Optional.ofNullable(settings);
  }

  /**
   * Opens the model and checks it against its profile.
   *
   * @param sessions the assembly
   * @return the enhance stage
   * @throws ModelException if the file is missing or the model does not fit the profile
   */
  FaceEnhancer open(StageSessions sessions) {
    ModelSession session = sessions.open(model, sessions.settings(settings), "generator",
        ". GPEN weights are not bundled (non-commercial licence): give the path of a file you have, or"
            + " download a catalogue model with GeneratorStage.of(ModelSpec, ModelRepository).");
    return new FaceEnhancer(session, model.name(), resolveProfile());
  }

  /**
   * Chooses how many faces go to the generator per call: the limits' batch cap (by default: 4, or
   * 1 on the CPU for crops over 256 px, {@link Limits#BATCH_SIZE_BY_MODEL}), bounded by the model
   * and the memory budget; with TensorRT every call is padded to that size, since it builds an
   * engine per input shape.
   *
   * @param enhancer the opened generator
   * @param sessions the assembly, for the settings the generator runs with
   * @param limits the restorer's limits
   * @return the enhance stage and its batch size
   */
  FaceBatcher batcher(FaceEnhancer enhancer, StageSessions sessions, Limits limits) {
    Device.Kind kind = sessions.settings(settings).device().kind();
    int cap = limits.maxBatchSize();
    if (cap == Limits.BATCH_SIZE_BY_MODEL) {
      cap = kind == Device.Kind.CPU && enhancer.size() > Limits.LARGEST_CPU_BATCHED_CROP
          ? 1 : Limits.DEFAULT_MAX_BATCH_SIZE;
    }
    return FaceBatcher.choose(enhancer, cap, limits.memoryBudget(), kind == Device.Kind.TENSORRT);
  }

  /**
   * The generators faces are sent to: the opened one, and the small-face model (opened here) when
   * one is set. Each gets its own batch size from the limits.
   *
   * @param enhancer the opened generator
   * @param sessions the assembly
   * @param limits the restorer's limits
   * @param parser the face parser, or null
   * @return the routes
   * @throws ModelException if the small-face model is missing, does not fit the profile, or is not
   *     smaller than the generator
   */
  GeneratorRoutes routes(FaceEnhancer enhancer, StageSessions sessions, Limits limits, FaceParser parser) {
    AlignmentTemplate t = enhancer.profile().template();
    GeneratorRoute large = new GeneratorRoute(batcher(enhancer, sessions, limits), t, parser);
    if (smallModel == null) {
      return GeneratorRoutes.single(large);
    }
    ModelSession session = sessions.open(smallModel, sessions.settings(settings), "small-face generator",
        ": give the path of a smaller model of the generator's family (GeneratorStage.withSmallFaceModel).");
    FaceEnhancer small = new FaceEnhancer(session, smallModel.name(), enhancer.profile().withInputSize(0));
    if (small.size() >= enhancer.size()) {
      throw new ModelException("the small-face model " + smallModel.name() + " takes " + small.size()
          + " px crops, not fewer than the generator " + model.name() + "'s " + enhancer.size()
          + " px (GeneratorStage.withSmallFaceModel): give a smaller model of the same family");
    }
    int below = smallBelow > 0 ? smallBelow : small.size();
    LOG.info("faces pasted below {} px go to {} ({} px), the others to {} ({} px)", below, smallModel.name(),
        small.size(), model.name(), enhancer.size());
    return new GeneratorRoutes(large, new GeneratorRoute(batcher(small, sessions, limits), t, parser), below);
  }

  /**
   * The stage's profile, else the catalogue's when the file is a known public model (recognised by
   * SHA-256), else the family its file name says (facefusion's and Rope's names), else a GPEN
   * generator's with a warning; the template set here overrides the profile's.
   */
  private GeneratorProfile resolveProfile() {
    GeneratorProfile p = profile != null ? profile : catalogueProfile;
    if (p == null) {
      Optional<ModelSpec> known = KnownModels.identify(model.path(), ModelRole.RESTORER);
      known.ifPresent(k -> LOG.info("{} is the catalogue model {}; using its {} profile",
          model.path(), k.name(), k.generatorProfile().orElseThrow()));
      p = known.flatMap(ModelSpec::generatorProfile).orElseGet(() -> profileFromName(model.path()));
    }
    return template != null ? p.withTemplate(template) : p;
  }

  /**
   * The profile of a generator file the catalogue does not know: the family its name says, else
   * GPEN's, with a warning that says how to choose.
   */
  private static GeneratorProfile profileFromName(java.nio.file.Path file) {
    Optional<GeneratorFamily> named = FileNameFamily.of(file);
    if (named.isPresent()) {
      LOG.info("{} is not in the catalogue; its name says {}: using that family's profile", file, named.get());
      return named.get().profile();
    }
    LOG.warn("{} is not in the catalogue and its name does not say which restorer it is: running it as GPEN "
        + "(GPEN's template). If it is GFPGAN, CodeFormer or RestoreFormer++, say so with "
        + "GeneratorStage.withProfile(GeneratorFamily.<family>.profile()) (CLI: --model-family)", file);
    return GeneratorFamily.GPEN.profile();
  }

  @Override
  public String toString() {
    return "GeneratorStage[" + model.name() + (profile != null ? ", " + profile : "")
        + (smallModel != null ? ", small faces: " + smallModel.name() : "") + "]";
  }
}
