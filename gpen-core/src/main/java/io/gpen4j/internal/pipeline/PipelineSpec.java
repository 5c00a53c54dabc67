package io.gpen4j.internal.pipeline;

import io.gpen4j.AlignmentTemplate;
import io.gpen4j.DetectorType;
import io.gpen4j.FaceDetector;
import io.gpen4j.Ticker;
import io.gpen4j.models.GeneratorProfile;
import io.gpen4j.models.ParserFamily;
import io.gpen4j.spi.InferenceBackend;
import io.gpen4j.spi.ModelSource;
import io.gpen4j.spi.SessionSettings;
import java.util.Objects;

/**
 * What a {@link io.gpen4j.FaceRestorer.Builder} was told, validated there, handed to
 * {@link PipelineFactory}. Optional parts are null when not set.
 *
 * @param generator the generator model
 * @param template the alignment template, or null to take the catalogue's or GPEN's own
 * @param detectorType the detector model's type, or null for the bundled YuNet or a caller's detector
 * @param detectorModel the detector model, or null for the bundled YuNet or a caller's detector
 * @param faceDetector the caller's detector, or null for a built-in one
 * @param backendName the backend to look up by name, or null
 * @param backend the backend instance to use, or null to discover one
 * @param sessionSettings how the generator runs
 * @param detectorSettings how the detector runs, or null for the generator's settings in FP32
 * @param detectionThreshold the long side above which a caller's detector sees a shrunk copy
 * @param detectionSize the long side of that copy
 * @param detectionScoreFloor the built-in detector's score floor, or NaN for the type's default
 * @param maxImagePixels the pixel limit
 * @param maxFacesPerImage the face cap per image
 * @param ticker the clock for stage timings
 * @param generatorProfile what the generator needs, or null to take the catalogue's (by SHA-256)
 *     or a GPEN generator's; {@code template}, when set, overrides its template
 * @param maxBatchSize the most faces per generator call, when the model takes batches
 * @param memoryBudget the restorer's memory budget in bytes, which bounds the batch size
 * @param faceParser the face-parsing model, or null for none
 * @param parserFamily the face parser's family, set when {@code faceParser} is
 * @param backgroundModel the background super-resolution model, or null for none
 * @param backgroundTileSize the background model's tile side, for a model with a free input size
 * @param backgroundDenoise the denoise strength of the background model, or null to run it as it is
 */
public record PipelineSpec(
    ModelSource generator,
    AlignmentTemplate template,
    DetectorType detectorType,
    ModelSource detectorModel,
    FaceDetector faceDetector,
    String backendName,
    InferenceBackend backend,
    SessionSettings sessionSettings,
    SessionSettings detectorSettings,
    int detectionThreshold,
    int detectionSize,
    double detectionScoreFloor,
    long maxImagePixels,
    int maxFacesPerImage,
    Ticker ticker,
    GeneratorProfile generatorProfile,
    int maxBatchSize,
    long memoryBudget,
    ModelSource faceParser,
    ParserFamily parserFamily,
    ModelSource backgroundModel,
    int backgroundTileSize,
    BackgroundDenoise backgroundDenoise) {
  /**
   * Checks the required parts.
   *
   * @throws NullPointerException if the generator, settings or ticker are null, or a detector model
   *     is given without its type
   * @throws IllegalArgumentException if the background tile size is out of range
   */
  public PipelineSpec {
    Objects.requireNonNull(generator, "generator");
    Objects.requireNonNull(sessionSettings, "sessionSettings");
    Objects.requireNonNull(ticker, "ticker");
    if (detectorModel != null) {
      Objects.requireNonNull(detectorType, "detectorType");
    }
    if (faceParser != null) {
      Objects.requireNonNull(parserFamily, "parserFamily");
    }
    BackgroundEnhancer.checkTileSize(backgroundTileSize);
  }
}
