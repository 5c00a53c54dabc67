package io.gpen4j.spi;

/** The numeric precision a model runs in. Callers always exchange float32 tensors. */
public enum Precision {
  /** 32-bit floating point, supported everywhere. */
  FP32,
  /** 16-bit floating point: half the memory, faster on GPUs with tensor cores. */
  FP16
}
