package io.gpen4j.bench;

import io.gpen4j.spi.Device;
import io.gpen4j.spi.Precision;
import java.util.Locale;
import java.util.Objects;

/**
 * One configuration a user can choose: which backend, on which device, in which precision, with
 * which GPEN resolution.
 *
 * @param backend the backend's ServiceLoader name, such as {@code onnx}
 * @param device where the generator runs
 * @param precision the generator's precision
 * @param modelSize the generator's crop size S (256, 512, 1024, 2048)
 */
record BenchConfig(String backend, Device device, Precision precision, int modelSize) {
  /** The backend that converts FP32 models to FP16 at load; the others need an FP16 file. */
  static final String ONNX = "onnx";
  /** The backend that runs TorchScript files instead of ONNX ones. */
  static final String DJL_PYTORCH = "djl-pytorch";

  BenchConfig {
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(precision, "precision");
    if (modelSize != 256 && modelSize != 512 && modelSize != 1024 && modelSize != 2048) {
      throw new IllegalArgumentException("GPEN model size must be 256, 512, 1024 or 2048: " + modelSize);
    }
  }

  /**
   * Parses the strings JMH passes as {@code @Param} values.
   *
   * @throws IllegalArgumentException if a value is malformed
   */
  static BenchConfig parse(String backend, String device, String precision, int modelSize) {
    return new BenchConfig(backend.trim().toLowerCase(Locale.ROOT), Device.parse(device),
        Precision.valueOf(precision.trim().toUpperCase(Locale.ROOT)), modelSize);
  }

  /** Returns the model file extension this backend loads: {@code pt} or {@code onnx}. */
  String modelExtension() {
    return DJL_PYTORCH.equals(backend) ? "pt" : "onnx";
  }

  /** Returns whether FP16 needs a file stored in float16 (DJL cannot convert at load). */
  boolean needsFp16File() {
    return precision == Precision.FP16 && !ONNX.equals(backend);
  }

  /** Returns a short label such as {@code onnx cpu FP32 256}. */
  String label() {
    return backend + " " + device + " " + precision + " " + modelSize;
  }
}
