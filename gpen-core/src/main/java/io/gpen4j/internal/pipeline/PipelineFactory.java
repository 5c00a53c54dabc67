package io.gpen4j.internal.pipeline;

import io.gpen4j.AlignmentTemplate;
import io.gpen4j.DetectorType;
import io.gpen4j.ModelException;
import io.gpen4j.internal.backend.BackendLocator;
import io.gpen4j.internal.catalog.FileNameFamily;
import io.gpen4j.internal.catalog.KnownModels;
import io.gpen4j.internal.detect.BundledYuNet;
import io.gpen4j.internal.detect.FaceDetectors;
import io.gpen4j.internal.detect.FrameDetector;
import io.gpen4j.models.GeneratorFamily;
import io.gpen4j.models.GeneratorProfile;
import io.gpen4j.models.ModelRole;
import io.gpen4j.models.ModelSpec;
import io.gpen4j.spi.Device;
import io.gpen4j.spi.InferenceBackend;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.Precision;
import io.gpen4j.spi.SessionSettings;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles a {@link RestorePipeline} from a {@link PipelineSpec}: finds the backend, identifies a
 * catalogue generator by its hash for its template, opens and checks the model sessions, and wires
 * the detector. On any failure the sessions opened so far are closed.
 */
public final class PipelineFactory {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineFactory.class);

  private PipelineFactory() {}

  /**
   * A pipeline and what it runs on.
   *
   * @param pipeline the pipeline
   * @param sessions the sessions it opened, owned by the caller, who closes them after the last call
   * @param backendName the backend's name
   */
  public record Assembled(RestorePipeline pipeline, List<ModelSession> sessions, String backendName) {
    /** Copies the list. */
    public Assembled {
      sessions = List.copyOf(sessions);
    }
  }

  /**
   * Opens the models and builds the pipeline.
   *
   * @param spec what to build
   * @return the pipeline with the sessions it owns
   * @throws ModelException if a model is missing, cannot be loaded, or does not fit its role
   * @throws io.gpen4j.BackendException if no backend is found or it cannot use the requested device
   */
  public static Assembled assemble(PipelineSpec spec) {
    InferenceBackend backend = spec.backend() != null
        ? spec.backend()
        : BackendLocator.find(spec.backendName(), Thread.currentThread().getContextClassLoader());
    if (!Files.isRegularFile(spec.generator().path())) {
      throw new ModelException("generator model not found: " + spec.generator().path() + " ("
          + spec.generator().name() + "). GPEN weights are not bundled (non-commercial licence): see "
          + "models/README.md for how to get them, or use io.gpen4j.models.ModelRepository to download a "
          + "catalogue model.");
    }
    GeneratorProfile profile = generatorProfile(spec);
    AlignmentTemplate template = profile.template();
    List<ModelSession> sessions = new ArrayList<>(2);
    try {
      ModelSession generator = backend.open(spec.generator(), spec.sessionSettings());
      sessions.add(generator);
      GpenEnhancer enhancer = new GpenEnhancer(generator, spec.generator().name(), profile);
      FrameDetector detector = spec.faceDetector() != null
          ? RestorePipeline.callerDetector(spec.faceDetector(), spec.detectionThreshold(), spec.detectionSize())
          : builtInDetector(spec, backend, sessions);
      // TensorRT builds an engine per input shape: pad every call to the one batch size.
      boolean fixedCallBatch = spec.sessionSettings().device().kind() == Device.Kind.TENSORRT;
      FaceBatcher batcher = FaceBatcher.choose(enhancer, spec.maxBatchSize(), spec.memoryBudget(), fixedCallBatch);
      FaceParser parser = spec.faceParser() == null ? null : faceParser(spec, backend, sessions);
      BackgroundEnhancer background = spec.backgroundModel() == null ? null : background(spec, backend, sessions);
      RestorePipeline pipeline = new RestorePipeline(detector, batcher, template, spec.maxFacesPerImage(),
          spec.maxImagePixels(), spec.ticker(), parser, background);
      LOG.debug("restorer ready: backend {}, generator {} ({} {}px, {}, {} faces per call), detector {}, "
          + "face parser {}, background {}", backend.name(), spec.generator().name(), profile.family(),
          enhancer.size(), template, batcher.batchSize(), detector, parser, background);
      return new Assembled(pipeline, sessions, backend.name());
    } catch (RuntimeException e) {
      for (ModelSession s : sessions) {
        try {
          s.close();
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /**
   * The caller's profile, else the catalogue's when the generator file is a known public model
   * (recognised by SHA-256), else the family its file name says, else a GPEN generator of the
   * model's size (with a warning); a template set on the builder overrides the profile's.
   */
  private static GeneratorProfile generatorProfile(PipelineSpec spec) {
    GeneratorProfile profile = spec.generatorProfile();
    if (profile == null) {
      Optional<ModelSpec> known = KnownModels.identify(spec.generator().path(), ModelRole.RESTORER);
      known.ifPresent(k -> LOG.info("{} is the catalogue model {}; using its {} profile",
          spec.generator().path(), k.name(), k.generatorProfile().orElseThrow()));
      profile = known.flatMap(ModelSpec::generatorProfile).orElseGet(() -> profileFromName(spec.generator().path()));
    }
    return spec.template() != null ? profile.withTemplate(spec.template()) : profile;
  }

  /**
   * The profile of a generator file the catalogue does not know: the family its name says
   * (facefusion's and Rope's names), else GPEN's, with a warning that says how to choose.
   */
  private static GeneratorProfile profileFromName(java.nio.file.Path file) {
    Optional<GeneratorFamily> named = FileNameFamily.of(file);
    if (named.isPresent()) {
      LOG.info("{} is not in the catalogue; its name says {}: using that family's profile", file, named.get());
      return named.get().profile();
    }
    LOG.warn("{} is not in the catalogue and its name does not say which restorer it is: running it as GPEN "
        + "(GPEN's template). If it is GFPGAN, CodeFormer or RestoreFormer++, say so with "
        + "FaceRestorer.Builder.generatorProfile(GeneratorFamily.<family>.profile()) (CLI: --model-family)", file);
    return GeneratorFamily.GPEN.profile();
  }

  /**
   * Opens the detector model, the built-in YuNet when none was given; detectors are small, so they
   * stay in FP32 unless told otherwise.
   */
  private static FrameDetector builtInDetector(PipelineSpec spec, InferenceBackend backend, List<ModelSession> sessions) {
    SessionSettings settings = spec.detectorSettings() != null
        ? spec.detectorSettings()
        : spec.sessionSettings().toBuilder().precision(Precision.FP32).build();
    boolean builtIn = spec.detectorModel() == null;
    ModelSource model = builtIn ? BundledYuNet.source() : spec.detectorModel();
    DetectorType type = builtIn ? DetectorType.YUNET : spec.detectorType();
    ModelSession session = backend.open(model, settings);
    sessions.add(session);
    double floor = Double.isNaN(spec.detectionScoreFloor()) ? defaultScoreFloor(type) : spec.detectionScoreFloor();
    try {
      return FaceDetectors.create(type, session, floor);
    } catch (ModelException e) {
      throw new ModelException(model.name() + " (" + model.path() + "): " + e.getMessage(), e);
    }
  }

  /**
   * Opens the face-parsing model and checks it against its family; like detectors it runs in FP32
   * unless the detector settings say otherwise, since an FP16 argmax can flip at class borders.
   */
  private static FaceParser faceParser(PipelineSpec spec, InferenceBackend backend, List<ModelSession> sessions) {
    ModelSource model = spec.faceParser();
    if (!Files.isRegularFile(model.path())) {
      throw new ModelException("face-parsing model not found: " + model.path() + " (" + model.name() + "); see "
          + "models/README.md (face parsers) for where to get BiSeNet or ParseNet");
    }
    SessionSettings settings = spec.detectorSettings() != null
        ? spec.detectorSettings()
        : spec.sessionSettings().toBuilder().precision(Precision.FP32).build();
    ModelSession session = backend.open(model, settings);
    sessions.add(session);
    return new FaceParser(session, model.name() + " (" + model.path() + ")", spec.parserFamily());
  }

  /** Opens the background model with the generator's settings and checks it (one probe run). */
  private static BackgroundEnhancer background(PipelineSpec spec, InferenceBackend backend, List<ModelSession> sessions) {
    ModelSource model = spec.backgroundModel();
    if (!Files.isRegularFile(model.path())) {
      throw new ModelException("background model not found: " + model.path() + " (" + model.name() + ")");
    }
    BackgroundDenoise denoise = spec.backgroundDenoise();
    if (denoise != null && !Files.isRegularFile(denoise.weakDenoiseModel().path())) {
      throw new ModelException("weak-denoise background model not found: " + denoise.weakDenoiseModel().path());
    }
    ModelSession session = denoise == null
        ? backend.open(model, spec.sessionSettings())
        : backend.openInterpolated(model, denoise.weakDenoiseModel(), denoise.strength(), spec.sessionSettings());
    sessions.add(session);
    BackgroundEnhancer background = new BackgroundEnhancer(session, model.name(), spec.backgroundTileSize());
    LOG.debug("background model {}: scale {}, tiles of {} px", model.name(), background.scale(), background.tileSize());
    return background;
  }

  /** YuNet scores foliage in the Solvay photo at 0.59 and every face there at 0.82 or more. */
  private static double defaultScoreFloor(DetectorType type) {
    return type == DetectorType.YUNET ? 0.7 : 0.5;
  }
}
