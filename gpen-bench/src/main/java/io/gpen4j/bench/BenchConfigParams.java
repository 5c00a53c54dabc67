package io.gpen4j.bench;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The {@code @Param}s that choose a {@link BenchConfig} (backend, device, precision, GPEN
 * resolution), declared once for every benchmark that compares configurations. JMH injects a
 * superclass's parameters into each concrete benchmark, which is named on the command line as
 * before ({@code -p backend=onnx -p modelSize=256}).
 */
@State(Scope.Benchmark)
public abstract class BenchConfigParams {
  /** The backend's ServiceLoader name. */
  @Param({"onnx", "djl-onnxruntime", "djl-pytorch"})
  public String backend;

  /** {@code cpu} or {@code cuda:N}. */
  @Param({"cpu", "cuda:0"})
  public String device;

  /** FP32 or FP16. */
  @Param({"FP32", "FP16"})
  public String precision;

  /** The GPEN resolution. */
  @Param({"256", "512", "1024"})
  public int modelSize;

  /**
   * Returns the configuration the parameters name.
   *
   * @return the parsed configuration
   * @throws IllegalArgumentException if a parameter is malformed
   */
  BenchConfig benchConfig() {
    return BenchConfig.parse(backend, device, precision, modelSize);
  }
}
