package io.gpen4j.spi;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a model runs.
 *
 * @param kind the kind of device
 * @param index the GPU index for {@link Kind#CUDA} and {@link Kind#TENSORRT}; 0 for the CPU
 */
public record Device(Kind kind, int index) {
  /** The kinds of device. */
  public enum Kind {
    /** The host CPU. */
    CPU,
    /** An NVIDIA GPU through CUDA. */
    CUDA,
    /** An NVIDIA GPU through TensorRT (with CUDA for what TensorRT does not take). */
    TENSORRT
  }

  private static final Device CPU = new Device(Kind.CPU, 0);

  /**
   * Validates the device.
   *
   * @throws IllegalArgumentException if the index is negative, or not 0 for the CPU
   */
  public Device {
    Objects.requireNonNull(kind, "kind");
    if (index < 0 || (kind == Kind.CPU && index != 0)) {
      throw new IllegalArgumentException("invalid device index " + index + " for " + kind);
    }
  }

  /** Returns the CPU. @return the CPU device */
  public static Device cpu() {
    return CPU;
  }

  /**
   * Returns a CUDA GPU.
   *
   * @param index the GPU index
   * @return the device
   */
  public static Device cuda(int index) {
    return new Device(Kind.CUDA, index);
  }

  /**
   * Returns a GPU driven through TensorRT.
   *
   * @param index the GPU index
   * @return the device
   */
  public static Device tensorRt(int index) {
    return new Device(Kind.TENSORRT, index);
  }

  /**
   * Parses {@code cpu}, {@code cuda}, {@code cuda:N}, {@code tensorrt} or {@code tensorrt:N}.
   *
   * @param text the device text, case-insensitive
   * @return the device
   * @throws IllegalArgumentException if the text is not one of those forms
   */
  public static Device parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    String[] parts = t.split(":", -1);
    if (parts.length > 2) {
      throw new IllegalArgumentException(bad(text));
    }
    int index = 0;
    if (parts.length == 2) {
      try {
        index = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(bad(text), e);
      }
    }
    switch (parts[0]) {
      case "cpu":
        if (parts.length == 2) {
          throw new IllegalArgumentException(bad(text));
        }
        return CPU;
      case "cuda":
      case "gpu":
        return cuda(index);
      case "tensorrt":
      case "trt":
        return tensorRt(index);
      default:
        throw new IllegalArgumentException(bad(text));
    }
  }

  private static String bad(String text) {
    return "unknown device '" + text + "'; expected cpu, cuda[:N] or tensorrt[:N]";
  }

  /** Returns whether this is a GPU. @return true for CUDA and TensorRT */
  public boolean isGpu() {
    return kind != Kind.CPU;
  }

  @Override
  public String toString() {
    return kind == Kind.CPU ? "cpu" : kind.name().toLowerCase(Locale.ROOT) + ":" + index;
  }
}
