package io.gpen4j.spark;

import io.gpen4j.ImageFormat;
import io.gpen4j.RestoreOptions;
import java.io.Serializable;
import java.util.Objects;

/**
 * The per-photo options of a Spark restore, in a form that travels to the executors
 * ({@link RestoreOptions} itself is not serialisable).
 *
 * @param onlyLargestFace restore only the largest face
 * @param minFaceSize the smallest face restored, in pixels (0: all)
 * @param fidelity how much of the restored face replaces the original, 0 to 1
 * @param upscale the output scale, 1, 2 or 4
 * @param format the output format
 * @param photosPerBatch how many photos of a partition send their faces to the generator together
 */
record PhotoSettings(boolean onlyLargestFace, int minFaceSize, double fidelity, int upscale, ImageFormat format,
    int photosPerBatch) implements Serializable {
  private static final long serialVersionUID = 1L;

  PhotoSettings {
    Objects.requireNonNull(format, "format");
    if (photosPerBatch < 1) {
      throw new IllegalArgumentException("photosPerBatch must be at least 1: " + photosPerBatch);
    }
    options(onlyLargestFace, minFaceSize, fidelity, upscale);
  }

  /** The restore options these settings give. @return the options */
  RestoreOptions options() {
    return options(onlyLargestFace, minFaceSize, fidelity, upscale);
  }

  private static RestoreOptions options(boolean onlyLargestFace, int minFaceSize, double fidelity, int upscale) {
    RestoreOptions.Builder b = RestoreOptions.builder().minFaceSize(minFaceSize).fidelity(fidelity).upscale(upscale);
    if (onlyLargestFace) {
      b.onlyLargestFace();
    }
    return b.build();
  }
}
