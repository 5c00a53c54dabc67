package io.gpen4j.djl;

import io.gpen4j.DetectorType;
import io.gpen4j.FaceRestorer;
import io.gpen4j.testing.SharedData;
import java.nio.file.Path;

/** Builds the restorers the end-to-end, concurrency and soak tests run: a generator plus YuNet. */
final class DjlRestorers {
  private DjlRestorers() {}

  /**
   * Returns a restorer on one of DJL's backends with YuNet from the shared data.
   *
   * @param backend the backend's name, such as {@link DjlPyTorchBackend#NAME}
   * @param generator the generator model
   * @return a new restorer, which the caller closes
   */
  static FaceRestorer withYunet(String backend, Path generator) {
    return FaceRestorer.builder()
        .backend(backend)
        .generator(generator)
        .detector(DetectorType.YUNET, SharedData.yunet())
        .build();
  }
}
