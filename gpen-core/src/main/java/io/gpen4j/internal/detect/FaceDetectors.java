package io.gpen4j.internal.detect;

import io.gpen4j.DetectorType;
import io.gpen4j.FaceDetector;
import io.gpen4j.spi.ModelSession;
import java.util.Objects;

/**
 * Creates the {@link FrameDetector} for a detector model, whatever backend runs it. The pipeline's
 * entry point into this package.
 */
public final class FaceDetectors {
  private FaceDetectors() {}

  /**
   * Builds the detector for a detector model. The session's inputs and outputs are checked at
   * once. The returned detector is thread-safe (it keeps no per-call state) and does not own the
   * session: whoever opened it closes it, after the last call to the detector. Faces scoring
   * below {@code scoreThreshold} are dropped, and of two faces whose boxes overlap with an
   * intersection over union above 0.4 only the better is kept.
   *
   * @param type the detector family the model belongs to
   * @param session the loaded detector model
   * @param scoreThreshold the lowest score a face may have, in [0, 1]
   * @return the detector
   * @throws NullPointerException if {@code type} or {@code session} is null
   * @throws IllegalArgumentException if the threshold is outside [0, 1]
   * @throws io.gpen4j.ModelException if the session's inputs or outputs are not those of a
   *     {@code type} model; the message names the expected and the actual inputs and outputs
   */
  public static FrameDetector create(DetectorType type, ModelSession session, double scoreThreshold) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(session, "session");
    if (!(scoreThreshold >= 0 && scoreThreshold <= 1)) {
      throw new IllegalArgumentException("scoreThreshold must be in [0, 1]: " + scoreThreshold);
    }
    DetectorModel model;
    switch (type) {
      case YUNET:
        model = YuNetDecoder.bind(session);
        break;
      case SCRFD:
        model = ScrfdDecoder.bind(session);
        break;
      case RETINAFACE:
        model = RetinaFaceDecoder.bind(session);
        break;
      default:
        throw new IllegalArgumentException("unsupported detector type: " + type);
    }
    return new ModelFaceDetector(model, session, scoreThreshold);
  }
}
