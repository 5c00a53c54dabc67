package io.gpen4j;

import io.gpen4j.internal.detect.BundledYuNet;
import io.gpen4j.internal.detect.FaceDetectors;
import io.gpen4j.internal.detect.FrameDetector;
import io.gpen4j.internal.pipeline.RestorePipeline;
import io.gpen4j.internal.pipeline.StageSessions;
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
 * The detect stage of a {@link FaceRestorer}: a built-in detector model ({@link DetectorType})
 * run through the restorer's backend, or a {@link FaceDetector} of your own. Immutable; each
 * {@code with...} method returns a copy. Without one, the restorer uses {@link #bundled()}.
 *
 * <pre>{@code
 * FaceRestorer.builder()
 *     .detector(DetectorStage.of(DetectorType.SCRFD, Path.of("scrfd_2.5g_bnkps.onnx")).withScoreFloor(0.6))
 * }</pre>
 */
public final class DetectorStage {
  /** YuNet scores foliage in the Solvay photo at 0.59 and every face there at 0.82 or more. */
  private static final double YUNET_SCORE_FLOOR = 0.7;
  private static final double DEFAULT_SCORE_FLOOR = 0.5;
  private static final int DEFAULT_DOWNSCALE_THRESHOLD = 1500;
  private static final int DEFAULT_DOWNSCALE_SIZE = 1024;

  private final DetectorType type;
  private final ModelSource model;
  private final FaceDetector own;
  private final double scoreFloor;
  private final SessionSettings settings;
  private final int downscaleThreshold;
  private final int downscaleSize;

  private DetectorStage(DetectorType type, ModelSource model, FaceDetector own, double scoreFloor,
      SessionSettings settings, int downscaleThreshold, int downscaleSize) {
    this.type = type;
    this.model = model;
    this.own = own;
    this.scoreFloor = scoreFloor;
    this.settings = settings;
    this.downscaleThreshold = downscaleThreshold;
    this.downscaleSize = downscaleSize;
  }

  /**
   * The YuNet 2023mar detector shipped inside gpen-core (MIT licence): the default.
   *
   * @return the stage
   */
  public static DetectorStage bundled() {
    return new DetectorStage(DetectorType.YUNET, null, null, Double.NaN, null,
        DEFAULT_DOWNSCALE_THRESHOLD, DEFAULT_DOWNSCALE_SIZE);
  }

  /**
   * A built-in detector and its model file.
   *
   * @param type which detector the model is
   * @param model the detector's ONNX file
   * @return the stage
   */
  public static DetectorStage of(DetectorType type, Path model) {
    return of(type, ModelSource.of(Objects.requireNonNull(model, "model")));
  }

  /**
   * A built-in detector and its model.
   *
   * @param type which detector the model is
   * @param model where the model is
   * @return the stage
   */
  public static DetectorStage of(DetectorType type, ModelSource model) {
    return new DetectorStage(Objects.requireNonNull(type, "type"), Objects.requireNonNull(model, "model"), null,
        Double.NaN, null, DEFAULT_DOWNSCALE_THRESHOLD, DEFAULT_DOWNSCALE_SIZE);
  }

  /**
   * A catalogue detector, resolved through a model repository now.
   *
   * @param model a detector from {@link io.gpen4j.models.Models}
   * @param repository where to find it
   * @return the stage
   * @throws IllegalArgumentException if the model is not a detector
   * @throws ModelException if the repository cannot provide a verified file
   */
  public static DetectorStage of(ModelSpec model, ModelRepository repository) {
    CatalogueRole.require(model, repository, ModelRole.DETECTOR, "detector");
    DetectorType type = model.detectorType().orElseThrow(
        () -> new IllegalArgumentException(model.name() + " is a " + model.role() + ", not a detector"));
    return of(type, repository.source(model));
  }

  /**
   * A detector of your own. The restorer does not close it. Large images are shown to it shrunk
   * (see {@link #withDownscale(int, int)}).
   *
   * @param detector a thread-safe detector
   * @return the stage
   */
  public static DetectorStage of(FaceDetector detector) {
    return new DetectorStage(null, null, Objects.requireNonNull(detector, "detector"), Double.NaN, null,
        DEFAULT_DOWNSCALE_THRESHOLD, DEFAULT_DOWNSCALE_SIZE);
  }

  /**
   * Sets the lowest score a built-in detector reports. {@link RestoreOptions#minScore()} then
   * filters per call, so it has no effect below this floor. The default depends on the detector:
   * 0.7 for YuNet (foliage in the Solvay photo scores 0.59 while every face there scores at least
   * 0.82), 0.5 for SCRFD and RetinaFace.
   *
   * @param score a score in [0, 1]
   * @return a copy with the floor
   * @throws IllegalArgumentException if outside [0, 1]
   */
  public DetectorStage withScoreFloor(double score) {
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("detectionScoreFloor must be in [0, 1]: " + score);
    }
    return new DetectorStage(type, model, own, score, settings, downscaleThreshold, downscaleSize);
  }

  /**
   * Sets how a built-in detector runs; by default the restorer-wide settings in FP32.
   *
   * @param settings the settings
   * @return a copy with the settings
   */
  public DetectorStage withSettings(SessionSettings settings) {
    return new DetectorStage(type, model, own, scoreFloor, Objects.requireNonNull(settings, "settings"),
        downscaleThreshold, downscaleSize);
  }

  /**
   * Sets when a detector of your own is shown a shrunk copy: images whose long side exceeds
   * {@code threshold} are detected at a long side of {@code size}; coordinates are mapped back so
   * crops come from the full-resolution image. Built-in detectors do not need it: they resample
   * the full image straight into their input in one pass.
   *
   * @param threshold the long side above which to shrink; 1500 by default
   * @param size the long side to shrink to; 1024 by default, not above {@code threshold}
   * @return a copy with the sizes
   * @throws IllegalArgumentException if not positive or {@code size > threshold}
   */
  public DetectorStage withDownscale(int threshold, int size) {
    if (threshold <= 0 || size <= 0 || size > threshold) {
      throw new IllegalArgumentException(
          "detection downscale needs 0 < size <= threshold: threshold=" + threshold + ", size=" + size);
    }
    return new DetectorStage(type, model, own, scoreFloor, settings, threshold, size);
  }

  /** Returns the built-in detector's type. @return the type; empty for a detector of your own */
  public Optional<DetectorType> type() {
    return Optional.ofNullable(type);
  }

  /** Returns the settings set on this stage. @return the settings, if set */
  public Optional<SessionSettings> settings() {
    return Optional.ofNullable(settings);
  }

  /**
   * Opens the detector model and checks it against its type, or adapts the caller's detector.
   *
   * @param sessions the assembly
   * @param fallback the settings to use when this stage sets none, or null for the restorer-wide
   *     settings in FP32
   * @return the detect stage
   * @throws ModelException if the model does not fit its type
   */
  FrameDetector open(StageSessions sessions, SessionSettings fallback) {
    if (own != null) {
      return RestorePipeline.callerDetector(own, downscaleThreshold, downscaleSize);
    }
    // Free size: a guided search runs the detector on windows cut to size (YuNet is exported at 640 x 640).
    SessionSettings s = sessions.fp32Settings(settings != null ? settings : fallback).toBuilder()
        .freeImageSize(true).build();
    ModelSource source = model != null ? model : BundledYuNet.source();
    ModelSession session = model != null
        ? sessions.open(source, s, "detector", "")
        : sessions.open(source, s);
    double floor = Double.isNaN(scoreFloor) ? (type == DetectorType.YUNET ? YUNET_SCORE_FLOOR : DEFAULT_SCORE_FLOOR)
        : scoreFloor;
    try {
      return FaceDetectors.create(type, session, floor);
    } catch (ModelException e) {
      throw new ModelException(source.name() + " (" + source.path() + "): " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return own != null ? "DetectorStage[" + own + "]"
        : "DetectorStage[" + type + ", " + (model != null ? model.name() : "bundled") + "]";
  }
}
