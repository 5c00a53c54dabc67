package io.gpen4j;

import io.gpen4j.internal.pipeline.BackgroundDenoise;
import io.gpen4j.internal.pipeline.BackgroundEnhancer;
import io.gpen4j.internal.pipeline.StageSessions;
import io.gpen4j.models.ModelRepository;
import io.gpen4j.models.ModelRole;
import io.gpen4j.models.ModelSpec;
import io.gpen4j.spi.ModelSession;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background stage of a {@link FaceRestorer}: a super-resolution model (Real-ESRGAN x2plus or
 * x4plus, realesr-general-x4v3, or any model with one input {@code [1,3,H,W]}, RGB in [0, 1], and
 * one output {@code [1,3,sH,sW]}, s = 1, 2 or 4). Every restore then enhances the whole photo with
 * it, in blended tiles, before the faces are pasted (see
 * {@link RestoreOptions#backgroundEnhancement()} to turn it off per call). The scale is read from
 * the model; when it differs from {@link RestoreOptions#upscale()} the model's output is resized to
 * the requested scale. Optional (without it the background is only resized); immutable.
 */
public final class BackgroundStage {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundStage.class);

  private final ModelSource model;
  private final int tileSize;
  private final SessionSettings settings;
  private final BackgroundDenoise denoise;

  private BackgroundStage(ModelSource model, int tileSize, SessionSettings settings) {
    this(model, tileSize, settings, null);
  }

  private BackgroundStage(ModelSource model, int tileSize, SessionSettings settings, BackgroundDenoise denoise) {
    this.model = model;
    this.tileSize = tileSize;
    this.settings = settings;
    this.denoise = denoise;
  }

  /**
   * A background model file.
   *
   * @param model an ONNX file
   * @return the stage
   */
  public static BackgroundStage of(Path model) {
    return of(ModelSource.of(Objects.requireNonNull(model, "model")));
  }

  /**
   * A background model.
   *
   * @param model where the model is
   * @return the stage
   */
  public static BackgroundStage of(ModelSource model) {
    return new BackgroundStage(Objects.requireNonNull(model, "model"), BackgroundEnhancer.DEFAULT_TILE_SIZE, null);
  }

  /**
   * A catalogue background model, resolved through a model repository now. The catalogue's
   * Real-ESRGAN entries are the official PyTorch checkpoints ({@code .pth}, the only files whose
   * SHA-256 is published), which the backends cannot open: for those this fails with how to convert
   * the file; pass the converted {@code .onnx} file to {@link #of(Path)}.
   *
   * @param model a background upscaler from {@link io.gpen4j.models.Models}
   * @param repository where to find it
   * @return the stage
   * @throws IllegalArgumentException if the model is not a background upscaler
   * @throws ModelException if the catalogue file is a PyTorch checkpoint, or the repository cannot
   *     provide a verified file
   */
  public static BackgroundStage of(ModelSpec model, ModelRepository repository) {
    CatalogueRole.require(model, repository, ModelRole.BACKGROUND_UPSCALER, "background upscaler");
    if (model.fileName().endsWith(".pth")) {
      throw new ModelException(model.name() + " is distributed as a PyTorch checkpoint (" + model.fileName()
          + "), which the inference backends cannot open: get it with ModelRepository.resolve, convert it to "
          + model.fileName().replace(".pth", ".onnx") + " with gpen4j's converter (architecture "
          + model.name().toLowerCase(Locale.ROOT) + ") and pass the .onnx file to BackgroundStage.of(Path)");
    }
    return of(repository.source(model));
  }

  /**
   * Sets the tile side, for a model with a free input size (a model with a fixed input uses its
   * own). Larger tiles run a little faster and hold more native memory: RRDBNet x4 needs about
   * 16 KB per tile pixel.
   *
   * @param pixels the tile side in input pixels; {@value BackgroundEnhancer#DEFAULT_TILE_SIZE} by default
   * @return a copy with the tile side
   * @throws IllegalArgumentException if outside [{@value BackgroundEnhancer#MIN_TILE_SIZE},
   *     {@value BackgroundEnhancer#MAX_TILE_SIZE}]
   */
  public BackgroundStage withTileSize(int pixels) {
    return new BackgroundStage(model, BackgroundEnhancer.checkTileSize(pixels), settings, denoise);
  }

  /**
   * Sets how the model runs, instead of the restorer-wide settings.
   *
   * @param settings the settings
   * @return a copy with the settings
   */
  public BackgroundStage withSettings(SessionSettings settings) {
    return new BackgroundStage(model, tileSize, Objects.requireNonNull(settings, "settings"), denoise);
  }

  /**
   * Sets realesr-general-x4v3's denoise strength, as Real-ESRGAN's {@code --denoise_strength}:
   * when the model is loaded its weights are interpolated with those of its weak-denoise twin
   * realesr-general-wdn-x4v3 (the same network; Real-ESRGAN's {@code RealESRGANer.dni}):
   * {@code w = strength w_general + (1 - strength) w_wdn}. 1 runs the general model as it is
   * (strong denoising, the default without this call), 0 the weak-denoise one (keeps noise and
   * texture); Real-ESRGAN's CLI uses 0.5. Both must be ONNX files of the same graph (converted
   * with {@code models/convert/convert.py --arch realesr-general-x4v3}); the ONNX Runtime backend
   * does the interpolation.
   *
   * @param weakDenoiseModel the converted realesr-general-wdn-x4v3 file
   * @param strength the denoise strength in [0, 1]
   * @return a copy with the denoise strength
   * @throws IllegalArgumentException if the strength is outside [0, 1]
   */
  public BackgroundStage withDenoise(Path weakDenoiseModel, double strength) {
    return new BackgroundStage(model, tileSize, settings,
        new BackgroundDenoise(ModelSource.of(Objects.requireNonNull(weakDenoiseModel, "weakDenoiseModel")), strength));
  }

  /** Returns the model. @return where the model is */
  public ModelSource model() {
    return model;
  }

  /** Returns the tile side. @return input pixels */
  public int tileSize() {
    return tileSize;
  }

  /** Returns the settings set on this stage. @return the settings, if set */
  public Optional<SessionSettings> settings() {
    return Optional.ofNullable(settings);
  }

  /**
   * Opens the model and checks it (one probe run for its scale).
   *
   * @param sessions the assembly
   * @return the background stage
   * @throws ModelException if the file is missing or the model does not fit
   */
  BackgroundEnhancer open(StageSessions sessions) {
    ModelSession session = denoise == null
        ? sessions.open(model, sessions.settings(settings), "background", "")
        : sessions.openInterpolated(model, denoise.weakDenoiseModel(), denoise.strength(), sessions.settings(settings));
    BackgroundEnhancer background = new BackgroundEnhancer(session, model.name(), tileSize);
    LOG.debug("background model {}: scale {}, tiles of {} px", model.name(), background.scale(), background.tileSize());
    return background;
  }

  @Override
  public String toString() {
    return "BackgroundStage[" + model.name() + ", tiles " + tileSize
        + (denoise != null ? ", denoise " + denoise.strength() : "") + "]";
  }
}
