package io.gpen4j.spark;

import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.spi.SessionSettings;
import java.io.Serializable;
import java.util.Objects;

/**
 * Everything that makes one executor restorer differ from another: the models and how their
 * sessions run. Equal keys share one {@link FaceRestorer} in an executor JVM
 * ({@link ExecutorRestorers}).
 *
 * @param generator the face restorer model
 * @param detector the detector model, or null for gpen-core's built-in YuNet
 * @param detectorType which detector a detector file is, or null to tell by its name
 * @param intraOpThreads the intra-op threads of each model run
 * @param concurrency the tasks that call the restorer at once
 * @param cacheDirectory where the backend keeps models it prepared for this machine, or null
 */
record RestorerKey(ModelReference generator, ModelReference detector, DetectorType detectorType,
    int intraOpThreads, int concurrency, String cacheDirectory) implements Serializable {
  private static final long serialVersionUID = 1L;

  RestorerKey {
    Objects.requireNonNull(generator, "generator");
    if (intraOpThreads < 1 || concurrency < 1) {
      throw new IllegalArgumentException("intraOpThreads and concurrency must be at least 1: "
          + intraOpThreads + ", " + concurrency);
    }
  }

  /**
   * Opens the restorer this key describes: the CLI's settings for as many concurrent callers.
   *
   * @return a new restorer; the caller owns it
   */
  FaceRestorer open() {
    SessionSettings.Builder settings = SessionSettings.builder()
        .concurrency(concurrency)
        .intraOpThreads(intraOpThreads);
    if (cacheDirectory != null) {
      settings.cacheDirectory(java.nio.file.Path.of(cacheDirectory));
    }
    FaceRestorer.Builder builder = FaceRestorer.builder()
        .generator(generator.resolve())
        .sessionSettings(settings.build());
    if (detector != null) {
      DetectorType type = detectorType != null ? detectorType : DetectorFiles.typeOf(detector);
      builder.detector(type, detector.resolve());
    }
    return builder.build();
  }
}
